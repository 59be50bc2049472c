import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../../../../platform/testing/test-app.js';

/*
 * A fake sender (an outside project tool) that follows docs/integrations/project-sync.md,
 * "Inbound sync API": token from the owner, PUT by its own ids, updatedAt of its changes.
 */

let t: TestApp;
let owner: TestUser;
let agent: TestUser;
let token: string;
let clientId: string;

const sender = async (method: 'PUT' | 'GET', url: string, payload?: unknown, bearer = token) => {
  const response = await t.app.inject({
    method,
    url: `/api/projects/sync${url}`,
    headers: bearer ? { authorization: `Bearer ${bearer}` } : {},
    ...(payload === undefined ? {} : { payload: payload as string }),
  });
  return { status: response.statusCode, body: response.json() };
};
const api = async (user: TestUser, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) => {
  const response = await t.as(user, {
    method,
    url: `/api/projects${url}`,
    ...(payload === undefined ? {} : { payload: payload as string }),
  });
  return { status: response.statusCode, body: response.json() };
};

beforeAll(async () => {
  t = await createTestApp();
  owner = await t.createTenant('Sync-Büro');
  agent = await t.createUser(owner.tenantId, 'agent');
  const issued = await api(owner, 'POST', '/sync-clients', { name: 'OptimAizeFlow' });
  expect(issued.status).toBe(201);
  token = issued.body.token;
  clientId = issued.body.id;
});
afterAll(() => t.close());

