import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../../../platform/testing/test-app.js';
import { seeblickWohnung } from '../../crm/test/fixtures.js';

let t: TestApp;
let owner: TestUser;
let agent: TestUser;
let propertyId: string;

const api = async (
  user: TestUser,
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
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

/** Events run their handlers after the request; the runs they enqueue are jobs. */
async function settle(): Promise<void> {
  for (let i = 0; i < 40; i++) {
    await t.platform.events.drain();
    const queued = await api(owner, 'GET', '/automation/runs?status=queued');
    if (queued.body.total === 0) return;
    await new Promise((r) => setTimeout(r, 250));
  }
}

beforeAll(async () => {
  t = await createTestApp();
  owner = await t.createTenant('Automations-Büro');
  agent = await t.createUser(owner.tenantId, 'agent');
  propertyId = (
    await t.as(owner, { method: 'POST', url: '/api/crm/properties', payload: seeblickWohnung })
  ).json().id;
});
afterAll(() => t.close());

describe('automation rules', () => {
  it('"Energieausweis abgelegt → Aufgabe erledigt" fires when the document is uploaded, and is logged', async () => {
    const rule = await api(owner, 'POST', '/automation/rules', {
      name: 'Energieausweis erledigt',
      trigger: 'document.filed',
      conditions: [{ field: 'category', op: 'equals', value: 'energieausweis' }],
      actions: [
        { type: 'complete_tasks', titleContains: 'Energieausweis prüfen' },
        { type: 'notify', recipients: [agent.userId], title: 'Energieausweis liegt vor' },
      ],
    });
    expect(rule.status, JSON.stringify(rule.body)).toBe(201);
    // A task of the office's own (not the template's, which completes by itself on filing).
    const project = await api(owner, 'POST', '/', { name: 'Vermarktung', propertyId });
    await api(owner, 'POST', '/tasks', {
      title: 'Energieausweis prüfen (GEG § 87)',
      projectId: project.body.id,
    });
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#fff' } })
      .png()
      .toBuffer();
    const upload = await t.as(owner, {
      method: 'POST',
      url: `/api/documents?propertyId=${propertyId}&fileName=ea.png&category=energieausweis`,
      payload: png,
      headers: { 'content-type': 'image/png' },
    });
    expect(upload.statusCode).toBe(201);
    await settle();
    const board = await api(owner, 'GET', `/${project.body.id}/board`);
    const check = board.body.tasks.find((x: { title: string }) =>
      x.title.startsWith('Energieausweis prüfen'),
    );
    expect(check.stateGroup).toBe('done');
    const runs = await api(owner, 'GET', `/automation/runs?ruleId=${rule.body.id}`);
    expect(runs.body.items[0]).toMatchObject({
      status: 'succeeded',
      event: 'document.filed',
      outcome: ['1 Aufgabe(n) mit „Energieausweis prüfen“ erledigt', '1 Person(en) benachrichtigt'],
    });
    expect(runs.body.items[0].lagSeconds).toBeGreaterThanOrEqual(0);
    await t.platform.jobs.waitFor(upload.json().text.jobRunId);
  });

  it('refuses a rule that would trigger itself, and bad references, storing nothing', async () => {
    const before = await api(owner, 'GET', '/automation/rules');
    const loops = await api(owner, 'POST', '/automation/rules', {
      name: 'Schleife',
      trigger: 'task.completed',
      actions: [{ type: 'complete_tasks', titleContains: 'Schritt' }],
    });
    expect(loops.status).toBe(400);
    expect(loops.body.error.code).toBe('rule_loops');
    const stranger = await api(owner, 'POST', '/automation/rules', {
      name: 'Fremd',
      trigger: 'lead.created',
      actions: [{ type: 'notify', recipients: ['niemand'], title: 'x' }],
    });
    expect(stranger.status).toBe(400);
    expect((await api(agent, 'GET', '/automation/rules')).status).toBe(403);
    expect((await api(owner, 'GET', '/automation/rules')).body).toEqual(before.body);
  });

  it('stops a chain of rules at the depth limit and says so in the log', async () => {
    // Each completed "Kette n" task completes "Kette n+1": a chain through five rules.
    for (let n = 1; n <= 5; n++)
      await api(owner, 'POST', '/automation/rules', {
        name: `Kette ${n}`,
        trigger: 'task.completed',
        conditions: [{ field: 'title', op: 'equals', value: `Kette ${n}` }],
        actions: [{ type: 'complete_tasks', titleContains: `Kette ${n + 1}` }],
      });
    const project = await api(owner, 'POST', '/', { name: 'Kettenprojekt', propertyId });
    const states = (await api(owner, 'GET', '/states')).body.items as { id: string; group: string }[];
    const ids: string[] = [];
    for (let n = 1; n <= 6; n++)
      ids.push(
        (await api(owner, 'POST', '/tasks', { title: `Kette ${n}`, projectId: project.body.id })).body.id,
      );
    const done = states.find((s) => s.group === 'done')?.id;
    await api(owner, 'POST', `/tasks/${ids[0]}/move`, { stateId: done, afterId: null });
    await settle();
    const board = (await api(owner, 'GET', `/${project.body.id}/board`)).body;
    const group = (title: string) => board.tasks.find((x: { title: string }) => x.title === title).stateGroup;
    // A person completed 1 (depth 0); rules completed 2, 3, 4 at depths 1–3; the rule for 4 is stopped.
    expect(['Kette 1', 'Kette 2', 'Kette 3', 'Kette 4', 'Kette 5'].map(group)).toEqual([
      'done',
      'done',
      'done',
      'done',
      'todo',
    ]);
    const skipped = await api(owner, 'GET', '/automation/runs?status=skipped');
    expect(skipped.body.items).toHaveLength(1);
    expect(skipped.body.items[0]).toMatchObject({ ruleName: 'Kette 4', depth: 3 });
    expect(skipped.body.items[0].error).toContain('angehalten');
  });

  it('retries a failing action and then shows the run as failed, retryable', async () => {
    const rule = await api(owner, 'POST', '/automation/rules', {
      name: 'Zuweisen',
      trigger: 'task.due',
      actions: [{ type: 'assign_task', userId: agent.userId }],
    });
    // An event whose task no longer exists: the action fails on every try.
    await t.platform.events.emit('task.due', owner.tenantId, {
      taskId: '00000000-0000-4000-8000-000000000000',
      projectId: null,
      title: 'Verschwunden',
    });
    for (let i = 0; i < 120; i++) {
      await t.platform.events.drain();
      const failed = await api(owner, 'GET', `/automation/runs?ruleId=${rule.body.id}&status=failed`);
      if (failed.body.total === 1) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    const failed = await api(owner, 'GET', `/automation/runs?ruleId=${rule.body.id}&status=failed`);
    expect(failed.body.items[0]).toMatchObject({ status: 'failed' });
    expect(failed.body.items[0].attempts).toBeGreaterThanOrEqual(1);
    expect(
      (await api(owner, 'GET', '/automation/rules')).body.items.find(
        (r: { id: string }) => r.id === rule.body.id,
      ).failedRuns,
    ).toBe(1);
    const retry = await api(owner, 'POST', `/automation/runs/${failed.body.items[0].id}/retry`);
    expect(retry.status).toBe(202);
  }, 60_000);
});
