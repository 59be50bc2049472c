import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const optionalUrl = (protocols: string[]) =>
  z
    .string()
    .url({ message: 'must be a URL' })
    .refine((v) => protocols.some((p) => v.startsWith(`${p}:`)), {
      message: `must start with ${protocols.map((p) => `${p}://`).join(' or ')}`,
    })
    .optional();

/** Every environment variable the platform reads; `.env.example` documents each one. */
export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(1).max(65535).default(5000),
  HOST: z.string().min(1).default('0.0.0.0'),
  PUBLIC_URL: z.string().url({ message: 'must be a URL such as https://crm.example.de' }).optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  /**
   * Domain under which self-service offices get their address (`<subdomain>.<BASE_DOMAIN>`),
   * e.g. immoxx.de. Unset: offices are told their address name only.
   */
  BASE_DOMAIN: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^(?=.{3,200}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, {
      message: 'must be a domain such as immoxx.de (no scheme, no port)',
    })
    .optional(),
  /** DNS servers (`host` or `host:port`, comma-separated) for checking offices' own domains; unset: the system's. */
  DOMAIN_CHECK_RESOLVERS: z
    .string()
    .optional()
    .transform((v) =>
      (v ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  /** Port the well-known check of an office's domain connects to: 80 where a reverse proxy serves it. */
  DOMAIN_CHECK_HTTP_PORT: z.coerce.number().int().min(1).max(65535).default(80),
  /**
   * What this process does: `api` serves HTTP only, `worker` runs jobs and schedules (and
   * answers /healthz, /readyz, /metrics), `all` both: the single-server default.
   */
  ROLE: z.enum(['api', 'worker', 'all'], { message: 'must be api, worker or all' }).default('all'),
  /** `local` (DATA_DIR/files) or `s3` (an S3-compatible bucket, required for several replicas). */
  FILE_STORAGE: z.enum(['local', 's3'], { message: 'must be local or s3' }).default('local'),
  S3_ENDPOINT: optionalUrl(['http', 'https']),
  S3_PUBLIC_ENDPOINT: optionalUrl(['http', 'https']),
  S3_REGION: z.string().min(1).default('eu-central-1'),
  S3_BUCKET: z.string().min(3).max(63).optional(),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  S3_FORCE_PATH_STYLE: bool.default(true),
  S3_PREFIX: z
    .string()
    .regex(/^[a-zA-Z0-9][a-zA-Z0-9._/-]*$/, { message: 'letters, digits, . _ - / only' })
    .optional(),
  /** Downloads at least this large go straight from the bucket by a presigned URL (0: never). */
  S3_PRESIGN_MIN_BYTES: z.coerce
    .number()
    .int()
    .min(0)
    .default(8 * 1024 * 1024),
  S3_PRESIGN_EXPIRES_SECONDS: z.coerce
    .number()
    .int()
    .min(30)
    .max(7 * 24 * 3600)
    .default(300),
  /** OTLP/HTTP endpoint of an OpenTelemetry collector (traces and metrics); unset: no export. */
  OTEL_EXPORTER_OTLP_ENDPOINT: optionalUrl(['http', 'https']),
  /** Headers for the collector, `key=value,key2=value2` (an API key, say). */
  OTEL_EXPORTER_OTLP_HEADERS: z
    .string()
    .optional()
    .transform((v) =>
      Object.fromEntries(
        (v ?? '')
          .split(',')
          .map((pair) => pair.split('=').map((part) => decodeURIComponent(part.trim())))
          .filter((pair): pair is [string, string] => pair.length === 2 && Boolean(pair[0])),
      ),
    ),
  OTEL_SERVICE_NAME: z.string().min(1).default('immoxx'),
  /** Milliseconds between metric exports. */
  OTEL_METRIC_EXPORT_INTERVAL: z.coerce.number().int().min(100).default(60_000),
  /** Sentry DSN for error reports; unset: off. */
  SENTRY_DSN: optionalUrl(['http', 'https']),
  SENTRY_ENVIRONMENT: z.string().min(1).optional(),
  /** PostHog project key for product analytics, only of users who agreed; unset: off. */
  POSTHOG_API_KEY: z.string().min(1).optional(),
  POSTHOG_HOST: optionalUrl(['http', 'https']).default('https://eu.i.posthog.com'),
  DATABASE_URL: optionalUrl(['postgres', 'postgresql']),
  /** false where a one-shot job (`npm run db:migrate`) migrates; servers then wait for it. */
  MIGRATE_ON_START: bool.default(true),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  REDIS_URL: optionalUrl(['redis', 'rediss']),
  REDIS_PREFIX: z.string().min(1).default('immoxx'),
  AUTH_SECRET: z.string().min(32, { message: 'must be at least 32 characters' }).optional(),
  ENCRYPTION_KEY: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, { message: 'must be 64 hex characters (32 bytes)' })
    .optional(),
  SMTP_URL: optionalUrl(['smtp', 'smtps']),
  MAIL_FROM: z.string().min(3).default('ImmoXX <no-reply@immoxx.local>'),
  /**
   * Map tiles for the demand map, e.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png (mind the
   * provider's usage policy). Unset: the map draws postal-code points without a basemap.
   */
  MAP_TILE_URL: z
    .string()
    .regex(/^https?:\/\/.*\{z\}.*\{x\}.*\{y\}/, { message: 'must be a tile URL with {z}, {x} and {y}' })
    .optional(),
  MAP_TILE_ATTRIBUTION: z.string().min(1).max(300).default('© OpenStreetMap-Mitwirkende'),
  /** seven.io SMS gateway (https://docs.seven.io/en/rest-api/endpoints/sms); unset: SMS offline. */
  SEVEN_API_KEY: z.string().min(8).optional(),
  SEVEN_API_URL: optionalUrl(['https', 'http']).default('https://gateway.seven.io/api'),
  /** Sender shown on the phone: up to 11 letters/digits, or a number. */
  SEVEN_SENDER: z
    .string()
    .regex(/^([A-Za-z0-9 ]{1,11}|\+?[0-9]{3,16})$/, { message: 'up to 11 letters/digits or a phone number' })
    .default('ImmoXX'),
  /** Signing secret of the seven.io webhook that reports delivery (X-Signature, HMAC-SHA256). */
  SEVEN_SIGNING_SECRET: z.string().min(8).optional(),
  /**
   * Stripe subscriptions (Checkout, Customer Portal, webhooks). All of key, webhook secret and both
   * price ids set: offices can pay online; otherwise the operator sets plans (npm run plan).
   */
  STRIPE_SECRET_KEY: z
    .string()
    .regex(/^(sk|rk)_(test|live)_\w+$/, { message: 'must be a Stripe secret key' })
    .optional(),
  STRIPE_WEBHOOK_SECRET: z
    .string()
    .regex(/^whsec_\w+$/, { message: 'must start with whsec_' })
    .optional(),
  STRIPE_API_URL: optionalUrl(['https', 'http']).default('https://api.stripe.com'),
  STRIPE_PRICE_PROFESSIONAL: z
    .string()
    .regex(/^price_\w+$/, { message: 'must be a Stripe price id' })
    .optional(),
  STRIPE_PRICE_ENTERPRISE: z
    .string()
    .regex(/^price_\w+$/, { message: 'must be a Stripe price id' })
    .optional(),
  /**
   * The platform operator as the seller on subscription invoices (XRechnung and Factur-X need the
   * parts of the address and a VAT id or tax number). Unset: no invoices of our own; Stripe's stay.
   */
  BILLING_ISSUER_NAME: z.string().min(2).optional(),
  BILLING_ISSUER_STREET: z.string().min(2).optional(),
  BILLING_ISSUER_POSTAL_CODE: z
    .string()
    .regex(/^\d{4,5}$/, { message: 'a postal code' })
    .optional(),
  BILLING_ISSUER_CITY: z.string().min(2).optional(),
  BILLING_ISSUER_VAT_ID: z
    .string()
    .regex(/^[A-Z]{2}[0-9A-Z]{8,12}$/, { message: 'a VAT id such as DE123456789' })
    .optional(),
  BILLING_ISSUER_TAX_NUMBER: z.string().min(5).optional(),
  BILLING_ISSUER_EMAIL: z.string().email().optional(),
  BILLING_ISSUER_PHONE: z.string().min(5).optional(),
  /** Register entry and managing directors, printed in the invoice footer. */
  BILLING_ISSUER_FOOTER: z.string().optional(),
  /** Days of Professional a self-service office tries after sign-up; 0: it starts on Free. */
  SIGNUP_TRIAL_DAYS: z.coerce.number().int().min(0).max(90).default(14),
  /** Google Calendar sync for agents (OAuth client of type "Web application"); unset: not offered. */
  GOOGLE_CLIENT_ID: z.string().min(8).optional(),
  GOOGLE_CLIENT_SECRET: z.string().min(8).optional(),
  GOOGLE_OAUTH_URL: optionalUrl(['https', 'http']).default('https://accounts.google.com'),
  GOOGLE_TOKEN_URL: optionalUrl(['https', 'http']).default('https://oauth2.googleapis.com/token'),
  GOOGLE_CALENDAR_API_URL: optionalUrl(['https', 'http']).default('https://www.googleapis.com/calendar/v3'),
  /** Minutes between two pulls of each connected agent calendar (moves, deletions, busy times). */
  CALENDAR_SYNC_MINUTES: z.coerce.number().int().min(1).max(1440).default(5),
  PORTALS_DEBOUNCE_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  /** Offer mails per minute and mailing: protects the SMTP server's limits and the sender's reputation. */
  MAILINGS_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(60),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  CORS_ORIGINS: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  /**
   * Accounts made operators of the platform (super-admins) at every start, comma-separated; for
   * the first operator of a fresh installation. Removing an address here revokes nothing: use
   * `npm run superadmin -- revoke <email>`.
   */
  SUPERADMIN_EMAILS: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim().toLowerCase())
        .filter(Boolean),
    ),
  BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).default(1_048_576),
  UPLOAD_LIMIT_BYTES: z.coerce.number().int().min(1024).default(20_971_520),
  TRUST_PROXY: bool.default(false),
  SEED_DEMO: bool.default(true),
  LOGIN_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(5),
  LOGIN_LOCKOUT_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),
  LOGIN_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(20),
  JOB_POLL_INTERVAL_SECONDS: z.coerce.number().min(0.5).max(60).default(2),
  SERVE_WEB: bool.default(true),
  SOCIAL_SANDBOX: bool.optional(),
  GRAPH_API_URL: optionalUrl(['https', 'http']).default('https://graph.facebook.com'),
  // Defaults are the social module's current versions (providers/api-versions.ts, with sunsets).
  GRAPH_API_VERSION: z
    .string()
    .regex(/^v\d+\.\d+$/, { message: 'like v25.0' })
    .default('v25.0'),
  LINKEDIN_API_URL: optionalUrl(['https', 'http']).default('https://api.linkedin.com'),
  LINKEDIN_API_VERSION: z
    .string()
    .regex(/^\d{6}$/, { message: 'YYYYMM, e.g. 202607' })
    .default('202607'),
  TIKTOK_API_URL: optionalUrl(['https', 'http']).default('https://open.tiktokapis.com'),
  FACEBOOK_APP_ID: z.string().optional(),
  FACEBOOK_APP_SECRET: z.string().optional(),
  FACEBOOK_OAUTH_URL: optionalUrl(['https', 'http']).default('https://www.facebook.com'),
  LINKEDIN_CLIENT_ID: z.string().optional(),
  LINKEDIN_CLIENT_SECRET: z.string().optional(),
  LINKEDIN_OAUTH_URL: optionalUrl(['https', 'http']).default('https://www.linkedin.com'),
  TIKTOK_CLIENT_KEY: z.string().optional(),
  TIKTOK_CLIENT_SECRET: z.string().optional(),
  TIKTOK_OAUTH_URL: optionalUrl(['https', 'http']).default('https://www.tiktok.com'),
  SOCIAL_METRICS_INTERVAL_MINUTES: z.coerce.number().int().min(0).max(1440).default(60),
  /** Lets AI provider base URLs point into loopback or private networks (Ollama on this machine). */
  AI_ALLOW_PRIVATE_ENDPOINTS: bool.default(false),
  /** Lets webhook and connected-tool URLs (Plane) point into loopback or private networks. */
  INTEGRATIONS_ALLOW_PRIVATE_ENDPOINTS: bool.default(false),
  /** Tries per webhook delivery, the first included; then it is shown as failed. */
  WEBHOOK_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(6),
  /** Base of the exponential backoff between webhook tries: 30 s → 30, 60, 120, 240, 480 s. */
  WEBHOOK_RETRY_BASE_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  WEBHOOK_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(60).default(10),
  AI_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(600).default(60),
  AI_MAX_RETRIES: z.coerce.number().int().min(0).max(5).default(2),
  AI_RETRY_BASE_MS: z.coerce.number().int().min(0).max(60_000).default(1000),
  AI_CACHE_TTL_HOURS: z.coerce.number().min(0).max(720).default(24),
  AI_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(20),
  AI_PRICE_TABLE_FILE: z.string().min(1).optional(),
  /**
   * An OSRM server for the viewing route planner's travel times (`/table/v1/driving`); without it
   * the planner estimates from straight-line distance and says so.
   */
  ROUTING_OSRM_URL: optionalUrl(['https', 'http']),
  /** Blender binary for the FBX export; `blender` on the PATH when unset. */
  BLENDER_PATH: z.string().min(1).default('blender'),
  AI_RUNWAY_POLL_SECONDS: z.coerce.number().min(0.05).max(60).default(5),
  DEMO_PASSWORD: z.string().min(10, { message: 'must be at least 10 characters' }).optional(),
});

export type Env = z.infer<typeof envSchema>;
