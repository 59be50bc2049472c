import { readFileSync } from 'node:fs';
import { type Attributes, metrics, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { Logger } from 'pino';

/**
 * OpenTelemetry for traces and metrics, exported by OTLP/HTTP to OTEL_EXPORTER_OTLP_ENDPOINT
 * (a Collector, Grafana Alloy, Tempo, Datadog Agent …). Without it nothing loads but the API
 * package, whose calls are no-ops. Pinned to SDK 2.12.0 / 0.223.0: the 3.x / 0.300 lines need
 * Node 22.15, and this build runs on Node 20.
 *
 * HTTP, database and job spans are made by our own hooks (Fastify, pg.Client, JobService)
 * rather than auto-instrumentation, which needs an ESM loader hook at start-up on Node 20.
 */
export const tracer = () => trace.getTracer('immoxx');
const meter = () => metrics.getMeter('immoxx');

let instruments: {
  httpDuration: ReturnType<ReturnType<typeof meter>['createHistogram']>;
  dbDuration: ReturnType<ReturnType<typeof meter>['createHistogram']>;
  jobDuration: ReturnType<ReturnType<typeof meter>['createHistogram']>;
  jobsFinished: ReturnType<ReturnType<typeof meter>['createCounter']>;
} | null = null;

/** The instruments, made on first use from whichever meter provider is registered by then. */
export function otelInstruments() {
  instruments ??= {
    httpDuration: meter().createHistogram('http.server.request.duration', {
      unit: 's',
      description: 'Duration of HTTP server requests',
    }),
    dbDuration: meter().createHistogram('db.client.operation.duration', {
      unit: 's',
      description: 'Duration of database operations',
    }),
    jobDuration: meter().createHistogram('immoxx.job.duration', {
      unit: 's',
      description: 'Duration of job tries',
    }),
    jobsFinished: meter().createCounter('immoxx.jobs.finished', {
      description: 'Job tries finished, by outcome',
    }),
  };
  return instruments;
}

export interface TelemetryOptions {
  endpoint: string;
  serviceName: string;
  role: string;
  /** How often metrics are pushed. */
  metricIntervalMs: number;
  headers?: Record<string, string>;
}

export interface Telemetry {
  shutdown(): Promise<void>;
}

export function packageVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as {
      version?: string;
    };
    return pkg.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

/** Starts the SDK (tracer and meter providers, W3C trace context) and instruments pg. */
export async function startTelemetry(options: TelemetryOptions, logger: Logger): Promise<Telemetry> {
  const [
    { NodeTracerProvider },
    { BatchSpanProcessor },
    { OTLPTraceExporter },
    { OTLPMetricExporter },
    sdkMetrics,
    { resourceFromAttributes },
  ] = await Promise.all([
    import('@opentelemetry/sdk-trace-node'),
    import('@opentelemetry/sdk-trace-base'),
    import('@opentelemetry/exporter-trace-otlp-http'),
    import('@opentelemetry/exporter-metrics-otlp-http'),
    import('@opentelemetry/sdk-metrics'),
    import('@opentelemetry/resources'),
  ]);
  const base = options.endpoint.replace(/\/$/, '');
  const resource = resourceFromAttributes({
    'service.name': options.serviceName,
    'service.version': packageVersion(),
    'service.instance.id': `${process.pid}`,
    'immoxx.role': options.role,
  });
  const tracerProvider = new NodeTracerProvider({
    resource,
    spanProcessors: [
      new BatchSpanProcessor(new OTLPTraceExporter({ url: `${base}/v1/traces`, headers: options.headers }), {
        scheduledDelayMillis: Math.min(5000, options.metricIntervalMs),
      }),
    ],
  });
  // Registers the AsyncLocalStorage context manager and the W3C traceparent propagator.
  tracerProvider.register();
  const meterProvider = new sdkMetrics.MeterProvider({
    resource,
    readers: [
      new sdkMetrics.PeriodicExportingMetricReader({
        exporter: new OTLPMetricExporter({ url: `${base}/v1/metrics`, headers: options.headers }),
        exportIntervalMillis: options.metricIntervalMs,
      }),
    ],
  });
  metrics.setGlobalMeterProvider(meterProvider);
  instruments = null;
  const unpatch = await instrumentPg();
  logger.info({ endpoint: base, service: options.serviceName }, 'OpenTelemetry export on');
  return {
    async shutdown() {
      unpatch();
      await Promise.allSettled([tracerProvider.shutdown(), meterProvider.shutdown()]);
      trace.disable();
      metrics.disable();
      instruments = null;
    },
  };
}

/** One client span per SQL statement (text without values), on every pg.Client of the process. */
async function instrumentPg(): Promise<() => void> {
  const pg = (await import('pg')).default;
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = proto.query;
  proto.query = function tracedQuery(this: unknown, ...args: unknown[]) {
    const first = args[0] as string | { text?: string } | undefined;
    const text = typeof first === 'string' ? first : (first?.text ?? '');
    // Callback style and submittables (cursors) pass through untraced.
    if (typeof args[args.length - 1] === 'function' || !text) return original.apply(this, args);
    const operation = /^\s*(\w+)/.exec(text)?.[1]?.toUpperCase() ?? 'QUERY';
    const attributes: Attributes = {
      'db.system.name': 'postgresql',
      'db.operation.name': operation,
      'db.query.text': text.length > 2000 ? `${text.slice(0, 2000)}…` : text,
    };
    const started = performance.now();
    return tracer().startActiveSpan(
      `${operation} postgresql`,
      { kind: SpanKind.CLIENT, attributes },
      (span) => {
        const done = (error?: unknown) => {
          otelInstruments().dbDuration.record((performance.now() - started) / 1000, {
            'db.system.name': 'postgresql',
            'db.operation.name': operation,
          });
          if (error) {
            span.recordException(error as Error);
            span.setStatus({ code: SpanStatusCode.ERROR });
          }
          span.end();
        };
        const result = original.apply(this, args) as Promise<unknown>;
        return result.then(
          (value) => {
            done();
            return value;
          },
          (error: unknown) => {
            done(error);
            throw error;
          },
        );
      },
    );
  };
  return () => {
    proto.query = original;
  };
}
