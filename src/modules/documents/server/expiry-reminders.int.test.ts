import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailOutbox } from '../../../platform/mail/mail.schema.js';
import { createTestApp, type TestApp, type TestUser } from '../../../platform/testing/test-app.js';
import { seeblickWohnung } from '../../crm/test/fixtures.js';
import { textPdf } from '../test/text-pdf.js';
import { EXPIRY_REMINDERS_JOB } from './expiry-reminders-job.js';

let t: TestApp;
let owner: TestUser;
let agent: TestUser;
const TODAY = '2026-12-01';

async function datedDocument(user: TestUser, propertyId: string, title: string, validUntil: string) {
  const created = await t.as(user, {
    method: 'POST',
    url: `/api/documents?propertyId=${propertyId}&fileName=${encodeURIComponent(title)}.pdf&category=energieausweis`,
    payload: await textPdf(title),
    headers: { 'content-type': 'application/pdf' },
  });
  expect(created.statusCode, created.body).toBe(201);
  await t.platform.jobs.waitFor(created.json().text.jobRunId);
  const patched = await t.as(user, {
    method: 'PATCH',
    url: `/api/documents/${created.json().id}`,
    payload: { validUntil },
  });
  expect(patched.statusCode, patched.body).toBe(200);
  return created.json().id as string;
}
async function runReminders(key: string) {
  const run = await t.platform.jobs.enqueue(
    EXPIRY_REMINDERS_JOB,
    { day: TODAY },
    { tenantId: owner.tenantId, key },
  );
  return (await t.platform.jobs.waitFor(run.id)).result as { raised: number; mailed: number };
}
const mailsTo = (email: string) =>
  t.platform.database.db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, email));

beforeAll(async () => {
  t = await createTestApp();
  owner = await t.createTenant('Ablauf-Büro');
  agent = await t.createUser(owner.tenantId, 'agent');
});
afterAll(() => t.close());

describe('expiry reminders', () => {
  let soon: string;

  it('raises a reminder for each threshold reached and mails the filer and the owner once', async () => {
    const propertyId = (
      await t.as(owner, { method: 'POST', url: '/api/crm/properties', payload: seeblickWohnung })
    ).json().id;
    soon = await datedDocument(agent, propertyId, 'Energieausweis Seestraße', '2026-12-06');
    await datedDocument(owner, propertyId, 'Grundbuchauszug alt', '2026-11-20');
    await datedDocument(owner, propertyId, 'Energieausweis Neubau', '2030-01-01');

    expect(await runReminders('first')).toEqual({ raised: 2, mailed: 2 });
    const open = (await t.as(agent, { method: 'GET', url: '/api/documents/reminders' })).json().items;
    expect(
      open.map((r: { title: string; thresholdDays: number }) => [r.title, r.thresholdDays]).sort(),
    ).toEqual([
      ['Energieausweis Seestraße', 7],
      ['Grundbuchauszug alt', 0],
    ]);
    const [agentMail] = await mailsTo(agent.email);
    expect(agentMail?.textBody).toContain('Energieausweis Seestraße');
    expect(agentMail?.textBody).toContain('gültig bis 06.12.2026');
    expect(agentMail?.textBody).not.toContain('Grundbuchauszug alt');
    const ownerMails = await mailsTo(owner.email);
    expect(ownerMails).toHaveLength(1);
    expect(ownerMails[0]?.textBody).toContain('abgelaufen am 20.11.2026');

    // The same day again (another server, a retry): nothing new, nothing mailed twice.
    expect(await runReminders('second')).toEqual({ raised: 0, mailed: 0 });
    expect(await mailsTo(owner.email)).toHaveLength(1);
  });

  it('a dismissed reminder, or one whose date has changed since, is no longer shown', async () => {
    const open = (await t.as(owner, { method: 'GET', url: '/api/documents/reminders' })).json().items;
    const expired = open.find((r: { thresholdDays: number }) => r.thresholdDays === 0);
    const dismissed = await t.as(owner, {
      method: 'POST',
      url: `/api/documents/reminders/${expired.id}/dismiss`,
    });
    expect(dismissed.statusCode).toBe(204);
    await t.as(owner, {
      method: 'PATCH',
      url: `/api/documents/${soon}`,
      payload: { validUntil: '2036-12-06' },
    });
    expect((await t.as(owner, { method: 'GET', url: '/api/documents/reminders' })).json().items).toEqual([]);
    const unknown = await t.as(owner, {
      method: 'POST',
      url: '/api/documents/reminders/00000000-0000-4000-8000-000000000000/dismiss',
    });
    expect(unknown.statusCode).toBe(404);
  });
});
