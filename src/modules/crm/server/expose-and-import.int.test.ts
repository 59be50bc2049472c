import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailOutbox } from '../../../platform/mail/mail.schema.js';
import { pdfText } from '../../../platform/testing/pdf-text.js';
import { createTestApp, type TestApp, type TestUser } from '../../../platform/testing/test-app.js';
import { activity, contact, exposeAccess } from '../schema.js';
import { makeJpeg, seeblickWohnung } from '../test/fixtures.js';

let t: TestApp;
let owner: TestUser;
let agent: TestUser;
beforeAll(async () => {
  t = await createTestApp();
  owner = await t.createTenant('Exposé Test GmbH');
  agent = await t.createUser(owner.tenantId, 'agent');
});
afterAll(async () => t?.close());

async function activeProperty(overrides: Record<string, unknown> = {}) {
  const created = await t.as(agent, {
    method: 'POST',
    url: '/api/crm/properties',
    payload: { ...seeblickWohnung, ...overrides },
  });
  expect(created.statusCode, created.body).toBe(201);
  const { id, slug } = created.json() as { id: string; slug: string };
  for (const [kind, hue] of [
    ['photo', 200],
    ['photo', 30],
    ['floorplan', 0],
  ] as const) {
    const upload = await t.as(agent, {
      method: 'POST',
      url: `/api/crm/properties/${id}/media?kind=${kind}`,
      payload: await makeJpeg(1200, 800, hue),
      headers: { 'content-type': 'image/jpeg' },
    });
    expect(upload.statusCode, upload.body).toBe(201);
  }
  const active = await t.as(agent, {
    method: 'POST',
    url: `/api/crm/properties/${id}/status`,
    payload: { status: 'aktiv' },
  });
  expect(active.statusCode, active.body).toBe(200);
  return { id, slug };
}

const pageCount = (pdf: Buffer) => pdf.toString('latin1').match(/\/Type \/Page\b/g)?.length ?? 0;

describe('exposé PDF', () => {
  it('renders a multi-page A4 brochure with photos, texts, floor plan and contact page', async () => {
    const { id } = await activeProperty();
    const response = await t.as(agent, { method: 'GET', url: `/api/crm/properties/${id}/expose.pdf` });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    const pdf = response.rawPayload;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    // Sections flow: cover with facts and texts, then gallery, floor plan and contact share pages (issue 18.4).
    expect(pageCount(pdf)).toBeLessThanOrEqual(3);
    const text = await pdfText(pdf);
    expect(text).toContain('Energieverbrauchsausweis, Endenergieverbrauch 98,5 kWh/(m²·a)');
    expect(text).toContain('Gültig bis 28.02.2034');
    expect(text).toContain('Impressum: ');
    // "Adresse öffentlich zeigen" is off: the brochure a broker hands on names no street (issue 18.2).
    expect(text).not.toContain('Seestraße');
    expect(pdf.toString('latin1')).toContain('/MediaBox [0 0 595.28 841.89]');
    expect(pdf.byteLength).toBeGreaterThan(20_000);
  });

  it('is a 404 for an id of nobody and needs a session', async () => {
    const missing = await t.as(agent, {
      method: 'GET',
      url: '/api/crm/properties/00000000-0000-4000-8000-000000000000/expose.pdf',
    });
    expect(missing.statusCode).toBe(404);
    const anonymous = await t.app.inject({
      method: 'GET',
      url: '/api/crm/properties/00000000-0000-4000-8000-000000000000/expose.pdf',
    });
    expect(anonymous.statusCode).toBe(401);
  });
});

