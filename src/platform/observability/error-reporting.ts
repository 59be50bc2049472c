import type { Logger } from 'pino';

/**
 * Errors to Sentry when SENTRY_DSN is set: unhandled 5xx of the API, jobs given up after their
 * last try, and crashes of the process. Without a DSN, `reportError` does nothing and the SDK is
 * never loaded. @sentry/node-core is Sentry's SDK without its own OpenTelemetry set-up, so it
 * does not fight ours (telemetry.ts); no tracing through Sentry, no personal data sent.
 */
type Capture = (error: unknown, context: ErrorContext) => void;
let capture: Capture | null = null;
let flush: ((timeoutMs: number) => Promise<boolean>) | null = null;

export interface ErrorContext {
  /** Where: `http`, `job`, `process`. */
  source: string;
  tags?: Record<string, string>;
  extra?: Record<string, unknown>;
  /** Pseudonymous: an id, never a name or address. */
  userId?: string;
  tenantId?: string | null;
}

export async function initErrorReporting(
  options: { dsn: string; environment: string; release: string; role: string },
  logger: Logger,
): Promise<void> {
  const Sentry = await import('@sentry/node-core');
  Sentry.init({
    dsn: options.dsn,
    environment: options.environment,
    release: options.release,
    sendDefaultPii: false,
    tracesSampleRate: 0,
    // Our own handlers report; Sentry's global ones would report twice.
    integrations: (defaults) =>
      defaults.filter((i) => !['OnUncaughtException', 'OnUnhandledRejection'].includes(i.name)),
    initialScope: { tags: { role: options.role } },
  });
  capture = (error, context) => {
    Sentry.withScope((scope) => {
      scope.setTag('source', context.source);
      for (const [key, value] of Object.entries(context.tags ?? {})) scope.setTag(key, value);
      if (context.tenantId) scope.setTag('tenant', context.tenantId);
      if (context.userId) scope.setUser({ id: context.userId });
      if (context.extra) scope.setExtras(context.extra);
      Sentry.captureException(error);
    });
  };
  flush = (timeoutMs) => Sentry.flush(timeoutMs);
  logger.info('error reports go to Sentry');
}

export function reportError(error: unknown, context: ErrorContext): void {
  capture?.(error, context);
}

/** Sends what is queued (before the process exits). */
export async function flushErrorReports(timeoutMs = 2000): Promise<void> {
  await flush?.(timeoutMs);
}

/** For tests: back to off. */
export async function resetErrorReporting(): Promise<void> {
  await flushErrorReports();
  capture = null;
  flush = null;
}
