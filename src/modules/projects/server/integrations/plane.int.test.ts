import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../../../../platform/testing/test-app.js';
import { projectConnectorLink } from '../../sync.schema.js';
import { type PlaneFake, startPlaneFake } from '../../test/plane-fake.js';

let t: TestApp;
let owner: TestUser;
let plane: PlaneFake;

const api = async (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: unknown) => {
  const response = await t.as(owner, {
    method,
    url: `/api/projects${url}`,
    ...(payload === undefined ? {} : { payload: payload as string }),
  });
  return { status: response.statusCode, body: response.body ? response.json() : null };
};

async function until<T>(
  probe: () => T | undefined | Promise<T | undefined>,
  what: string,
  ms = 15_000,
): Promise<T> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    await t.platform.events.drain();
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const itemOf = (taskId: string) => [...plane.items.values()].find((i) => i.external_id === taskId);
const linkOf = async (taskId: string) =>
  (
    await t.platform.database.db
      .select()
      .from(projectConnectorLink)
      .where(eq(projectConnectorLink.taskId, taskId))
  )[0];
const connection = () => ({
  baseUrl: plane.url,
  workspaceSlug: plane.slug,
  remoteProjectId: plane.projectId,
  apiKey: plane.apiKey,
});

beforeAll(async () => {
  plane = await startPlaneFake();
  t = await createTestApp();
  owner = await t.createTenant('Plane-Büro');
});
afterAll(async () => {
  await t.close();
  await plane.close();
});