describe('secured exposé', () => {
  it('an inquiry mails a personal link; the full exposé opens only after the three acknowledgements', async () => {
    const { id, slug } = await activeProperty({
      title: 'Villa am Seeufer in Meersburg',
      street: 'Uferweg',
      houseNumber: '3',
    });
    const inquiry = await t.app.inject({
      method: 'POST',
      url: `/p/${slug}/anfrage`,
      payload: 'name=Erika+Musterfrau&email=erika%40example.de&message=Bitte+Expos%C3%A9&privacy=ja',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(inquiry.statusCode).toBe(303);
    // The inquiry derived a search request, so the new lead is matched to this listing.
    const matches = await t.as(agent, { method: 'GET', url: `/api/crm/properties/${id}/matches` });
    expect(matches.json().items.map((m: { contact: { email: string } }) => m.contact.email)).toContain(
      'erika@example.de',
    );
    const [mail] = await t.platform.database.db
      .select()
      .from(mailOutbox)
      .where(eq(mailOutbox.toAddress, 'erika@example.de'));
    expect(mail?.subject).toBe('Ihr Exposé: Villa am Seeufer in Meersburg');
    const link = mail?.textBody.match(/https?:\/\/\S+\/p\/\S+\/expose\/[\w-]+/)?.[0];
    expect(link).toBeDefined();
    const path = new URL(link as string).pathname;

    const terms = await t.app.inject({ method: 'GET', url: path });
    expect(terms.statusCode).toBe(200);
    expect(terms.body).toContain('Widerrufsbelehrung');
    expect(terms.body).toContain('3,57 % inkl. MwSt. vom Kaufpreis');
    expect(terms.body).not.toContain('Uferweg');
    const pdfBefore = await t.app.inject({ method: 'GET', url: `${path}/expose.pdf` });
    expect(pdfBefore.statusCode).toBe(303);

    const partial = await t.app.inject({
      method: 'POST',
      url: path,
      payload: 'widerruf=ja&provision=ja',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(partial.statusCode).toBe(400);
    expect(partial.body).toContain('Bitte bestätigen Sie alle drei Punkte');
    const [unacknowledged] = await t.platform.database.db.select().from(exposeAccess);
    expect(unacknowledged?.acknowledgedAt).toBeNull();

    const confirmed = await t.app.inject({
      method: 'POST',
      url: path,
      payload: 'widerruf=ja&provision=ja&datenschutz=ja',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': 'Testbrowser/1.0' },
    });
    expect(confirmed.statusCode).toBe(303);
    const full = await t.app.inject({ method: 'GET', url: path });
    expect(full.body).toContain('Uferweg 3, 78464 Konstanz');
    const pdf = await t.app.inject({ method: 'GET', url: `${path}/expose.pdf` });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    // After the consent steps the secured exposé names the street.
    expect(await pdfText(pdf.rawPayload)).toContain('Uferweg 3');

    const [access] = await t.platform.database.db.select().from(exposeAccess);
    expect(access).toMatchObject({
      termsVersion: '2026-11',
      acknowledgedUserAgent: 'Testbrowser/1.0',
      viewCount: 2,
    });
    expect(access?.acknowledgedAt).toBeInstanceOf(Date);
    const [erika] = await t.platform.database.db
      .select()
      .from(contact)
      .where(eq(contact.email, 'erika@example.de'));
    const timeline = await t.platform.database.db
      .select()
      .from(activity)
      .where(eq(activity.contactId, erika?.id ?? ''));
    expect(timeline.map((a) => a.kind).sort()).toEqual(['anfrage', 'email', 'system']);
  });

  it('a made-up or malformed token is a plain 404', async () => {
    const { slug } = await activeProperty({ title: 'Reihenhaus in Lindau' });
    for (const token of ['abc', 'A'.repeat(32), '../../etc/passwd']) {
      const response = await t.app.inject({
        method: 'GET',
        url: `/p/${slug}/expose/${encodeURIComponent(token)}`,
      });
      expect(response.statusCode).toBe(404);
    }
  });

  it('a link stops working once the listing is no longer on the market', async () => {
    const { id } = await activeProperty({ title: 'Stadthaus in Konstanz, bald verkauft' });
    const person = await t.as(agent, {
      method: 'POST',
      url: '/api/crm/contacts',
      payload: { lastName: 'Spät', email: 'spaet@example.de' },
    });
    const link = await t.as(agent, {
      method: 'POST',
      url: `/api/crm/properties/${id}/expose-links`,
      payload: { contactId: person.json().id },
    });
    const path = new URL(link.json().url).pathname;
    expect((await t.app.inject({ method: 'GET', url: path })).statusCode).toBe(200);
    const sold = await t.as(agent, {
      method: 'POST',
      url: `/api/crm/properties/${id}/status`,
      payload: { status: 'verkauft' },
    });
    expect(sold.statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: path })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `${path}/expose.pdf` })).statusCode).toBe(404);
  });

  it('staff can send a link for an active listing only', async () => {
    const draft = await t.as(agent, { method: 'POST', url: '/api/crm/properties', payload: seeblickWohnung });
    const person = await t.as(agent, {
      method: 'POST',
      url: '/api/crm/contacts',
      payload: { lastName: 'Käufer', email: 'kaeufer@example.de' },
    });
    const refused = await t.as(agent, {
      method: 'POST',
      url: `/api/crm/properties/${draft.json().id}/expose-links`,
      payload: { contactId: person.json().id },
    });
    expect(refused.statusCode).toBe(409);
    const { id } = await activeProperty({ title: 'Penthouse in Friedrichshafen' });
    const sent = await t.as(agent, {
      method: 'POST',
      url: `/api/crm/properties/${id}/expose-links`,
      payload: { contactId: person.json().id },
    });
    expect(sent.statusCode, sent.body).toBe(201);
    expect(sent.json()).toMatchObject({ delivery: 'offline' });
    expect(sent.json().url).toMatch(/\/expose\/[\w-]{32}$/);
  });
});

