import { randomUUID } from 'node:crypto';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyReply,
  LogController,
} from 'fastify';
import { validatorCompiler } from 'fastify-type-provider-zod';
import { authRoutes } from '../auth/auth.routes.js';
import { meRoutes } from '../auth/me.routes.js';
import type { Platform } from '../kernel.js';
import { REDACT_PATHS } from '../logger.js';
import { notificationRoutes } from '../notifications/notifications.routes.js';
import { installHttpTracing } from '../observability/http-tracing.js';
import { assertModuleInPlan } from '../plans/office-plan.js';
import { LOCKABLE_MODULES } from '../plans/plan-catalogue.js';
import { installGermanValidationMessages } from '../validation/german-errors.js';
import { installAccessControl } from './access-control.js';
import { errorBody } from './app-error.js';
import { compiledSerializerCompiler } from './compiled-serializer.js';
import { installErrorHandler } from './error-handler.js';
import { installHealthRoutes } from './health.routes.js';
import { legalPagesRoutes } from './legal-pages.routes.js';
import { trackRoutesForMethodCheck } from './method-not-allowed.js';
import { installMetrics } from './metrics.js';
import { installOfficeHosts } from './office-host-hook.js';
import { accessAwareTransform } from './openapi-access.js';
import { platformRoutes } from './platform.routes.js';
import { redactUrl } from './redact-url.js';
import { rejectUnsafeText } from './unsafe-text.js';
import { installWebStatic } from './web-static.js';

/** The HTTP application: conventions, platform routes, then one plugin per enabled module. */
/** SPA pages under this path may be framed by any site; all others only by ImmoXX itself. */
const EMBED_PREFIX = '/embed/';