describe('inbound sync API', () => {
  it('creates a project and a task by external id, idempotently', async () => {
    const project = await sender('PUT', '/projects/PRJ-7', {
      name: 'Verkauf Seestraße 12',
      type: 'transaction',
      status: 'active',
      startDate: '2026-12-07',
      updatedAt: '2026-12-03T10:00:00Z',
    });
    expect(project.status, JSON.stringify(project.body)).toBe(201);
    expect(project.body).toMatchObject({ result: 'created', externalId: 'PRJ-7' });

    const body = {
      title: 'Notartermin vereinbaren',
      projectExternalId: 'PRJ-7',
      priority: 'high',
      stateGroup: 'in_progress',
      assigneeEmail: agent.email.toUpperCase(),
      startDate: '2026-12-07',
      dueDate: '2026-12-09',
      updatedAt: '2026-12-03T10:05:00Z',
    };
    const created = await sender('PUT', '/tasks/T-1', body);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    // The same change again (a retry after a lost answer) changes nothing.
    const again = await sender('PUT', '/tasks/T-1', body);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({
      result: 'unchanged',
      id: created.body.id,
      updatedAt: created.body.updatedAt,
    });

    const task = await api(owner, 'GET', `/tasks/${created.body.id}`);
    expect(task.body).toMatchObject({
      title: 'Notartermin vereinbaren',
      projectId: project.body.id,
      priority: 'high',
      stateGroup: 'in_progress',
      assigneeId: agent.userId,
      externalId: 'T-1',
    });
    const read = await sender('GET', '/tasks/T-1');
    expect(read.body.id).toBe(created.body.id);
  });

  it('applies newer changes, refuses older ones and edits made here afterwards (409, nothing stored)', async () => {
    const newer = await sender('PUT', '/tasks/T-1', {
      title: 'Notartermin vereinbaren (Dr. Maier)',
      stateGroup: 'done',
      updatedAt: '2026-12-03T11:00:00Z',
    });
    expect(newer.status).toBe(200);
    expect(newer.body.result).toBe('updated');
    const stale = await sender('PUT', '/tasks/T-1', { title: 'Alt', updatedAt: '2026-12-03T10:30:00Z' });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({ code: 'sync_conflict', details: { reason: 'stale' } });

    // A broker edits the task in ImmoXX now — after the tool's next change was made.
    const edited = await api(agent, 'PATCH', `/tasks/${newer.body.id}`, { title: 'Im Büro geändert' });
    expect(edited.status).toBe(200);
    const lateChange = await sender('PUT', '/tasks/T-1', {
      title: 'Vom Tool',
      updatedAt: '2026-12-03T12:00:00Z',
    });
    expect(lateChange.status).toBe(409);
    expect(lateChange.body.error.details.reason).toBe('edited_here');
    expect((await sender('GET', '/tasks/T-1')).body.title).toBe('Im Büro geändert');
    // After merging, a change made later than the office's edit is taken.
    const merged = await sender('PUT', '/tasks/T-1', {
      title: 'Im Büro geändert + Tool',
      updatedAt: new Date(Date.now() + 1000).toISOString(),
    });
    expect(merged.status).toBe(200);
    expect((await sender('GET', '/tasks/T-1')).body.title).toBe('Im Büro geändert + Tool');
  });

  it('refuses bad input with a clear 4xx and stores nothing', async () => {
    const cases: [unknown, number, string][] = [
      [
        { title: 'X', assigneeEmail: 'fremd@example.com', updatedAt: '2026-12-03T10:00:00Z' },
        400,
        'unknown_user',
      ],
      [{ title: 'X', projectExternalId: 'NOPE', updatedAt: '2026-12-03T10:00:00Z' }, 400, 'unknown_project'],
      [
        { title: 'X', startDate: '2026-12-10', dueDate: '2026-12-01', updatedAt: '2026-12-03T10:00:00Z' },
        400,
        'validation_failed',
      ],
      [{ title: 'X', updatedAt: 'gestern' }, 400, 'validation_failed'],
      [{ title: 'X', colour: 'rot', updatedAt: '2026-12-03T10:00:00Z' }, 400, 'validation_failed'],
    ];
    for (const [payload, status, code] of cases) {
      const answer = await sender('PUT', '/tasks/T-BAD', payload);
      expect(answer.status, JSON.stringify(answer.body)).toBe(status);
      expect(answer.body.error.code).toBe(code);
    }
    expect((await sender('GET', '/tasks/T-BAD')).status).toBe(404);
    expect(
      (await sender('PUT', '/tasks/has%20space', { title: 'X', updatedAt: '2026-12-03T10:00:00Z' })).status,
    ).toBe(400);
  });

  it('needs a valid token; a revoked token stops at once; other offices stay out of reach', async () => {
    expect((await sender('GET', '/tasks/T-1', undefined, '')).status).toBe(401);
    expect((await sender('GET', '/tasks/T-1', undefined, 'ixs_wrong')).status).toBe(401);
    const other = await t.createTenant('Anderes Büro');
    const otherToken = (await api(other, 'POST', '/sync-clients', { name: 'Fremd' })).body.token;
    expect((await sender('GET', '/tasks/T-1', undefined, otherToken)).status).toBe(404);
    // The same external id in another office is another record.
    const theirs = await sender(
      'PUT',
      '/tasks/T-1',
      { title: 'Fremde Aufgabe', updatedAt: '2026-12-03T10:00:00Z' },
      otherToken,
    );
    expect(theirs.status).toBe(201);
    expect((await sender('GET', '/tasks/T-1')).body.title).not.toBe('Fremde Aufgabe');

    const listed = await api(owner, 'GET', '/sync-clients');
    expect(JSON.stringify(listed.body)).not.toContain(token);
    expect(listed.body.items[0]).toMatchObject({ name: 'OptimAizeFlow', tokenHint: token.slice(-4) });
    expect(listed.body.items[0].lastUsedAt).not.toBeNull();
    expect((await api(agent, 'POST', '/sync-clients', { name: 'Agent' })).status).toBe(403);
    expect((await api(owner, 'POST', `/sync-clients/${clientId}/revoke`)).status).toBe(200);
    expect((await sender('GET', '/tasks/T-1')).status).toBe(401);
  });

  it("marks the events of a sync write with the client's origin, so webhooks let the sender skip its echo", async () => {
    const seen: { origin: string | null; name: string }[] = [];
    t.platform.events.on('task.created', 'test', (event) => {
      seen.push({ origin: event.origin, name: event.name });
    });
    const fresh = (await api(owner, 'POST', '/sync-clients', { name: 'Zweiter' })).body;
    await sender(
      'PUT',
      '/tasks/T-ORIGIN',
      { title: 'Mit Herkunft', updatedAt: '2026-12-03T10:00:00Z' },
      fresh.token,
    );
    await api(agent, 'POST', '/tasks', { title: 'Ohne Herkunft' });
    await t.platform.events.drain();
    expect(seen).toEqual([
      { origin: `sync:${fresh.id}`, name: 'task.created' },
      { origin: null, name: 'task.created' },
    ]);
  });
});
