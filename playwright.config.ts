import { defineConfig } from '@playwright/test';

const PORT = Number(process.env.E2E_PORT ?? 5010);
export const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
];
/** The sign-up flow's own server: many offices, empty database, mails to an SMTP sink. */
export const SIGNUP_PORT = PORT + 2;
export const SIGNUP_DATA_DIR = './data-e2e-signup';
export const SIGNUP_BASE_DOMAIN = 'immoxx.test';
/** The product's own host there; the spec's browser maps *.immoxx.test to this machine. */
export const SIGNUP_URL = `http://app.${SIGNUP_BASE_DOMAIN}:${SIGNUP_PORT}`;
export const E2E_DEMO_PASSWORD = 'E2E-Demo-Passwort-2026';

/**
 * End-to-end tests click through the real UI in Debian's Chromium (`apt-get install chromium`;
 * CHROMIUM_PATH overrides the path) against a freshly started server with demo data.
 */
export default defineConfig({
  testDir: 'e2e',
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  // Right after start the server is still busy with the demo office's background jobs, and the
  // first visit of a page loads its code; 5 s was too tight there on 2 cores (ai, broker-eye).
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    baseURL: `http://localhost:${PORT}`,
    locale: 'de-DE',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: CHROMIUM_ARGS,
    },
  },
  webServer: [
    {
      command: 'node e2e/start-e2e-server.mjs',
      url: `http://localhost:${PORT}/readyz`,
      timeout: 180_000,
      reuseExistingServer: false,
      stdout: 'pipe',
      env: {
        PORT: String(PORT),
        DATA_DIR: './data-e2e',
        DEMO_PASSWORD: E2E_DEMO_PASSWORD,
        LOG_LEVEL: 'warn',
        PUBLIC_URL: `http://localhost:${PORT}`,
        // npm start runs in production mode, where sandbox accounts are off unless asked for.
        SOCIAL_SANDBOX: 'true',
        // The webhook receiver of integrations.spec.ts listens on loopback; retries in seconds.
        INTEGRATIONS_ALLOW_PRIVATE_ENDPOINTS: 'true',
        WEBHOOK_RETRY_BASE_SECONDS: '1',
        WEBHOOK_MAX_ATTEMPTS: '2',
        // The demo office's admin also operates the platform (superadmin.spec.ts).
        SUPERADMIN_EMAILS: 'admin@bodensee-immobilien.de',
        // Product analytics configured, so the profile offers the consent (user-guide.spec.ts);
        // nothing listens there, and nothing is sent without a yes anyway.
        POSTHOG_API_KEY: 'phc_e2e_not_a_real_key',
        POSTHOG_HOST: `http://127.0.0.1:${PORT + 5}`,
      },
    },
    {
      command: 'node --import tsx e2e/start-signup-server.mjs',
      url: `http://localhost:${SIGNUP_PORT}/readyz`,
      timeout: 180_000,
      reuseExistingServer: false,
      stdout: 'pipe',
      env: {
        PORT: String(SIGNUP_PORT),
        DATA_DIR: SIGNUP_DATA_DIR,
        SEED_DEMO: 'false',
        LOG_LEVEL: 'warn',
        PUBLIC_URL: SIGNUP_URL,
        MODULE_MULTI_TENANT: 'true',
        BASE_DOMAIN: SIGNUP_BASE_DOMAIN,
        SMTP_URL: `smtp://127.0.0.1:${SIGNUP_PORT + 1000}`,
        // New offices start on Free here, so the test meets a plan limit before it pays.
        SIGNUP_TRIAL_DAYS: '0',
        E2E_STRIPE_PORT: String(SIGNUP_PORT + 3),
        STRIPE_API_URL: `http://127.0.0.1:${SIGNUP_PORT + 3}`,
        STRIPE_SECRET_KEY: 'sk_test_e2esignup0123456789',
        STRIPE_WEBHOOK_SECRET: 'whsec_e2esignup0123456789',
        STRIPE_PRICE_PROFESSIONAL: 'price_e2e_professional',
        STRIPE_PRICE_ENTERPRISE: 'price_e2e_enterprise',
        BILLING_ISSUER_NAME: 'ImmoXX GmbH',
        BILLING_ISSUER_STREET: 'Marktstätte 1',
        BILLING_ISSUER_POSTAL_CODE: '78462',
        BILLING_ISSUER_CITY: 'Konstanz',
        BILLING_ISSUER_VAT_ID: 'DE999999999',
        BILLING_ISSUER_EMAIL: 'rechnung@immoxx.example',
        BILLING_ISSUER_PHONE: '+49 7531 000000',
      },
    },
  ],
});
