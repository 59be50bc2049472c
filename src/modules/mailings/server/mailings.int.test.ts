import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobRun } from '../../../platform/jobs/jobs.schema.js';
import { mailOutbox } from '../../../platform/mail/mail.schema.js';
import { createTestApp, type TestApp, type TestUser } from '../../../platform/testing/test-app.js';
import { activity } from '../../crm/schema.js';
import { seeblickWohnung } from '../../crm/test/fixtures.js';
import { mailingConsent, mailingRecipient } from '../schema.js';
import { enqueueRound } from './campaign-jobs.js';

/**
 * Angebotsversand end to end through HTTP: consent decides who is written to (UWG § 7), the throttle
 * spreads the mails over rounds, the unsubscribe link (RFC 8058 one-click as well) withdraws consent.
 */
let t: TestApp;
let owner: TestUser;
let propertyId: string;
let templateId: string;
const contacts: Record<string, string> = {};
/** The three who may get the offer: contact key and the salutation their mail must open with. */
const BY_EMAIL: Record<string, [string, string]> = {
  'anna.keller@example.de': ['keller', 'Sehr geehrte Frau Keller,'],
  'b.maier@example.de': ['maier', 'Sehr geehrter Herr Maier,'],
  'gabi@example.de': ['sommer', 'Guten Tag Gabi Sommer,'],
};
/** The second recipient of round 1, who unsubscribes by one-click. */
let oneClickTarget = '';

type Body = Record<string, unknown> & { items?: Record<string, unknown>[] };
const json = async (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) => {
  const r = await t.as(owner, {
    method,
    url,
    ...(payload === undefined ? {} : { payload: payload as string }),
  });
  return { status: r.statusCode, body: (r.body ? r.json() : null) as Body };
};

