import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seeblickWohnung } from '../../modules/crm/test/fixtures.js';
import { createTestApp, type TestApp, type TestUser } from '../testing/test-app.js';
import { pseudonym } from './product-analytics.js';

/**
 * PostHog receives events only from people who agreed. The receiver takes what posthog-node
 * sends to the documented batch endpoint (posthog.com/docs/api/capture: POST /batch/ with
 * api_key and a batch of events), gzip or not.
 */
type Event = { event: string; distinct_id: string; properties: Record<string, unknown> };
const batches: { api_key: string; batch: Event[] }[] = [];
let receiver: Server;
let t: TestApp;
let owner: TestUser;
const events = () => batches.flatMap((b) => b.batch);

beforeAll(async () => {
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const body = req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw;
      if (req.url?.startsWith('/batch')) batches.push(JSON.parse(body.toString()));
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":1}');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  t = await createTestApp({
    env: {
      POSTHOG_API_KEY: 'phc_test_key',
      POSTHOG_HOST: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`,
    },
  });
  owner = await t.createTenant('Analytik GmbH');
});
afterAll(async () => {
  await t?.close();
  receiver?.close();
});

const createListing = async () =>
  expect(
    (await t.as(owner, { method: 'POST', url: '/api/crm/properties', payload: seeblickWohnung })).statusCode,
  ).toBe(201);
/** posthog-node sends in batches; closing the client flushes, so tests flush by reading after a pause. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

describe('product analytics (PostHog)', () => {
  it('sends nothing for a person who was never asked, nor after they said no', async () => {
    const before = await t.as(owner, { method: 'GET', url: '/api/me/analytics-consent' });
    expect(before.json()).toEqual({ available: true, granted: false, decidedAt: null });
    await createListing();
    const no = await t.as(owner, {
      method: 'PUT',
      url: '/api/me/analytics-consent',
      payload: { granted: false },
    });
    expect(no.json()).toMatchObject({ granted: false });
    await createListing();
    await settle();
    await t.platform.analytics.close();
    expect(events()).toEqual([]);
  });

  it('after a yes: which feature was used, under pseudonyms, never the content or the person', async () => {
    const bad = await t.as(owner, {
      method: 'PUT',
      url: '/api/me/analytics-consent',
      payload: { granted: 'ja' },
    });
    expect(bad.statusCode).toBe(400);
    const yes = await t.as(owner, {
      method: 'PUT',
      url: '/api/me/analytics-consent',
      payload: { granted: true },
    });
    expect(yes.json()).toMatchObject({ available: true, granted: true });
    await createListing();
    await t.platform.analytics.close();
    const sent = events().find((e) => e.event === 'POST /api/crm/properties');
    expect(sent).toBeDefined();
    expect(batches[0]?.api_key).toBe('phc_test_key');
    expect(sent?.distinct_id).toBe(pseudonym('user', owner.userId));
    expect(sent?.properties).toMatchObject({ module: 'crm', status: 201, role: 'owner' });
    expect((sent!.properties.$groups as Record<string, string>).office).toBe(
      pseudonym('office', owner.tenantId),
    );
    const wire = JSON.stringify(batches);
    for (const secret of [owner.email, owner.userId, owner.tenantId, seeblickWohnung.title])
      expect(wire).not.toContain(secret);
  });
});