export async function buildApp(platform: Platform): Promise<FastifyInstance> {
  installGermanValidationMessages();
  const { env } = platform.config;
  const app = Fastify({
    loggerInstance: platform.logger.child({}, { redact: REDACT_PATHS }) as FastifyBaseLogger,
    bodyLimit: env.BODY_LIMIT_BYTES,
    trustProxy: env.TRUST_PROXY,
    genReqId: (req) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && /^[\w.-]{1,64}$/.test(incoming) ? incoming : randomUUID();
    },
    requestIdHeader: false,
    // Fastify's own request lines carry the raw URL, tokens and all; ours below redact it.
    logController: new LogController({ disableRequestLogging: true }),
    // A path that is not valid percent-encoded UTF-8 (FST_ERR_BAD_URL) gets our error shape too.
    frameworkErrors: (error, _request, reply) =>
      // The reply is typed for a route's schema, which a request that matched no route lacks.
      (reply as unknown as FastifyReply)
        .status(400)
        .send(errorBody('bad_url', 'Die Adresse ist ungültig kodiert.', { reason: error.code })),
  });
  // First of all hooks: the session lookup and everything after run inside the request's span.
  if (env.OTEL_EXPORTER_OTLP_ENDPOINT) installHttpTracing(app);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(compiledSerializerCompiler({ validate: env.NODE_ENV !== 'production' }));
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
    // The write has committed by now; the user's next list must count afresh (issue 19).
    const tenantId = request.auth?.tenantId;
    if (tenantId && request.method !== 'GET' && request.method !== 'HEAD')
      platform.listTotals.touchTenant(tenantId);
  });
  if (platform.analytics.available) {
    // Which feature was used: successful changes by route template, never their content.
    app.addHook('onResponse', async (request, reply) => {
      const auth = request.auth;
      if (
        !auth ||
        auth.support ||
        request.method === 'GET' ||
        request.method === 'HEAD' ||
        reply.statusCode >= 400
      )
        return;
      const route = request.routeOptions.url;
      if (!route?.startsWith('/api/')) return;
      platform.analytics.capture(
        { userId: auth.user.id, tenantId: auth.tenantId ?? null, role: auth.role ?? null },
        `${request.method} ${route}`,
        { module: route.split('/')[2] ?? 'platform', status: reply.statusCode },
      );
    });
  }
  app.addHook('onResponse', async (request, reply) => {
    request.log.info(
      {
        req: { method: request.method, url: redactUrl(request.url), remoteAddress: request.ip },
        res: { statusCode: reply.statusCode },
        responseTime: Math.round(reply.elapsedTime),
      },
      'request completed',
    );
  });
  installErrorHandler(app);
  rejectUnsafeText(app);
  const allowedMethods = trackRoutesForMethodCheck(app);

  const https = platform.publicUrl.startsWith('https://');
  await app.register(helmet, {
    // HSTS and upgrade-insecure-requests only make sense behind HTTPS; on http://localhost they break the app.
    strictTransportSecurity: https ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    contentSecurityPolicy: {
      directives: {
        upgradeInsecureRequests: https ? [] : null,
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'"],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        frameAncestors: ["'self'"],
        objectSrc: ["'none'"],
      },
    },
  });
  if (env.CORS_ORIGINS.length > 0) {
    const { default: cors } = await import('@fastify/cors');
    await app.register(cors, { origin: env.CORS_ORIGINS, credentials: true });
  }
  await app.register(rateLimit, {
    global: false,
    ...(platform.redis ? { redis: platform.redis, nameSpace: `${env.REDIS_PREFIX}:ratelimit:` } : {}),
    errorResponseBuilder: (_request, context) => ({
      statusCode: 429,
      ...errorBody('rate_limited', 'Zu viele Anfragen. Bitte warten Sie kurz.', {
        retryAfterSeconds: Math.ceil(context.ttl / 1000),
      }),
    }),
  });
  await app.register(swagger, {
    openapi: {
      info: { title: 'ImmoXX API', version: '0.1.0', description: 'REST API of the ImmoXX broker platform.' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'immoxx.session_token' },
          // Tokens an office issues to outside systems (docs/integrations/project-sync.md).
          syncToken: { type: 'http', scheme: 'bearer', description: 'Sync-Schlüssel ixs_…' },
          // Office API keys (docs/api-integration.md): a route takes the permission it names in x-immoxx-permission.
          apiKey: {
            type: 'http',
            scheme: 'bearer',
            description: 'API-Schlüssel ixk_… (Einstellungen → API-Schlüssel), mit den Rechten der Route',
          },
        },
      },
      security: [{ session: [] }],
    },
    transform: accessAwareTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  installOfficeHosts(app, platform);
  installAccessControl(app, platform);
  installMetrics(app);
  installHealthRoutes(app, platform);

  await app.register(authRoutes, { prefix: '/api/auth', platform });
  await app.register(meRoutes, { prefix: '/api/me', platform });
  await app.register(notificationRoutes, { prefix: '/api/notifications', platform });
  await app.register(platformRoutes, { prefix: '/api', platform });
  await app.register(legalPagesRoutes, { platform });
  for (const manifest of platform.modules.enabled) {
    const server = platform.moduleServers.get(manifest.id);
    const routes = server?.routes;
    if (routes)
      await app.register(
        async (scope) => {
          // A module some plan leaves out answers 402 to offices on that plan (after access control).
          if (LOCKABLE_MODULES.has(manifest.id))
            scope.addHook('onRequest', async (request) => {
              if (request.auth?.tenantId)
                await assertModuleInPlan(platform.database, request.auth.tenantId, {
                  id: manifest.id,
                  title: manifest.title.de,
                });
            });
          await scope.register(routes, { platform });
        },
        { prefix: `/api/${manifest.apiPrefix ?? manifest.id}` },
      );
    if (server?.publicRoutes) await app.register(server.publicRoutes, { platform });
    if (server?.operatorRoutes)
      await app.register(server.operatorRoutes, { prefix: `/api/superadmin/${manifest.id}`, platform });
  }

  const indexHtml = env.SERVE_WEB ? await installWebStatic(app) : null;
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    const isApi = path.startsWith('/api/') || path === '/api';
    if (!isApi && indexHtml && (request.method === 'GET' || request.method === 'HEAD')) {
      // Embeds (a listing's 3D tour) are made to sit in an iframe on the broker's own website.
      if (path.startsWith(EMBED_PREFIX)) {
        const csp = String(reply.getHeader('content-security-policy') ?? '');
        reply.removeHeader('x-frame-options');
        reply.header('content-security-policy', csp.replace(/frame-ancestors [^;]+/, 'frame-ancestors *'));
      }
      return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(indexHtml);
    }
    const allow = allowedMethods(request.method, path);
    if (allow.length > 0) {
      reply.header('allow', allow.join(', '));
      return reply
        .status(405)
        .send(errorBody('method_not_allowed', `${request.method} is not allowed here.`, { allow }));
    }
    return reply.status(404).send(errorBody('not_found', `No route ${request.method} ${path}.`));
  });
  return app;
}
