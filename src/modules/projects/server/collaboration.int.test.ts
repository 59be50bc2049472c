import { and, eq } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailOutbox } from '../../../platform/mail/mail.schema.js';
import { createTestApp, type TestApp, type TestUser } from '../../../platform/testing/test-app.js';
import { seeblickWohnung } from '../../crm/test/fixtures.js';
import { todayInBerlin } from '../domain/day.js';
import { notifyDueToday } from './task-notifications.js';

let t: TestApp;
let owner: TestUser;
let agent: TestUser;
let stranger: TestUser;

const json = async (
  user: TestUser,
  method: 'GET' | 'POST' | 'PUT' | 'PATCH',
  url: string,
  payload?: unknown,
) => {
  const response = await t.as(user, {
    method,
    url,
    ...(payload === undefined ? {} : { payload: payload as string }),
  });
  return { status: response.statusCode, body: response.body ? response.json() : null };
};
const mailsTo = (email: string, purpose: string) =>
  t.platform.database.db
    .select()
    .from(mailOutbox)
    .where(and(eq(mailOutbox.toAddress, email), eq(mailOutbox.purpose, purpose)));

beforeAll(async () => {
  t = await createTestApp();
  owner = await t.createTenant('Team-Büro');
  agent = await t.createUser(owner.tenantId, 'agent');
  stranger = (await t.createTenant('Anderes Büro')) as TestUser;
});
afterAll(() => t.close());

describe('comments, mentions and the notification centre', () => {
  it('a mention reaches the colleague in the bell and by e-mail; a stranger cannot be mentioned', async () => {
    const task = await json(owner, 'POST', '/api/projects/tasks', { title: 'Exposé prüfen' });
    expect(task.status).toBe(201);
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#fff' } })
      .png()
      .toBuffer();
    const listing = await t.as(owner, {
      method: 'POST',
      url: '/api/crm/properties',
      payload: seeblickWohnung,
    });
    const upload = await t.as(owner, {
      method: 'POST',
      url: `/api/documents?propertyId=${listing.json().id}&fileName=grundriss.png&category=grundriss`,
      payload: png,
      headers: { 'content-type': 'image/png' },
    });
    const documentId = upload.json().id;
    await t.platform.jobs.waitFor(upload.json().text.jobRunId);

    const refused = await json(owner, 'POST', `/api/projects/tasks/${task.body.id}/comments`, {
      body: '@Fremd bitte ansehen',
      mentionIds: [stranger.userId],
    });
    expect(refused.status).toBe(400);
    expect((await json(agent, 'GET', '/api/notifications/unread-count')).body.unread).toBe(0);

    const comment = await json(owner, 'POST', `/api/projects/tasks/${task.body.id}/comments`, {
      body: `@${agent.name} bitte den Grundriss prüfen`,
      mentionIds: [agent.userId],
      documentIds: [documentId],
    });
    expect(comment.status).toBe(201);
    expect(comment.body.notified).toEqual([agent.userId]);
    expect((await json(agent, 'GET', '/api/notifications/unread-count')).body.unread).toBe(1);
    const list = await json(agent, 'GET', '/api/notifications');
    expect(list.body.items[0]).toMatchObject({
      kind: 'mention',
      title: `${owner.name} hat Sie bei „Exposé prüfen“ erwähnt`,
      link: `/aufgaben?aufgabe=${task.body.id}`,
      readAt: null,
    });
    expect(await mailsTo(agent.email, 'notification.mention')).toHaveLength(1);
    const comments = await json(owner, 'GET', `/api/projects/tasks/${task.body.id}/comments`);
    expect(comments.body.items[0].documents).toEqual([
      { id: documentId, title: 'grundriss', category: 'grundriss' },
    ]);

    await json(agent, 'POST', `/api/notifications/${list.body.items[0].id}/read`);
    expect((await json(agent, 'GET', '/api/notifications/unread-count')).body.unread).toBe(0);
    // The author's own bell stays quiet.
    expect((await json(owner, 'GET', '/api/notifications/unread-count')).body.unread).toBe(0);
  });

  it('an assignment notifies; switching its e-mail off keeps the bell but sends no mail', async () => {
    const off = await t.as(agent, {
      method: 'PUT',
      url: '/api/notifications/preferences',
      payload: { items: [{ kind: 'assignment', email: false }] },
    });
    expect(off.statusCode).toBe(204);
    const preferences = await json(agent, 'GET', '/api/notifications/preferences');
    expect(preferences.body.items.find((p: { kind: string }) => p.kind === 'assignment').email).toBe(false);
    await json(owner, 'POST', '/api/projects/tasks', {
      title: 'Schlüssel abholen',
      assigneeId: agent.userId,
    });
    await t.platform.events.drain();
    const unread = await json(agent, 'GET', '/api/notifications?unread=true');
    expect(unread.body.items.map((n: { title: string }) => n.title)).toContain(
      'Neue Aufgabe für Sie: Schlüssel abholen',
    );
    expect(await mailsTo(agent.email, 'notification.assignment')).toHaveLength(0);
  });

  it('a task due today is announced once, however often the tick runs', async () => {
    await json(owner, 'POST', '/api/projects/tasks', {
      title: 'Notartermin bestätigen',
      assigneeId: agent.userId,
      dueDate: todayInBerlin(),
    });
    await t.platform.events.drain();
    const before = (await json(agent, 'GET', '/api/notifications/unread-count')).body.unread;
    await notifyDueToday(t.platform);
    await notifyDueToday(t.platform);
    const after = (await json(agent, 'GET', '/api/notifications/unread-count')).body.unread;
    expect(after - before).toBe(1);
    await t.as(agent, { method: 'POST', url: '/api/notifications/read-all' });
    expect((await json(agent, 'GET', '/api/notifications/unread-count')).body.unread).toBe(0);
  });
});