describe('CSV contact import', () => {
  const csv = [
    'Anrede;Vorname;Nachname;E-Mail;Telefon;Ort;Rolle;Einwilligung',
    'Frau;Anna;Berger;anna.berger@example.de;07531 123456;Konstanz;Käufer;ja',
    'Herr;Jonas;Keller;jonas.keller@example.de;;Lindau;Mieter, Interessent;nein',
    'Herr;Ohne;;kein-name@example.de;;Singen;;',
    'Frau;Doppelt;Berger;ANNA.BERGER@example.de;;Konstanz;;',
    'Divers;Kim;Falsch;keine-mail;;Radolfzell;;',
  ].join('\r\n');
  const mapping = {
    Anrede: 'salutation',
    Vorname: 'firstName',
    Nachname: 'lastName',
    'E-Mail': 'email',
    Telefon: 'phone',
    Ort: 'city',
    Rolle: 'roles',
    Einwilligung: 'consentGiven',
  };
  const contactsNamed = async (email: string) =>
    t.platform.database.db.select().from(contact).where(eq(contact.email, email));

  it('a dry run reports every row with its line and stores nothing', async () => {
    const response = await t.as(agent, {
      method: 'POST',
      url: '/api/crm/contacts/import',
      payload: { csv, mapping, dryRun: true },
    });
    expect(response.statusCode, response.body).toBe(200);
    const report = response.json();
    expect(report).toMatchObject({ dryRun: true, rows: 5, created: 2, updated: 0, skippedDuplicates: 1 });
    expect(report.errors.map((e: { line: number }) => e.line)).toEqual([4, 6]);
    expect(report.errors[1].messages.join()).toContain('Ungültige E-Mail-Adresse');
    expect(await contactsNamed('anna.berger@example.de')).toHaveLength(0);
  });

  it('imports valid rows, maps roles and consent, and skips duplicates on a second run', async () => {
    const first = await t.as(agent, {
      method: 'POST',
      url: '/api/crm/contacts/import',
      payload: { csv, mapping, dryRun: false },
    });
    expect(first.json()).toMatchObject({ created: 2, skippedDuplicates: 1 });
    const [anna] = await contactsNamed('anna.berger@example.de');
    expect(anna).toMatchObject({
      salutation: 'frau',
      firstName: 'Anna',
      roles: ['kaeufer'],
      consentGiven: true,
      city: 'Konstanz',
    });
    expect(anna?.consentAt).toBeInstanceOf(Date);
    const [jonas] = await contactsNamed('jonas.keller@example.de');
    expect(jonas?.roles).toEqual(['mieter', 'interessent']);
    const again = await t.as(agent, {
      method: 'POST',
      url: '/api/crm/contacts/import',
      payload: { csv, mapping, dryRun: false },
    });
    expect(again.json()).toMatchObject({ created: 0, skippedDuplicates: 3 });
    const update = await t.as(agent, {
      method: 'POST',
      url: '/api/crm/contacts/import',
      payload: {
        csv: 'Nachname,E-Mail,Ort\nBerger,anna.berger@example.de,Überlingen',
        mapping: { Nachname: 'lastName', 'E-Mail': 'email', Ort: 'city' },
        dryRun: false,
        onDuplicate: 'update',
      },
    });
    expect(update.json()).toMatchObject({ created: 0, updated: 1 });
    expect((await contactsNamed('anna.berger@example.de'))[0]?.city).toBe('Überlingen');
  });

  it('a dry run answers as the real import does for what only the database refuses (issue 17.11)', async () => {
    // A cell with a NUL byte: PostgreSQL text cannot hold it. Before, the dry run said "1 created"
    // and the real import failed with a 500.
    const broken = 'Nachname,E-Mail\nNullbyte\u0000,nul@example.de';
    const answers = [];
    for (const dryRun of [true, false]) {
      const response = await t.as(agent, {
        method: 'POST',
        url: '/api/crm/contacts/import',
        payload: { csv: broken, mapping: { Nachname: 'lastName', 'E-Mail': 'email' }, dryRun },
      });
      answers.push([response.statusCode, response.json().error?.code]);
    }
    expect(answers).toEqual([
      [400, 'invalid_characters'],
      [400, 'invalid_characters'],
    ]);
    expect(await contactsNamed('nul@example.de')).toHaveLength(0);
  });

  it('refuses a mapping without a name column or with unknown columns', async () => {
    const noName = await t.as(agent, {
      method: 'POST',
      url: '/api/crm/contacts/import',
      payload: { csv, mapping: { 'E-Mail': 'email' } },
    });
    expect(noName.statusCode).toBe(400);
    expect(noName.json().error.code).toBe('csv_mapping_incomplete');
    const unknown = await t.as(agent, {
      method: 'POST',
      url: '/api/crm/contacts/import',
      payload: { csv, mapping: { Nachname: 'lastName', Geburtstag: 'notes' } },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.code).toBe('csv_unknown_columns');
  });
});
