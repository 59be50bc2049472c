import { createHash, createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../../../platform/testing/test-app.js';
import { seeblickWohnung } from '../../crm/test/fixtures.js';
import { viewingMessage } from '../schema.js';
import { sendDueMessages } from './reminder-tick.js';

const HOUR = 3_600_000;
const KEY = 'seven-test-key-123';
const SECRET = 'seven-signing-secret';

/**
 * A fake of seven.io's SMS endpoint written from its documentation
 * (https://docs.seven.io/en/rest-api/endpoints/sms): X-Api-Key or the bare code 900; `to` and
 * `text` required (301/305); an invalid number 202; else `{ success: "100", messages: [...] }`.
 */
const received: { to: string; text: string; from: string; foreign_id: string }[] = [];
let fake: Server;
let baseUrl = '';

async function startFake() {
  fake = createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => {
      raw += c;
    });
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== '/api/sms') return res.writeHead(404).end();
      if (req.headers['x-api-key'] !== KEY) return res.writeHead(200).end('900');
      const body = JSON.parse(raw) as { to?: string; text?: string; from: string; foreign_id: string };
      if (!body.to) return res.writeHead(200).end('301');
      if (!body.text) return res.writeHead(200).end('305');
      if (!/^\+\d{8,15}$/.test(body.to)) return res.writeHead(200).end('202');
      received.push(body as never);
      res.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          success: '100',
          total_price: 0.075,
          balance: 10,
          debug: 'false',
          sms_type: 'direct',
          messages: [
            {
              id: `77${received.length}`,
              sender: body.from,
              recipient: body.to.slice(1),
              text: body.text,
              encoding: 'gsm',
              label: null,
              parts: 1,
              udh: null,
              is_binary: false,
              price: 0.075,
              success: true,
              error: null,
              error_text: null,
            },
          ],
        }),
      );
    });
  });
  await new Promise<void>((resolve) => fake.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(fake.address() as AddressInfo).port}/api`;
}

async function plannedWithReminders(t: TestApp, owner: TestUser, mobile: string | null) {
  await t.as(owner, {
    method: 'PUT',
    url: '/api/viewings/settings',
    payload: { durationMinutes: 45, reminderHours: [24, 2], feedbackHours: 2, smsReminders: true },
  });
  const listing = (
    await t.as(owner, { method: 'POST', url: '/api/crm/properties', payload: seeblickWohnung })
  ).json();
  const contact = (
    await t.as(owner, {
      method: 'POST',
      url: '/api/crm/contacts',
      payload: { lastName: 'Handy', email: 'handy@example.de', ...(mobile ? { mobile } : {}) },
    })
  ).json();
  const startsAt = new Date(Date.now() + 30 * HOUR);
  const viewing = (
    await t.as(owner, {
      method: 'POST',
      url: '/api/crm/viewings',
      payload: {
        propertyId: listing.id,
        contactIds: [contact.id],
        startsAt: startsAt.toISOString(),
        endsAt: new Date(startsAt.getTime() + HOUR).toISOString(),
      },
    })
  ).json();
  await t.platform.events.drain();
  return { viewingId: viewing.id as string, startsAt };
}

const smsOf = (t: TestApp, viewingId: string) =>
  t.platform.database.db
    .select()
    .from(viewingMessage)
    .where(and(eq(viewingMessage.viewingId, viewingId), eq(viewingMessage.channel, 'sms')));

function signed(body: string, url: string, secret = SECRET, timestamp = Math.floor(Date.now() / 1000)) {
  const nonce = 'n0nce';
  const md5 = createHash('md5').update(body).digest('hex');
  const signature = createHmac('sha256', secret)
    .update([timestamp, nonce, 'POST', url, md5].join('\n'))
    .digest('hex');
  return {
    'content-type': 'application/json',
    'x-timestamp': String(timestamp),
    'x-nonce': nonce,
    'x-signature': signature,
  };
}

let online: TestApp;
let offline: TestApp;
beforeAll(async () => {
  await startFake();
  online = await createTestApp({
    env: {
      SEVEN_API_KEY: KEY,
      SEVEN_API_URL: baseUrl,
      SEVEN_SIGNING_SECRET: SECRET,
      SEVEN_SENDER: 'Bodensee',
    },
  });
  offline = await createTestApp();
});
afterAll(async () => {
  await online.close();
  await offline.close();
  fake.close();
});

describe('SMS reminders through seven.io', () => {
  it('sends once with the German mobile number in E.164, then records the delivery report', async () => {
    const owner = await online.createTenant('SMS-Büro');
    const { viewingId, startsAt } = await plannedWithReminders(online, owner, '0171 2345678');
    const at = new Date(startsAt.getTime() - 23 * HOUR);
    await sendDueMessages(online.platform, at);
    await sendDueMessages(online.platform, at);
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ to: '+491712345678', from: 'Bodensee' });
    expect(received[0]?.text).toContain('Erinnerung');
    const [sms] = await smsOf(online, viewingId);
    expect(sms).toMatchObject({ status: 'queued', providerMessageId: '771' });
    expect(received[0]?.foreign_id).toBe(sms?.id);

    const body = JSON.stringify({
      webhook_event: 'dlr',
      webhook_timestamp: '',
      data: { msg_id: '771', status: 'DELIVERED' },
    });
    const url = `${online.platform.publicUrl}/webhooks/seven`;
    // A forged or stale report changes nothing.
    const forged = await online.app.inject({
      method: 'POST',
      url: '/webhooks/seven',
      payload: body,
      headers: signed(body, url, 'wrong'),
    });
    expect(forged.statusCode).toBe(401);
    const stale = await online.app.inject({
      method: 'POST',
      url: '/webhooks/seven',
      payload: body,
      headers: signed(body, url, SECRET, Math.floor(Date.now() / 1000) - 900),
    });
    expect(stale.statusCode).toBe(401);
    expect((await smsOf(online, viewingId))[0]?.status).toBe('queued');
    const report = await online.app.inject({
      method: 'POST',
      url: '/webhooks/seven',
      payload: body,
      headers: signed(body, url),
    });
    expect(report.statusCode).toBe(204);
    expect((await smsOf(online, viewingId))[0]).toMatchObject({
      status: 'sent',
      detail: 'Zustellbericht: DELIVERED',
    });
  });

  it('a contact without a usable number gets no SMS, and says why', async () => {
    const owner = await online.createTenant('SMS-Büro 2');
    const before = received.length;
    const { viewingId, startsAt } = await plannedWithReminders(online, owner, null);
    await sendDueMessages(online.platform, new Date(startsAt.getTime() - 23 * HOUR));
    expect(received).toHaveLength(before);
    expect((await smsOf(online, viewingId))[0]).toMatchObject({ status: 'skipped' });
  });

  it('without SEVEN_API_KEY nothing is sent and the record says offline', async () => {
    const owner = await offline.createTenant('Offline-Büro');
    const settings = await offline.as(owner, { method: 'GET', url: '/api/viewings/settings' });
    expect(settings.json().smsGateway).toBe('offline');
    const before = received.length;
    const { viewingId, startsAt } = await plannedWithReminders(offline, owner, '+49 171 2345678');
    await sendDueMessages(offline.platform, new Date(startsAt.getTime() - 23 * HOUR));
    expect(received).toHaveLength(before);
    expect((await smsOf(offline, viewingId))[0]).toMatchObject({ status: 'offline' });
  });
});
