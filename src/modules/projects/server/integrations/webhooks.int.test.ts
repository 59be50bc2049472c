import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../../../../platform/testing/test-app.js';

/*
 * A fake receiver, and a signature check written from docs/integrations/project-sync.md
 * ("Verifying signatures") alone — it does not use ImmoXX's own signing code.
 */
function verifyFromDocs(header: string, rawBody: string, secret: string): boolean {
  const pairs = header.split(',').map((part) => {
    const at = part.indexOf('=');
    return [part.slice(0, at), part.slice(at + 1)] as const;
  });
  const t = Number(pairs.find(([key]) => key === 't')?.[1]);
  if (!Number.isInteger(t) || Math.abs(Math.floor(Date.now() / 1000) - t) > 300) return false;
  const expected = createHmac('sha256', secret).update(`${t}.${rawBody}`).digest();
  return pairs.some(
    ([key, value]) =>
      key === 'v1' && /^[0-9a-f]{64}$/.test(value) && timingSafeEqual(Buffer.from(value, 'hex'), expected),
  );
}

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  rawBody: string;
}

let t: TestApp;
let owner: TestUser;
let agent: TestUser;
let receiver: Server;
let baseUrl: string;
const received: Received[] = [];
/** Status the receiver answers per path (default 204). */
const answers = new Map<string, number>();

const api = async (
  user: TestUser,
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  url: string,
  payload?: unknown,
) => {
  const response = await t.as(user, {
    method,
    url: `/api/projects${url}`,
    ...(payload === undefined ? {} : { payload: payload as string }),
  });
  return { status: response.statusCode, body: response.body ? response.json() : null };
};

