import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobRun } from '../../../platform/jobs/jobs.schema.js';
import { mailOutbox } from '../../../platform/mail/mail.schema.js';
import { createTestApp, type TestApp, type TestUser } from '../../../platform/testing/test-app.js';
import { activity, property } from '../../crm/schema.js';
import { recordInquiry } from '../../crm/server/lead-intake.js';
import { seeblickWohnung } from '../../crm/test/fixtures.js';
import { ownerReport } from '../schema.js';
import { enqueueWeeklyReports, OWNER_REPORT_JOB } from './owner-report-jobs.js';
import { sendOwnerReport } from './owner-report-send.js';

/**
 * The owner report (Eigentümerbericht) through HTTP: the figures come from what really happened
 * (website and portal inquiries, a viewing with check-in and feedback), the PDF is read back by
 * poppler's pdftotext, the mail carries it, and the weekly run sends each week once.
 */
let t: TestApp;
let owner: TestUser;
let agent: TestUser;
let other: TestUser;
let listing: { id: string; slug: string };
let ownerContactId: string;

const json = async (
  user: TestUser,
  method: 'GET' | 'POST' | 'PUT' | 'PATCH',
  url: string,
  payload?: unknown,
) => {
  const r = await t.as(user, {
    method,
    url,
    ...(payload === undefined ? {} : { payload: payload as string }),
  });
  return {
    status: r.statusCode,
    body: (r.body && String(r.headers['content-type']).includes('json') ? r.json() : null) as never,
  };
};
const form = (url: string, fields: Record<string, string>) =>
  t.app.inject({
    method: 'POST',
    url,
    payload: new URLSearchParams(fields).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
const reportMails = () =>
  t.platform.database.db
    .select()
    .from(mailOutbox)
    .where(eq(mailOutbox.purpose, 'mailings.owner-report'))
    .orderBy(mailOutbox.createdAt);

/** poppler's reading of the PDF: what a PDF viewer would show, not what we think we wrote. */
function pdfText(pdf: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'owner-report-'));
  try {
    writeFileSync(join(dir, 'r.pdf'), pdf);
    return execFileSync('pdftotext', ['-layout', join(dir, 'r.pdf'), '-'], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const until = async <T>(what: string, probe: () => Promise<T | null | undefined | false>, ms = 20_000) => {
  const end = Date.now() + ms;
  for (;;) {
    await t.platform.events.drain();
    const v = await probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
};

const settings = (body: Record<string, unknown>) =>
  json(agent, 'PUT', `/api/mailings/owner-reports/${listing.id}`, {
    ownerContactId: null,
    weekly: false,
    assessment: '',
    ...body,
  });

beforeAll(async () => {
  t = await createTestApp();
  owner = await t.createTenant('Bodensee Immobilien');
  agent = await t.createUser(owner.tenantId, 'agent');
  other = await t.createTenant('Anderes Büro');
  const created = await json(agent, 'POST', '/api/crm/properties', seeblickWohnung);
  const id = (created.body as { id: string }).id;
  await json(agent, 'POST', `/api/crm/properties/${id}/status`, { status: 'aktiv' });
  const [row] = await t.platform.database.withTenant(owner.tenantId, (tx) =>
    tx.select({ slug: property.slug }).from(property).where(eq(property.id, id)),
  );
  listing = { id, slug: row?.slug ?? '' };
  const ownerContact = await json(agent, 'POST', '/api/crm/contacts', {
    kind: 'person',
    salutation: 'frau',
    firstName: 'Ingrid',
    lastName: 'Hofmann',
    email: 'ingrid.hofmann@example.de',
    roles: ['eigentuemer', 'verkaeufer'],
  });
  expect(ownerContact.status).toBe(201);
  ownerContactId = (ownerContact.body as { id: string }).id;
});
afterAll(() => t.close());

describe('Eigentümerbericht', () => {
  it('starts empty and refuses what it cannot do, changing nothing', async () => {
    const empty = await json(agent, 'GET', `/api/mailings/owner-reports/${listing.id}`);
    expect(empty.status).toBe(200);
    expect(empty.body).toMatchObject({ owner: null, weekly: false, reports: [], nextWeeklyAt: null });

    const weeklyWithoutOwner = await settings({ weekly: true });
    expect(weeklyWithoutOwner.status).toBe(400);
    const unknown = await settings({ ownerContactId: '00000000-0000-4000-8000-000000000000' });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({ error: { code: 'unknown_contact' } });
    const noOwner = await json(agent, 'POST', `/api/mailings/owner-reports/${listing.id}/send`);
    expect(noOwner.status).toBe(409);
    expect(noOwner.body).toMatchObject({ error: { code: 'owner_missing' } });

    // Another office sees neither the listing's report nor may it set one up.
    expect((await json(other, 'GET', `/api/mailings/owner-reports/${listing.id}`)).status).toBe(404);
    expect((await json(other, 'GET', `/api/mailings/owner-reports/${listing.id}/report.pdf`)).status).toBe(
      404,
    );
    const foreign = await json(other, 'PUT', `/api/mailings/owner-reports/${listing.id}`, {
      ownerContactId: null,
      weekly: false,
      assessment: 'x',
    });
    expect(foreign.status).toBe(404);
    expect((await json(agent, 'GET', `/api/mailings/owner-reports/${listing.id}`)).body).toMatchObject({
      owner: null,
      assessment: '',
    });
    expect(await reportMails()).toHaveLength(0);
  });

  it('prints inquiries by channel, the viewing with anonymous feedback, and the assessment', async () => {
    for (const [name, email] of [
      ['Paul Berger', 'paul@example.de'],
      ['Lea Vogt', 'lea@example.de'],
    ] as const) {
      const sent = await form(`/p/${listing.slug}/anfrage`, {
        name,
        email,
        privacy: 'ja',
        message: 'Ist sie noch frei?',
      });
      expect(sent.statusCode).toBe(303);
    }
    // A portal inquiry as the inbox records it.
    await recordInquiry(t.platform, owner.tenantId, {
      propertyId: listing.id,
      propertyTitle: seeblickWohnung.title,
      name: 'Karl Scout',
      email: 'karl@example.de',
      phone: null,
      message: 'Bitte um Rückruf',
      source: 'immoscout24',
      consentText: 'Anfrage über ImmoScout24',
    });
    await t.platform.events.drain();

    // A viewing that took place ten minutes ago: one visitor checks in and answers.
    const visitor = await json(agent, 'POST', '/api/crm/contacts', {
      firstName: 'Vera',
      lastName: 'Besucherin',
      email: 'vera@example.de',
    });
    const startsAt = new Date(Date.now() - 10 * 60_000);
    const viewing = await json(agent, 'POST', '/api/crm/viewings', {
      propertyId: listing.id,
      contactIds: [(visitor.body as { id: string }).id],
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 30 * 60_000).toISOString(),
    });
    expect(viewing.status).toBe(201);
    await t.platform.events.drain();
    const extras = await json(agent, 'GET', `/api/viewings/${(viewing.body as { id: string }).id}`);
    const url = (extras.body as { visitors: { visitorUrl: string }[] }).visitors[0]?.visitorUrl ?? '';
    const token = url.split('/termin/')[1];
    expect((await form(`/termin/${token}/check-in`, {})).statusCode).toBe(200);
    const feedback = await form(`/termin/${token}/feedback`, {
      interest: '4',
      priceOpinion: 'zu_hoch',
      missing: 'Ein Balkon zum See',
    });
    expect(feedback.statusCode).toBe(200);

    const saved = await settings({
      ownerContactId,
      assessment: 'Wir empfehlen, den Preis bis Monatsende zu halten und dann neu zu bewerten.',
    });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({
      owner: { id: ownerContactId, name: 'Ingrid Hofmann', email: 'ingrid.hofmann@example.de' },
      weekly: false,
    });

    const pdf = await t.as(agent, {
      method: 'GET',
      url: `/api/mailings/owner-reports/${listing.id}/report.pdf`,
    });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = pdfText(pdf.rawPayload);
    expect(text).toContain('Eigentümerbericht');
    expect(text).toContain(seeblickWohnung.title);
    // Seven days ending today, in German date format.
    const today = DateTime.now().setZone('Europe/Berlin').toFormat('dd.MM.yyyy');
    expect(text).toMatch(
      new RegExp(`Berichtszeitraum \\d{2}\\.\\d{2}\\.\\d{4} – ${today.replaceAll('.', '\\.')}`),
    );
    expect(text).toMatch(/Website\s+2\s+2/);
    expect(text).toMatch(/ImmoScout24\s+1\s+1/);
    expect(text).toMatch(/Erschienen \(eingecheckt\)\s+1/);
    expect(text).toMatch(/zu hoch \/ angemessen \/ günstig\s+1\s*\/\s*0\s*\/\s*0/);
    expect(text).toContain('„Ein Balkon zum See“');
    expect(text).toContain('den Preis bis Monatsende zu halten');
    expect(text).toMatch(/liefern\s+keine\s+Aufrufstatistik/);
    // The visitors stay anonymous to the owner.
    expect(text).not.toContain('Besucherin');
    expect(text).not.toContain('Paul Berger');
  });

  it('mails the report with the PDF to the owner and keeps it in the history', async () => {
    const sent = await json(agent, 'POST', `/api/mailings/owner-reports/${listing.id}/send`);
    expect(sent.status).toBe(201);
    expect(sent.body).toMatchObject({
      toAddress: 'ingrid.hofmann@example.de',
      trigger: 'manuell',
      delivery: 'offline',
    });
    const [mail] = await reportMails();
    expect(mail?.toAddress).toBe('ingrid.hofmann@example.de');
    expect(mail?.subject).toContain(`Eigentümerbericht „${seeblickWohnung.title}“`);
    expect(mail?.textBody).toMatch(/^Sehr geehrte Frau Hofmann,/);
    expect(mail?.textBody).toContain('– Anfragen: 3 im Zeitraum, 3 insgesamt');
    expect(mail?.textBody).toContain('Impressum');
    const attachment = mail?.attachments[0];
    expect(attachment).toMatchObject({ contentType: 'application/pdf', encoding: 'base64' });
    expect(attachment?.filename).toMatch(/^Eigentuemerbericht-.+-\d{4}-\d{2}-\d{2}\.pdf$/);
    expect(pdfText(Buffer.from(attachment?.content ?? '', 'base64'))).toContain('Eigentümerbericht');

    const overview = await json(agent, 'GET', `/api/mailings/owner-reports/${listing.id}`);
    expect((overview.body as { reports: unknown[] }).reports).toHaveLength(1);
    const timeline = await t.platform.database.withTenant(owner.tenantId, (tx) =>
      tx
        .select()
        .from(activity)
        .where(and(eq(activity.contactId, ownerContactId), eq(activity.kind, 'email'))),
    );
    expect(timeline.map((a) => a.subject)).toEqual([expect.stringMatching(/^Eigentümerbericht gesendet/)]);
  });

  it('sends last week once from Monday 08:00, however often the tick runs', async () => {
    const on = await settings({ ownerContactId, weekly: true, assessment: 'Preis halten.' });
    expect(on.status).toBe(200);
    const next = (on.body as { nextWeeklyAt: string }).nextWeeklyAt;
    const monday = DateTime.fromISO(next, { zone: 'Europe/Berlin' });
    expect(monday.weekday).toBe(1);
    expect(monday.hour).toBe(8);

    // Switched on now: not due before the coming Monday 08:00.
    expect(await enqueueWeeklyReports(t.platform, new Date())).toBe(0);
    expect(await enqueueWeeklyReports(t.platform, monday.minus({ minutes: 5 }).toJSDate())).toBe(0);
    const at = monday.plus({ minutes: 10 }).toJSDate();
    expect(await enqueueWeeklyReports(t.platform, at)).toBe(1);
    await until('weekly report mail', async () => (await reportMails()).length === 2);
    // A later tick finds the week sent and queues nothing; a direct retry of the week sends nothing.
    expect(await enqueueWeeklyReports(t.platform, monday.plus({ hours: 3 }).toJSDate())).toBe(0);
    const isoWeek = monday.minus({ weeks: 1 }).toFormat("kkkk-'W'WW");
    const again = await sendOwnerReport(t.platform, owner.tenantId, listing.id, {
      trigger: 'woechentlich',
      period: { from: monday.minus({ weeks: 1 }).toJSDate(), to: monday.toJSDate() },
      weekKey: `${listing.id}:${isoWeek}`,
    });
    expect(again).toBeNull();
    await until('weekly jobs settled', async () => {
      const runs = await t.platform.database.db
        .select()
        .from(jobRun)
        .where(eq(jobRun.name, OWNER_REPORT_JOB));
      return runs.length > 0 && runs.every((r) => r.status === 'completed');
    });
    const mails = await reportMails();
    expect(mails).toHaveLength(2);
    expect(mails[1]?.subject).toContain(
      `${monday.minus({ weeks: 1 }).toFormat('dd.MM.yyyy')} – ${monday.minus({ days: 1 }).toFormat('dd.MM.yyyy')}`,
    );
    const rows = await t.platform.database.withTenant(owner.tenantId, (tx) =>
      tx.select().from(ownerReport).where(eq(ownerReport.trigger, 'woechentlich')),
    );
    expect(rows).toHaveLength(1);
  });

  it('tells the broker when the owner has no e-mail address', async () => {
    const noMail = await json(agent, 'POST', '/api/crm/contacts', {
      kind: 'person',
      firstName: 'Otto',
      lastName: 'Ohnemail',
      roles: ['eigentuemer'],
    });
    await settings({ ownerContactId: (noMail.body as { id: string }).id });
    const before = (await reportMails()).length;
    const sent = await json(agent, 'POST', `/api/mailings/owner-reports/${listing.id}/send`);
    expect(sent.status).toBe(422);
    expect(sent.body).toMatchObject({ error: { code: 'owner_no_email' } });
    expect(await reportMails()).toHaveLength(before);
  });
});
