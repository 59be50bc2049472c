import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../../../platform/testing/test-app.js';
import { seeblickWohnung } from '../../crm/test/fixtures.js';
import { addDays, dayOf, todayInBerlin } from '../domain/day.js';

let t: TestApp;
let owner: TestUser;
let agent: TestUser;
let readonly: TestUser;
let propertyId: string;

const api = (
  user: TestUser,
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  url: string,
  payload?: unknown,
) =>
  t.as(user, {
    method,
    url: `/api/projects${url}`,
    ...(payload === undefined ? {} : { payload: payload as string }),
  });

async function created(response: Awaited<ReturnType<typeof api>>) {
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

beforeAll(async () => {
  t = await createTestApp();
  owner = await t.createTenant('Projekt-Büro');
  agent = await t.createUser(owner.tenantId, 'agent');
  readonly = await t.createUser(owner.tenantId, 'readonly');
  const listing = await t.as(owner, { method: 'POST', url: '/api/crm/properties', payload: seeblickWohnung });
  propertyId = listing.json().id;
});
afterAll(() => t.close());

describe('projects and tasks over HTTP', () => {
  it('creates a project and refuses bad input without storing anything', async () => {
    const project = await created(
      await api(owner, 'POST', '/', {
        name: 'Verkauf Seeblick',
        type: 'transaction',
        propertyId,
        memberIds: [agent.userId],
      }),
    );
    expect(project).toMatchObject({
      ownerId: owner.userId,
      propertyTitle: seeblickWohnung.title,
      taskCount: 0,
    });
    expect(project.memberIds.sort()).toEqual([owner.userId, agent.userId].sort());
    const agentsProjects = await api(owner, 'GET', `/?memberId=${agent.userId}&q=seeblick`);
    expect(agentsProjects.json().items.map((p: { name: string }) => p.name)).toEqual(['Verkauf Seeblick']);
    expect((await api(owner, 'GET', `/?memberId=${readonly.userId}`)).json().total).toBe(0);

    const bad = [
      await api(owner, 'POST', '/', { name: 'X', startDate: '2027-03-10', endDate: '2027-03-01' }),
      await api(owner, 'POST', '/', { name: 'X', memberIds: ['fremder-nutzer'] }),
      await api(owner, 'POST', '/tasks', {
        title: 'A',
        projectId: project.id,
        startDate: '2027-03-10',
        dueDate: '2027-03-01',
      }),
      await api(owner, 'POST', '/tasks', { title: 'A', projectId: project.id, assigneeId: 'unbekannt' }),
      await api(owner, 'POST', '/tasks', { title: 'A', startDate: '2027-02-30' }),
    ];
    expect(bad.map((r) => r.statusCode)).toEqual([400, 400, 400, 400, 400]);
    expect(bad[1]?.json().error.code).toBe('unknown_user');
    expect(JSON.stringify(bad[2]?.json().error.details)).toContain('Fälligkeitsdatum liegt vor dem Start');
    const list = await api(owner, 'GET', '/tasks');
    expect(list.json().total).toBe(0);
    const forbidden = await api(readonly, 'POST', '/', { name: 'Nur lesen' });
    expect(forbidden.statusCode).toBe(403);
  });

  it('auto-schedules dependants, refuses a cycle and shows the critical path', async () => {
    const project = await created(await api(owner, 'POST', '/', { name: 'Kette' }));
    const task = async (title: string, startDate: string, dueDate: string) =>
      created(await api(owner, 'POST', '/tasks', { title, projectId: project.id, startDate, dueDate }));
    const a = await task('Finanzierung', '2027-03-01', '2027-03-05');
    const b = await task('Notarentwurf', '2027-03-06', '2027-03-06');
    const c = await task('Beurkundung', '2027-03-21', '2027-03-21');
    const side = await task('Fotos', '2027-03-01', '2027-03-02');
    await created(await api(owner, 'POST', '/dependencies', { predecessorId: a.id, successorId: b.id }));
    const lag = await created(
      await api(owner, 'POST', '/dependencies', { predecessorId: b.id, successorId: c.id, lagDays: 14 }),
    );
    expect(lag.rescheduled).toEqual([]);

    const before = await api(owner, 'GET', '/tasks');
    const cycle = await api(owner, 'POST', '/dependencies', { predecessorId: c.id, successorId: a.id });
    expect(cycle.statusCode).toBe(400);
    expect(cycle.json().error.code).toBe('dependency_cycle');
    expect(cycle.json().error.message).toContain('Finanzierung → Notarentwurf → Beurkundung → Finanzierung');
    expect((await api(owner, 'GET', '/tasks')).body).toBe(before.body);

    const moved = await api(owner, 'PATCH', `/tasks/${a.id}`, { dueDate: '2027-03-09' });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json().rescheduled).toEqual([
      { id: b.id, startDate: '2027-03-10', dueDate: '2027-03-10' },
      { id: c.id, startDate: '2027-03-25', dueDate: '2027-03-25' },
    ]);

    const board = (await api(owner, 'GET', `/${project.id}/board`)).json();
    expect(board.criticalTaskIds.sort()).toEqual([a.id, b.id, c.id].sort());
    expect(board.floatDays[side.id]).toBe(dayOf('2027-03-25') - dayOf('2027-03-02'));
    expect(board.dependencies).toHaveLength(2);
  });

  it('moves a task across the board and within a column', async () => {
    const project = await created(await api(owner, 'POST', '/', { name: 'Board' }));
    const states = (await api(owner, 'GET', '/states')).json().items as { id: string; group: string }[];
    const todo = states.find((s) => s.group === 'todo')?.id;
    const doing = states.find((s) => s.group === 'in_progress')?.id;
    const done = states.find((s) => s.group === 'done')?.id;
    const one = await created(await api(owner, 'POST', '/tasks', { title: 'Eins', projectId: project.id }));
    const two = await created(await api(owner, 'POST', '/tasks', { title: 'Zwei', projectId: project.id }));
    const three = await created(await api(owner, 'POST', '/tasks', { title: 'Drei', projectId: project.id }));
    expect(one.stateId).toBe(todo);
    const top = await api(owner, 'POST', `/tasks/${three.id}/move`, { stateId: todo, afterId: null });
    expect(top.json().position).toBeLessThan(one.position);
    const middle = await api(owner, 'POST', `/tasks/${one.id}/move`, { stateId: todo, afterId: two.id });
    expect(middle.json().position).toBeGreaterThan(two.position);
    const across = await api(owner, 'POST', `/tasks/${two.id}/move`, { stateId: doing, afterId: null });
    expect(across.json()).toMatchObject({ stateGroup: 'in_progress', completedAt: null });
    const finished = await api(owner, 'POST', `/tasks/${two.id}/move`, { stateId: done, afterId: null });
    expect(finished.json().completedAt).not.toBeNull();
    const board = (await api(owner, 'GET', `/${project.id}/board`)).json();
    const column = board.tasks
      .filter((x: { stateId: string }) => x.stateId === todo)
      .map((x: { title: string }) => x.title);
    expect(column).toEqual(['Drei', 'Eins']);
    const history = (await api(owner, 'GET', `/tasks/${two.id}/history`)).json().items;
    expect(history.map((h: { kind: string }) => h.kind)).toEqual(['state', 'state', 'created']);
    const wrongColumn = await api(owner, 'POST', `/tasks/${one.id}/move`, {
      stateId: doing,
      afterId: three.id,
    });
    expect(wrongColumn.statusCode).toBe(400);
  });

  it('makes a transaction project from the template with the 14-day notary period', async () => {
    const start = '2027-04-01';
    const project = await created(
      await api(owner, 'POST', '/from-template', {
        templateKey: 'transaktion',
        startDate: start,
        propertyId,
      }),
    );
    expect(project).toMatchObject({ type: 'transaction', templateKey: 'transaktion', taskCount: 8 });
    expect(project.name).toBe(`Transaktion: ${seeblickWohnung.title}`);
    const board = (await api(owner, 'GET', `/${project.id}/board`)).json();
    const byTitle = new Map(board.tasks.map((x: { title: string }) => [x.title, x]));
    const entwurf = byTitle.get('Notarentwurf an den Käufer') as { dueDate: string };
    const beurkundung = byTitle.get('Beurkundung beim Notar') as { startDate: string };
    expect(dayOf(beurkundung.startDate) - dayOf(entwurf.dueDate)).toBe(15);
    expect(board.dependencies.length).toBe(8);
    expect(board.tasks.every((x: { assigneeId: string }) => x.assigneeId === owner.userId)).toBe(true);
  });

  it('completes a documentation task when the document of its category is filed', async () => {
    const project = await created(
      await api(owner, 'POST', '/from-template', {
        templateKey: 'dokumentation',
        startDate: todayInBerlin(),
        propertyId,
      }),
    );
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#fff' } })
      .png()
      .toBuffer();
    const upload = await t.as(owner, {
      method: 'POST',
      url: `/api/documents?propertyId=${propertyId}&fileName=energieausweis.png&category=energieausweis`,
      payload: png,
      headers: { 'content-type': 'image/png' },
    });
    expect(upload.statusCode, upload.body).toBe(201);
    await t.platform.events.drain();
    const board = (await api(owner, 'GET', `/${project.id}/board`)).json();
    const energy = board.tasks.find((x: { title: string }) => x.title === 'Energieausweis vorliegen');
    expect(energy.stateGroup).toBe('done');
    const others = board.tasks.filter((x: { title: string }) => x.title !== 'Energieausweis vorliegen');
    expect(others.every((x: { stateGroup: string }) => x.stateGroup === 'todo')).toBe(true);
    const history = (await api(owner, 'GET', `/tasks/${energy.id}/history`)).json().items;
    expect(history[0]).toMatchObject({ kind: 'completed_by_document' });
    await t.platform.jobs.waitFor(upload.json().text.jobRunId);
  });

  it('keeps follow-ups on a contact and shows the day of the signed-in user', async () => {
    const contact = await t.as(owner, {
      method: 'POST',
      url: '/api/crm/contacts',
      payload: { firstName: 'Anna', lastName: 'Huber', email: 'huber@example.de' },
    });
    const today = todayInBerlin();
    const followUp = await created(
      await api(owner, 'POST', '/tasks', {
        title: 'Frau Huber zurückrufen',
        contactId: contact.json().id,
        assigneeId: agent.userId,
        dueDate: today,
      }),
    );
    expect(followUp).toMatchObject({ projectId: null, contactName: 'Anna Huber', assigneeName: agent.name });
    await created(
      await api(owner, 'POST', '/tasks', {
        title: 'Überfällig',
        assigneeId: agent.userId,
        dueDate: addDays(today, -3),
      }),
    );
    await created(
      await api(owner, 'POST', '/tasks', {
        title: 'Diese Woche',
        assigneeId: agent.userId,
        dueDate: addDays(today, 3),
      }),
    );
    const day = (await api(agent, 'GET', '/my-day')).json();
    expect(day.today).toBe(today);
    expect(day.overdue.map((x: { title: string }) => x.title)).toEqual(['Überfällig']);
    expect(day.dueToday.map((x: { title: string }) => x.title)).toEqual(['Frau Huber zurückrufen']);
    expect(day.thisWeek.map((x: { title: string }) => x.title)).toEqual(['Diese Woche']);
    const onContact = (await api(owner, 'GET', `/tasks?contactId=${contact.json().id}`)).json();
    expect(onContact.items.map((x: { title: string }) => x.title)).toEqual(['Frau Huber zurückrufen']);
    const mine = (await api(agent, 'GET', '/tasks?assigneeId=me&open=true')).json();
    expect(mine.items.map((x: { title: string }) => x.title)).toEqual([
      'Überfällig',
      'Frau Huber zurückrufen',
      'Diese Woche',
    ]);
  });

  it('lets an office edit a template and refuses a template that loops', async () => {
    const templates = (await api(owner, 'GET', '/templates')).json().items as {
      id: string;
      key: string;
      tasks: { key: string }[];
    }[];
    expect(templates.map((x) => x.key).sort()).toEqual([
      'akquise',
      'dokumentation',
      'transaktion',
      'vermarktung',
    ]);
    const akquise = templates.find((x) => x.key === 'akquise') as { id: string; tasks: unknown[] };
    const loop = await api(owner, 'PUT', `/templates/${akquise.id}`, {
      name: 'Akquise',
      projectType: 'acquisition',
      tasks: [
        { key: 'a', title: 'A', durationDays: 1, dependsOn: ['b'] },
        { key: 'b', title: 'B', durationDays: 1, dependsOn: ['a'] },
      ],
    });
    expect(loop.statusCode).toBe(400);
    expect(loop.json().error.message).toContain('Kreis');
    const edited = await api(owner, 'PUT', `/templates/${akquise.id}`, {
      name: 'Akquise (kurz)',
      projectType: 'acquisition',
      tasks: [{ key: 'lead', title: 'Eigentümer anrufen', durationDays: 1 }],
    });
    expect(edited.statusCode, edited.body).toBe(200);
    const byAgent = await api(agent, 'PUT', `/templates/${akquise.id}`, {
      name: 'x',
      projectType: 'acquisition',
      tasks: [],
    });
    expect(byAgent.statusCode).toBe(403);
    const reset = await api(owner, 'POST', `/templates/${akquise.id}/reset`);
    expect(reset.json().template.tasks).toHaveLength(5);
  });
});
