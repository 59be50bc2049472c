import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineJob, PermanentJobError } from '../jobs/job-definition.js';
import { createTestApp, type TestApp, type TestUser } from '../testing/test-app.js';
import { initErrorReporting, resetErrorReporting } from './error-reporting.js';
import { startTelemetry, type Telemetry, tracer } from './telemetry.js';

/**
 * Telemetry and error reports leave the process as their receivers' documented wire formats
 * say: OTLP/HTTP JSON (opentelemetry.io/docs/specs/otlp/#otlphttp, ids as hex strings) at
 * /v1/traces and /v1/metrics, and Sentry envelopes (develop.sentry.dev/sdk/data-model/envelopes/)
 * at /api/<project>/envelope/. Both receivers here only collect what arrives.
 */
type OtlpSpan = {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  status?: { code?: number };
  attributes: { key: string; value: { stringValue?: string; intValue?: string | number } }[];
};
const received = { traces: [] as unknown[], metrics: [] as unknown[], envelopes: [] as string[] };
let receiver: Server;
let base: string;
let telemetry: Telemetry;
let t: TestApp;
let owner: TestUser;

const bodyOf = (req: import('node:http').IncomingMessage) =>
  new Promise<Buffer>((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      resolve(req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw);
    });
  });

const spans = (): OtlpSpan[] =>
  (received.traces as { resourceSpans: { scopeSpans: { spans: OtlpSpan[] }[] }[] }[]).flatMap((batch) =>
    batch.resourceSpans.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans)),
  );
const attribute = (span: OtlpSpan, key: string) => {
  const value = span.attributes.find((a) => a.key === key)?.value;
  return value?.stringValue ?? (value?.intValue !== undefined ? Number(value.intValue) : undefined);
};
async function until<T>(probe: () => T | undefined, what: string): Promise<T> {
  for (let i = 0; i < 100; i++) {
    const value = probe();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`nothing arrived: ${what}`);
}

beforeAll(async () => {
  receiver = createServer(async (req, res) => {
    const body = await bodyOf(req);
    if (req.url === '/v1/traces') received.traces.push(JSON.parse(body.toString()));
    else if (req.url === '/v1/metrics') received.metrics.push(JSON.parse(body.toString()));
    else if (req.url?.startsWith('/api/42/envelope/'))
      received.envelopes.push(`${req.url}\n${req.headers['x-sentry-auth'] ?? ''}\n${body.toString()}`);
    res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  const logger = (await import('pino')).pino({ level: 'silent' });
  telemetry = await startTelemetry(
    { endpoint: base, serviceName: 'immoxx-test', role: 'all', metricIntervalMs: 300 },
    logger,
  );
  await initErrorReporting(
    {
      dsn: `http://publickey@127.0.0.1:${(receiver.address() as AddressInfo).port}/42`,
      environment: 'test',
      release: 'immoxx@test',
      role: 'all',
    },
    logger,
  );
  t = await createTestApp({ env: { OTEL_EXPORTER_OTLP_ENDPOINT: base } });
  owner = await t.createTenant('Telemetrie GmbH');
});

afterAll(async () => {
  await t?.close();
  await telemetry?.shutdown();
  await resetErrorReporting();
  receiver?.close();
});

describe('OpenTelemetry export (OTLP/HTTP)', () => {
  it("traces a request under the caller's traceparent, named by route, with its database queries below it on PostgreSQL", async () => {
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const parentId = '00f067aa0ba902b7';
    const response = await t.as(owner, {
      method: 'GET',
      url: '/api/me?token=geheim',
      headers: { traceparent: `00-${traceId}-${parentId}-01` },
    });
    expect(response.statusCode).toBe(200);
    const server = await until(
      () => spans().find((s) => s.traceId === traceId && s.name === 'GET /api/me'),
      'the /api/me span',
    );
    expect(server.parentSpanId).toBe(parentId);
    expect(server.kind).toBe(2); // SPAN_KIND_SERVER
    expect(attribute(server, 'http.route')).toBe('/api/me');
    expect(attribute(server, 'http.response.status_code')).toBe(200);
    expect(attribute(server, 'url.path')).toBe('/api/me');
    expect(JSON.stringify(spans())).not.toContain('geheim');
    if (t.platform.database.kind === 'postgres') {
      const queries = await until(() => {
        const below = spans().filter(
          (s) => s.traceId === traceId && s.parentSpanId === server.spanId && s.kind === 3,
        );
        return below.length > 0 ? below : undefined;
      }, 'database spans');
      expect(queries.every((q) => attribute(q, 'db.system.name') === 'postgresql')).toBe(true);
      expect(queries.some((q) => /^select/i.test(String(attribute(q, 'db.query.text'))))).toBe(true);
    }
  });

  it('traces a job and counts it in the exported metrics; a job given up is reported to Sentry', async () => {
    await t.platform.jobs.handle(
      defineJob({
        name: 'test.gives-up',
        version: 1,
        payload: z.object({ listing: z.string() }),
        attempts: 1,
        handler: async () => {
          throw new PermanentJobError('Portal lehnt das Objekt ab');
        },
      }),
    );
    // Queued inside a request's span: the job's span continues that trace, as its child.
    const { run, queuing } = await tracer().startActiveSpan('POST /api/test', async (span) => {
      const queued = await t.platform.jobs.enqueue(
        'test.gives-up',
        { listing: 'Seestraße 7' },
        { tenantId: owner.tenantId },
      );
      span.end();
      return { run: queued, queuing: span.spanContext() };
    });
    expect((await t.platform.jobs.waitFor(run.id)).status).toBe('dead');
    const job = await until(() => spans().find((s) => s.name === 'job test.gives-up'), 'the job span');
    expect(job.traceId).toBe(queuing.traceId);
    expect(job.parentSpanId).toBe(queuing.spanId);
    expect(job.kind).toBe(5); // SPAN_KIND_CONSUMER
    expect(job.status?.code).toBe(2); // STATUS_CODE_ERROR
    expect(attribute(job, 'immoxx.job.run_id')).toBe(run.id);
    expect(attribute(job, 'immoxx.job.outcome')).toBe('dead');

    const names = await until(() => {
      const all = JSON.stringify(received.metrics);
      return all.includes('immoxx.jobs.finished') && all.includes('http.server.request.duration')
        ? all
        : undefined;
    }, 'metrics');
    expect(names).toContain('immoxx-test');

    const envelope = await until(
      () => received.envelopes.find((e) => e.includes('Portal lehnt das Objekt ab')),
      'a Sentry envelope',
    );
    const [url, auth, header, itemHeader, payload] = envelope.split('\n');
    // The key rides in the query (sentry_key) or the X-Sentry-Auth header, as the docs allow.
    expect(`${url} ${auth}`).toContain('publickey');
    expect(JSON.parse(header!).event_id).toMatch(/^[0-9a-f]{32}$/);
    expect(JSON.parse(itemHeader!).type).toBe('event');
    const event = JSON.parse(payload!) as {
      tags: Record<string, string>;
      exception: { values: { type: string; value: string }[] };
      environment: string;
    };
    expect(event.environment).toBe('test');
    expect(event.tags).toMatchObject({
      source: 'job',
      job: 'test.gives-up',
      tenant: owner.tenantId,
      role: 'all',
    });
    expect(event.exception.values[0]).toMatchObject({
      type: 'PermanentJobError',
      value: 'Portal lehnt das Objekt ab',
    });
  });
});
