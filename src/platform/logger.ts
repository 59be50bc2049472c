import { trace } from '@opentelemetry/api';
import { type Logger, pino } from 'pino';

/** Paths that must never reach a log line. */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.password',
  '*.newPassword',
  '*.token',
  '*.accessToken',
  '*.refreshToken',
  '*.apiKey',
  '*.secret',
];

/**
 * JSON lines on stdout, for any log shipper (Loki, Vector, Fluent Bit, Datadog). Inside a traced
 * request or job each line carries its trace and span id, so logs and traces join up.
 */
export function createLogger(level: string): Logger {
  return pino({
    level,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    mixin() {
      const span = trace.getActiveSpan()?.spanContext();
      return span && span.traceFlags !== 0 ? { trace_id: span.traceId, span_id: span.spanId } : {};
    },
  });
}