describe('Plane connection', () => {
  it('is saved only after Plane accepted URL, key and project; the key is never returned', async () => {
    const wrongKey = await api('PUT', '/connectors/plane', { ...connection(), apiKey: 'plane_api_falsch' });
    expect(wrongKey.status).toBe(400);
    expect(wrongKey.body.error).toMatchObject({
      code: 'plane_check_failed',
      message: 'Plane hat den API-Schlüssel abgelehnt.',
    });
    const wrongProject = await api('PUT', '/connectors/plane', {
      ...connection(),
      remoteProjectId: '00000000-0000-4000-8000-000000000000',
    });
    expect(wrongProject.body.error.message).toBe('Workspace oder Projekt gibt es in Plane nicht.');
    expect((await api('GET', '/connectors/plane')).body.connector).toBeNull();

    const saved = await api('PUT', '/connectors/plane', connection());
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(JSON.stringify(saved.body)).not.toContain(plane.apiKey);
    // Changing the project without a key keeps the stored key.
    const { apiKey: _key, ...withoutKey } = connection();
    expect((await api('PUT', '/connectors/plane', withoutKey)).status).toBe(200);
  });

  it('mirrors a task into a work item and its changes, with Plane state and priority', async () => {
    const task = await api('POST', '/tasks', {
      title: 'Energieausweis prüfen',
      description: 'GEG § 87 <Pflichtangaben>',
      priority: 'high',
      startDate: '2026-12-07',
      dueDate: '2026-12-09',
    });
    const item = await until(() => itemOf(task.body.id), 'work item');
    expect(item).toMatchObject({
      name: 'Energieausweis prüfen',
      description_html: '<p>GEG § 87 &lt;Pflichtangaben&gt;</p>',
      priority: 'high',
      start_date: '2026-12-07',
      target_date: '2026-12-09',
      external_source: 'immoxx',
      state: plane.states.find((s) => s.group === 'unstarted')?.id,
    });
    const done = (await api('GET', '/states')).body.items.find((s: { group: string }) => s.group === 'done');
    await api('PATCH', `/tasks/${task.body.id}`, { stateId: done.id, title: 'Energieausweis geprüft' });
    await until(() => (itemOf(task.body.id)?.name === 'Energieausweis geprüft' ? true : undefined), 'update');
    expect(itemOf(task.body.id)?.state).toBe(plane.states.find((s) => s.group === 'completed')?.id);
    expect(plane.requests.some((r) => r.path.includes('/issues/'))).toBe(false);

    await api('DELETE', `/tasks/${task.body.id}`);
    await until(() => (itemOf(task.body.id) ? undefined : true), 'deletion in Plane');
  });

  it('never creates a second work item when Plane stored the first but the answer was lost', async () => {
    plane.failNextCreateAfterStoring = 502;
    const postsBefore = plane.requests.filter((r) => r.method === 'POST').length;
    const task = await api('POST', '/tasks', { title: 'Notartermin' });
    // First try: 502 after storing. The retry's create gets 409 with the id and updates that one.
    await until(() => linkOf(task.body.id), 'retried push', 30_000);
    expect(plane.requests.filter((r) => r.method === 'POST').length - postsBefore).toBe(2);
    const copies = [...plane.items.values()].filter((i) => i.external_id === task.body.id);
    expect(copies).toHaveLength(1);
  }, 40_000);

  it('takes over changes made in Plane and work items made there, page by page; both-sides edits are conflicts', async () => {
    const task = await api('POST', '/tasks', { title: 'Exposé freigeben' });
    const item = await until(() => itemOf(task.body.id), 'work item');
    await until(
      async () =>
        (await api('GET', '/connectors/plane')).body.connector.linkedTasks >= 2 ? true : undefined,
      'link',
    );
    plane.editInPlane(item.id, { name: 'Exposé freigeben (Plane)', target_date: '2026-12-20' });
    for (let i = 0; i < 120; i++)
      plane.items.set(`00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, {
        id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
        name: `In Plane angelegt ${i}`,
        description_html: '<p>von Plane</p>',
        priority: 'none',
        state: plane.states[0]?.id as string,
        start_date: null,
        target_date: null,
        external_id: null,
        external_source: null,
        created_at: new Date().toISOString(),
        updated_at: new Date().toISOString(),
        sequence_id: 1000 + i,
        project: plane.projectId,
      });
    const pulled = await api('POST', '/connectors/plane/pull');
    expect(pulled.status, JSON.stringify(pulled.body)).toBe(200);
    expect(pulled.body).toMatchObject({ pages: 2, created: 120, updated: 1 });
    expect((await api('GET', `/tasks/${task.body.id}`)).body).toMatchObject({
      title: 'Exposé freigeben (Plane)',
      dueDate: '2026-12-20',
    });
    const fromPlane = await api('GET', '/tasks?q=In%20Plane%20angelegt%2042');
    expect(fromPlane.body.items[0]).toMatchObject({
      stateGroup: 'backlog',
      priority: 'medium',
      description: 'von Plane',
    });
    // Nothing echoed back: the changes that came from Plane did not push.
    const again = await api('POST', '/connectors/plane/pull');
    expect(again.body).toMatchObject({ created: 0, updated: 0, conflicts: 0 });

    // Changed on both sides (the office's change not yet in Plane): ImmoXX keeps its version, says so,
    // and the push brings it to Plane once Plane takes writes again.
    plane.failUpdatesWith = 503;
    plane.editInPlane(item.id, { name: 'In Plane geändert' });
    await api('PATCH', `/tasks/${task.body.id}`, { title: 'Im Büro geändert' });
    const conflict = await api('POST', '/connectors/plane/pull');
    expect(conflict.body.conflicts).toBe(1);
    expect((await api('GET', `/tasks/${task.body.id}`)).body.title).toBe('Im Büro geändert');
    plane.failUpdatesWith = null;
    await until(
      () => (plane.items.get(item.id)?.name === 'Im Büro geändert' ? true : undefined),
      'push after outage',
    );
  }, 60_000);

  it("waits for Plane's rate-limit window instead of running into 429", async () => {
    // One request per 1.5 s window: the pull's two pages must wait for the reset Plane announces.
    plane.rateLimit = 1;
    plane.windowMs = 1_500;
    await new Promise((r) => setTimeout(r, 1_600));
    const started = Date.now();
    const pulled = await api('POST', '/connectors/plane/pull');
    expect(pulled.status, JSON.stringify(pulled.body)).toBe(200);
    expect(pulled.body.pages).toBe(2);
    expect(Date.now() - started).toBeGreaterThan(500);
    expect(plane.throttled).toBe(0);
    plane.rateLimit = 60;
    plane.windowMs = 60_000;
  });
});