async function until<T>(probe: () => Promise<T | undefined>, what: string, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    await t.platform.events.drain();
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const receivedAt = (path: string) => received.filter((r) => r.path === path);

beforeAll(async () => {
  receiver = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = request.url ?? '/';
      received.push({ path, headers: request.headers, rawBody: Buffer.concat(chunks).toString('utf8') });
      const status = answers.get(path) ?? 204;
      response.writeHead(status, { 'content-type': 'text/plain' });
      response.end(status >= 400 ? `kaputt (${status})` : '');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  t = await createTestApp();
  owner = await t.createTenant('Webhook-Büro');
  agent = await t.createUser(owner.tenantId, 'agent');
});
afterAll(async () => {
  await t.close();
  await new Promise((resolve) => receiver.close(resolve));
});

describe('outbound webhooks', () => {
  it('deliver signed events that verify with the documented recipe, with the task as it is now', async () => {
    const created = await api(owner, 'POST', '/webhooks', {
      name: 'Projekttool',
      url: `${baseUrl}/ok`,
      events: ['task.created', 'task.updated'],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const secret: string = created.body.secret;
    expect(secret).toMatch(/^whsec_/);
    // The secret is shown once: never in the list, never in the database in clear.
    const listed = await api(owner, 'GET', '/webhooks');
    expect(JSON.stringify(listed.body)).not.toContain(secret);

    const task = await api(agent, 'POST', '/tasks', {
      title: 'Grundbuchauszug anfordern',
      dueDate: '2026-12-10',
    });
    expect(task.status).toBe(201);
    const delivery = await until(async () => receivedAt('/ok')[0], 'first delivery');
    expect(delivery.headers['immoxx-event']).toBe('task.created');
    expect(verifyFromDocs(String(delivery.headers['immoxx-signature']), delivery.rawBody, secret)).toBe(true);
    expect(
      verifyFromDocs(String(delivery.headers['immoxx-signature']), delivery.rawBody, 'whsec_other'),
    ).toBe(false);
    expect(
      verifyFromDocs(
        String(delivery.headers['immoxx-signature']),
        delivery.rawBody.replace('Grundbuch', 'Xrundbuch'),
        secret,
      ),
    ).toBe(false);
    const body = JSON.parse(delivery.rawBody);
    expect(body).toMatchObject({
      type: 'task.created',
      officeId: owner.tenantId,
      origin: null,
      actorId: agent.userId,
      data: {
        taskId: task.body.id,
        task: { title: 'Grundbuchauszug anfordern', dueDate: '2026-12-10', assigneeEmail: null },
      },
    });
    expect(body.id).toBe(delivery.headers['immoxx-event-id']);

    // Unsubscribed events are not sent; the log shows the successful delivery.
    await api(agent, 'PATCH', `/tasks/${task.body.id}`, { priority: 'high' });
    const update = await until(
      async () => receivedAt('/ok').find((r) => r.headers['immoxx-event'] === 'task.updated'),
      'update',
    );
    expect(JSON.parse(update.rawBody).data).toMatchObject({
      changed: ['priority'],
      task: { priority: 'high' },
    });
    // Regression: the assignee's address was read outside the open transaction, which on the
    // embedded database waited for that transaction's own lock and froze the server.
    await api(agent, 'PATCH', `/tasks/${task.body.id}`, { assigneeId: agent.userId });
    const assigned = await until(
      async () => receivedAt('/ok').find((r) => JSON.parse(r.rawBody).data.changed?.includes('assigneeId')),
      'assignment',
      5_000,
    );
    expect(JSON.parse(assigned.rawBody).data.task).toMatchObject({
      assigneeId: agent.userId,
      assigneeEmail: agent.email,
    });
    const log = await api(owner, 'GET', `/webhooks/${created.body.id}/deliveries?status=succeeded`);
    expect(log.body.items.length).toBe(3);
    expect(log.body.items[0]).toMatchObject({ status: 'succeeded', attempts: 1, responseStatus: 204 });
  });

  it('signs with the old and the new secret for a while after rotation', async () => {
    const hook = await api(owner, 'POST', '/webhooks', {
      name: 'Rotation',
      url: `${baseUrl}/rotate`,
      events: ['task.created'],
    });
    const rotated = await api(owner, 'POST', `/webhooks/${hook.body.id}/rotate-secret`);
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).not.toBe(hook.body.secret);
    expect(rotated.body.previousSecretUntil).not.toBeNull();
    await api(agent, 'POST', '/tasks', { title: 'Nach der Rotation' });
    const delivery = await until(async () => receivedAt('/rotate')[0], 'rotated delivery');
    const header = String(delivery.headers['immoxx-signature']);
    expect(header.match(/v1=/g)?.length).toBe(2);
    expect(verifyFromDocs(header, delivery.rawBody, rotated.body.secret)).toBe(true);
    expect(verifyFromDocs(header, delivery.rawBody, hook.body.secret)).toBe(true);
  });

  it('retries a failing receiver, then shows the delivery as failed; a replay delivers the same event', async () => {
    answers.set('/failing', 500);
    const hook = await api(owner, 'POST', '/webhooks', {
      name: 'Wackelig',
      url: `${baseUrl}/failing`,
      events: ['task.created'],
    });
    await api(agent, 'POST', '/tasks', { title: 'Wird erst beim dritten Mal nicht angenommen' });
    const failed = await until(async () => {
      const log = await api(owner, 'GET', `/webhooks/${hook.body.id}/deliveries?status=failed`);
      return log.body.items[0];
    }, 'failed delivery');
    // WEBHOOK_MAX_ATTEMPTS is 3 in tests: three tries reached the receiver, all logged.
    expect(receivedAt('/failing').length).toBe(3);
    expect(failed).toMatchObject({
      status: 'failed',
      attempts: 3,
      responseStatus: 500,
      responseExcerpt: 'kaputt (500)',
    });
    expect(failed.error).toContain('HTTP 500');
    const list = await api(owner, 'GET', '/webhooks');
    expect(list.body.items.find((h: { id: string }) => h.id === hook.body.id)).toMatchObject({
      failedDeliveries: 1,
      lastDelivery: { status: 'failed', responseStatus: 500 },
    });

    answers.set('/failing', 200);
    const replay = await api(owner, 'POST', `/webhooks/${hook.body.id}/deliveries/${failed.id}/replay`);
    expect(replay.status).toBe(202);
    const done = await until(async () => {
      const log = await api(owner, 'GET', `/webhooks/${hook.body.id}/deliveries?status=succeeded`);
      return log.body.items[0];
    }, 'replayed delivery');
    expect(done).toMatchObject({ eventId: failed.eventId, replayOf: failed.id, attempts: 1 });
    expect(receivedAt('/failing').at(-1)?.headers['immoxx-event-id']).toBe(failed.eventId);
  });

  it('switches a webhook off when the receiver answers 410 Gone', async () => {
    answers.set('/gone', 410);
    const hook = await api(owner, 'POST', '/webhooks', {
      name: 'Weg',
      url: `${baseUrl}/gone`,
      events: ['task.created'],
    });
    await api(agent, 'POST', '/tasks', { title: 'Für einen Empfänger, den es nicht mehr gibt' });
    await until(async () => {
      const list = await api(owner, 'GET', '/webhooks');
      const found = list.body.items.find((h: { id: string }) => h.id === hook.body.id);
      return found.enabled ? undefined : found;
    }, 'webhook switched off');
    expect(receivedAt('/gone').length).toBe(1);
  });

  it('sends a ping on request', async () => {
    const hook = await api(owner, 'POST', '/webhooks', {
      name: 'Ping',
      url: `${baseUrl}/ping`,
      events: ['task.deleted'],
    });
    expect((await api(owner, 'POST', `/webhooks/${hook.body.id}/ping`)).status).toBe(202);
    const ping = await until(async () => receivedAt('/ping')[0], 'ping');
    expect(JSON.parse(ping.rawBody)).toMatchObject({ type: 'ping', data: { webhookId: hook.body.id } });
    expect(verifyFromDocs(String(ping.headers['immoxx-signature']), ping.rawBody, hook.body.secret)).toBe(
      true,
    );
  });

  it('refuses bad input with a clear 4xx and stores nothing', async () => {
    const before = (await api(owner, 'GET', '/webhooks')).body.items.length;
    const metadata = await api(owner, 'POST', '/webhooks', {
      name: 'Metadaten',
      url: 'http://169.254.169.254/latest/meta-data',
      events: ['task.created'],
    });
    expect(metadata.status).toBe(400);
    expect(metadata.body.error.code).toBe('forbidden_address');
    const noEvents = await api(owner, 'POST', '/webhooks', { name: 'Leer', url: `${baseUrl}/x`, events: [] });
    expect(noEvents.status).toBe(400);
    const unknownEvent = await api(owner, 'POST', '/webhooks', {
      name: 'X',
      url: `${baseUrl}/x`,
      events: ['lead.created'],
    });
    expect(unknownEvent.status).toBe(400);
    const ftp = await api(owner, 'POST', '/webhooks', {
      name: 'FTP',
      url: 'ftp://example.com/x',
      events: ['task.created'],
    });
    expect(ftp.status).toBe(400);
    expect((await api(owner, 'GET', '/webhooks')).body.items.length).toBe(before);
    // Agents may not manage webhooks.
    expect((await api(agent, 'GET', '/webhooks')).status).toBe(403);
  });
});