const until = async <T>(what: string, probe: () => Promise<T | null | undefined | false>, ms = 25_000) => {
  const end = Date.now() + ms;
  for (;;) {
    await t.platform.events.drain();
    const v = await probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
};

async function person(key: string, fields: Record<string, unknown>, city = 'Konstanz') {
  const created = await json('POST', '/api/crm/contacts', {
    kind: 'person',
    roles: ['interessent'],
    ...fields,
  });
  expect(created.status).toBe(201);
  const id = created.body.id as string;
  contacts[key] = id;
  const search = await json('POST', `/api/crm/contacts/${id}/search-requests`, {
    marketingType: 'kauf',
    objectTypes: ['wohnung'],
    cities: [city],
    maxPrice: 600000,
  });
  expect(search.status).toBe(201);
  return id;
}

const consent = (contactId: string) =>
  json('PUT', '/api/mailings/consents', {
    contactId,
    source: 'formular',
    evidence: 'Formular Website, 12.03.2026',
  });

const campaign = async (id: string) => (await json('GET', `/api/mailings/campaigns/${id}`)).body;
const offerMails = () =>
  t.platform.database.db.select().from(mailOutbox).where(eq(mailOutbox.purpose, 'mailings.offer'));

describe('Angebotsversand', () => {
  beforeAll(async () => {
    t = await createTestApp({ env: { MAILINGS_PER_MINUTE: '2' } });
    owner = await t.createTenant();
    const listing = await json('POST', '/api/crm/properties', seeblickWohnung);
    propertyId = listing.body.id as string;
    expect((await json('POST', `/api/crm/properties/${propertyId}/status`, { status: 'aktiv' })).status).toBe(
      200,
    );
    await person('keller', {
      salutation: 'frau',
      firstName: 'Anna',
      lastName: 'Keller',
      email: 'anna.keller@example.de',
    });
    await person('maier', {
      salutation: 'herr',
      firstName: 'Bernd',
      lastName: 'Maier',
      email: 'b.maier@example.de',
    });
    await person('sommer', {
      salutation: 'divers',
      firstName: 'Gabi',
      lastName: 'Sommer',
      email: 'gabi@example.de',
    });
    await person('vogt', { firstName: 'Clara', lastName: 'Vogt', email: 'clara.vogt@example.de' });
    await person('ohnemail', { firstName: 'Dieter', lastName: 'Ohnemail' });
    await person('widerruf', { firstName: 'Frank', lastName: 'Widerruf', email: 'frank@example.de' });
    await person('fern', { firstName: 'Eva', lastName: 'Fern', email: 'eva@example.de' }, 'Hamburg');
    for (const key of ['keller', 'maier', 'sommer', 'ohnemail', 'widerruf', 'fern'])
      expect((await consent(contacts[key]!)).status).toBe(200);
    expect((await json('DELETE', `/api/mailings/consents/${contacts.widerruf}`)).status).toBe(200);
  }, 60_000);

  afterAll(async () => {
    await t?.close();
  });

  it('refuses a template with an unknown placeholder, naming it, and stores nothing', async () => {
    const bad = await json('POST', '/api/mailings/templates', {
      name: 'Kaputt',
      subject: 'Neu: {{objekt_titel}}',
      body: 'Hallo {{kundenname}}',
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('{{kundenname}} gibt es nicht');
    expect((await json('GET', '/api/mailings/templates')).body.items).toHaveLength(0);
    const good = await json('POST', '/api/mailings/templates', {
      name: 'Neues Angebot',
      subject: 'Neu im Angebot: {{objekt_titel}}',
      body: '{{anrede}},\n\n{{objekt_titel}} in {{objekt_ort}} für {{objekt_preis}}, {{objekt_wohnflaeche}}.\n{{objekt_link}}\n\n{{signatur}}',
    });
    expect(good.status).toBe(201);
    templateId = good.body.id as string;
  });

  it('shows the matching contacts with their consent and why the others are left out', async () => {
    const audience = await json('GET', `/api/mailings/audience?propertyId=${propertyId}`);
    expect(audience.status).toBe(200);
    const byName = Object.fromEntries(
      (audience.body.items ?? []).map((a) => [a.name as string, a.skip as string | null]),
    );
    expect(byName).toEqual({
      'Anna Keller': null,
      'Bernd Maier': null,
      'Gabi Sommer': null,
      'Clara Vogt': 'keine_einwilligung',
      'Dieter Ohnemail': 'keine_email',
      'Frank Widerruf': 'abgemeldet',
    });
    expect(audience.body.eligible).toBe(3);
    const preview = await json('POST', '/api/mailings/preview', { propertyId, templateId });
    expect(preview.body.text).toContain('Sehr geehrte Frau Mustermann');
    expect(preview.body.text).toContain('549.000\u00a0€ Kaufpreis');
    expect(preview.body.text).toContain('86,5\u00a0m²');
  });

  it('sends in throttled rounds, only with consent, each mail personal and with an unsubscribe link', async () => {
    const started = await json('POST', '/api/mailings/campaigns', { propertyId, templateId });
    expect(started.status).toBe(201);
    const id = started.body.id as string;
    expect(started.body.counts).toMatchObject({ total: 6, wartet: 3, uebersprungen: 3 });
    // The history names the offer, not the template's raw placeholders.
    expect(started.body.subject).toBe('Neu im Angebot: 3-Zimmer-Wohnung mit Seeblick in Konstanz');

    // Round 1 sends two (MAILINGS_PER_MINUTE=2); round 2 is due a minute later.
    const first = await until('round 1', async () => {
      const c = await campaign(id);
      return (c.campaign as { counts: { gesendet: number } }).counts.gesendet === 2 ? c : null;
    });
    expect((first.campaign as { counts: object }).counts).toMatchObject({
      wartet: 1,
      gesendet: 2,
      uebersprungen: 3,
    });
    const [next] = await t.platform.database.db
      .select()
      .from(jobRun)
      .where(and(eq(jobRun.name, 'mailings.send'), eq(jobRun.key, `${id}:2`)));
    expect(next!.runAt.getTime() - Date.now()).toBeGreaterThan(50_000);

    const mails = await offerMails();
    expect(mails).toHaveLength(2);
    for (const m of mails) {
      expect(m.subject).toBe('Neu im Angebot: 3-Zimmer-Wohnung mit Seeblick in Konstanz');
      expect(m.textBody.startsWith(BY_EMAIL[m.toAddress]![1]), m.toAddress).toBe(true);
      expect(m.textBody).toContain('Keine Angebote mehr erhalten: http');
    }
    const mail = mails[0]!;
    const [key] = BY_EMAIL[mail.toAddress]!;
    const link = /(http\S+\/abmelden\/[A-Za-z0-9_-]+)/.exec(mail.textBody)![1]!;
    expect(mail.headers).toEqual({
      'List-Unsubscribe': `<${link}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    });
    const timeline = await t.platform.database.withTenant(owner.tenantId, (tx) =>
      tx.select().from(activity).where(eq(activity.contactId, contacts[key]!)),
    );
    expect(timeline.map((a) => a.subject)).toContain(
      'Angebot „3-Zimmer-Wohnung mit Seeblick in Konstanz“ gesendet',
    );

    // A link scanner opens the link: nothing happens. The person clicks "Abmelden": consent is withdrawn.
    const path = new URL(link).pathname;
    const page = await t.app.inject({ method: 'GET', url: path });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Keine Angebote mehr erhalten?');
    const consentOf = async (key: string) =>
      (await json('GET', `/api/mailings/consents/${contacts[key]}`)).body.consent as {
        revokedAt: string | null;
        revokedVia: string | null;
      };
    expect((await consentOf(key)).revokedAt).toBeNull();
    const done = await t.app.inject({ method: 'POST', url: path, payload: {} });
    expect(done.statusCode).toBe(200);
    expect(done.body).toContain('Sie sind abgemeldet');
    expect(await consentOf(key)).toMatchObject({ revokedVia: 'abmeldelink' });
    oneClickTarget = mails[1]!.toAddress;
    expect(
      (await t.app.inject({ method: 'GET', url: '/abmelden/ungueltiger-token-123456789' })).statusCode,
    ).toBe(404);

    // The one still waiting withdrew consent meanwhile: the next round checks again and skips.
    const waiting = (await campaign(id)).recipients as { name: string; state: string }[];
    const waitingName = waiting.find((r) => r.state === 'wartet')!.name;
    const waitingKey = { 'Anna Keller': 'keller', 'Bernd Maier': 'maier', 'Gabi Sommer': 'sommer' }[
      waitingName
    ]!;
    expect((await json('DELETE', `/api/mailings/consents/${contacts[waitingKey]}`)).status).toBe(200);
    await enqueueRound(t.platform, owner.tenantId, id, 99);
    const finished = await until('finished', async () => {
      const c = await campaign(id);
      return (c.campaign as { state: string }).state === 'fertig' ? c : null;
    });
    const last = (finished.recipients as { name: string; state: string; reason: string }[]).find(
      (r) => r.name === waitingName,
    );
    expect(last).toMatchObject({ state: 'uebersprungen', reason: 'Hat sich von Angeboten abgemeldet' });
    expect(await offerMails()).toHaveLength(2);
  });

  it('does not offer the same listing twice and says so when nobody is left', async () => {
    const audience = await json('GET', `/api/mailings/audience?propertyId=${propertyId}`);
    expect(audience.body.eligible).toBe(0);
    const again = await json('POST', '/api/mailings/campaigns', { propertyId, templateId });
    expect(again.status).toBe(422);
    expect((again.body.error as { code: string }).code).toBe('no_recipients');
  });

  it('accepts the RFC 8058 one-click POST a mail program sends', async () => {
    const mail = (await offerMails()).find((m) => m.toAddress === oneClickTarget)!;
    const url = new URL(/(http\S+\/abmelden\/\S+)/.exec(mail.textBody)![1]!);
    const boundary = '----immoxx';
    const r = await t.app.inject({
      method: 'POST',
      url: url.pathname,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: `--${boundary}\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--${boundary}--\r\n`,
    });
    expect(r.statusCode).toBe(200);
    const [row] = await t.platform.database.withTenant(owner.tenantId, (tx) =>
      tx
        .select()
        .from(mailingConsent)
        .where(eq(mailingConsent.contactId, contacts[BY_EMAIL[oneClickTarget]![0]]!)),
    );
    expect(row!.revokedVia).toBe('abmeldelink');
  });

  it('refuses a listing that is not on the market', async () => {
    const draft = await json('POST', '/api/crm/properties', { ...seeblickWohnung, title: 'Entwurf' });
    const r = await json('GET', `/api/mailings/audience?propertyId=${draft.body.id}`);
    expect(r.status).toBe(409);
    expect((r.body.error as { message: string }).message).toContain('am Markt');
  });

  it('erasing a contact removes its consent and its place in every mailing (GDPR Art. 17)', async () => {
    const before = await t.platform.database.withTenant(owner.tenantId, (tx) =>
      tx.select().from(mailingRecipient).where(eq(mailingRecipient.contactId, contacts.keller!)),
    );
    expect(before).toHaveLength(1);
    expect((await json('DELETE', `/api/crm/contacts/${contacts.keller}`)).status).toBe(204);
    const left = await t.platform.database.withTenant(owner.tenantId, async (tx) => ({
      consents: await tx.select().from(mailingConsent).where(eq(mailingConsent.contactId, contacts.keller!)),
      recipients: await tx
        .select()
        .from(mailingRecipient)
        .where(eq(mailingRecipient.contactId, contacts.keller!)),
    }));
    expect(left).toEqual({ consents: [], recipients: [] });
  });
});
