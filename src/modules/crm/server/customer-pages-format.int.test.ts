import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailOutbox } from '../../../platform/mail/mail.schema.js';
import { pdfText } from '../../../platform/testing/pdf-text.js';
import { createTestApp, type TestApp, type TestUser } from '../../../platform/testing/test-app.js';
import { customerTextProblems, visibleHtmlText } from '../test/customer-text.js';
import { makeJpeg, seeblickWohnung } from '../test/fixtures.js';

/**
 * Issue 18.1: every page, PDF and e-mail a customer sees, rendered from a listing with features,
 * energy data and decimals, read as text and checked for ISO dates, decimal points and raw keys.
 */
let t: TestApp;
let owner: TestUser;
let slug = '';
let propertyId = '';
beforeAll(async () => {
  t = await createTestApp();
  owner = await t.createTenant('Format Immobilien GmbH');
  const created = await t.as(owner, {
    method: 'POST',
    url: '/api/crm/properties',
    payload: {
      ...seeblickWohnung,
      livingArea: 86.45,
      features: ['einbaukueche', 'gaeste_wc', 'fussbodenheizung', 'seeblick'],
      hausgeld: 312.5,
    },
  });
  expect(created.statusCode, created.body).toBe(201);
  ({ id: propertyId, slug } = created.json());
  await t.as(owner, {
    method: 'POST',
    url: `/api/crm/properties/${propertyId}/media?kind=photo`,
    payload: await makeJpeg(800, 600, 200),
    headers: { 'content-type': 'image/jpeg' },
  });
  await t.as(owner, {
    method: 'POST',
    url: `/api/crm/properties/${propertyId}/status`,
    payload: { status: 'aktiv' },
  });
});
afterAll(async () => t?.close());

const expectGerman = (where: string, text: string) => expect(customerTextProblems(text), where).toEqual([]);

describe('customer-facing text is German (issue 18.1)', () => {
  it('the public listing page shows labels, German dates and decimal commas', async () => {
    const page = await t.app.inject({ method: 'GET', url: `/p/${slug}` });
    expect(page.statusCode).toBe(200);
    const text = visibleHtmlText(page.body);
    expect(text).toContain('Einbauküche');
    expect(text).toContain('Gäste-WC');
    expect(text).toContain('86,45');
    expectGerman('public page', text);
  });

  it('the exposé PDF, the contact-form mail and the secured exposé pass too', async () => {
    const pdf = await t.as(owner, { method: 'GET', url: `/api/crm/properties/${propertyId}/expose.pdf` });
    const text = await pdfText(pdf.rawPayload);
    expect(text).toContain('Gäste-WC');
    expectGerman('exposé PDF', text);

    await t.app.inject({
      method: 'POST',
      url: `/p/${slug}/anfrage`,
      payload: 'name=Erika+Muster&email=erika%40example.de&message=Hallo&privacy=ja',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    const [mail] = await t.platform.database.db
      .select()
      .from(mailOutbox)
      .where(eq(mailOutbox.toAddress, 'erika@example.de'));
    expectGerman('exposé mail', mail?.textBody ?? '');
    // A customer mail carries the office's Impressum and privacy links (§ 5 DDG).
    expect(mail?.textBody).toMatch(/Impressum: https?:\/\/\S+\/impressum\//);
    expect(mail?.textBody).toMatch(/Datenschutz: https?:\/\/\S+\/datenschutz\//);

    const path = new URL(mail?.textBody.match(/https?:\/\/\S+\/expose\/[\w-]+/)?.[0] ?? 'http://x').pathname;
    await t.app.inject({
      method: 'POST',
      url: path,
      payload: 'widerruf=ja&provision=ja&datenschutz=ja',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    const full = await t.app.inject({ method: 'GET', url: path });
    expectGerman('secured exposé', visibleHtmlText(full.body));
    expect(full.body).toContain('Impressum');
  });

  it('the Impressum and the privacy notice exist for the office and name what is missing', async () => {
    const settings = (await t.as(owner, { method: 'GET', url: '/api/admin/settings' })).json();
    expect(settings.legalMissing).toContain('Erlaubnis nach § 34c GewO');
    const imprint = await t.app.inject({ method: 'GET', url: new URL(settings.imprintUrl).pathname });
    expect(imprint.statusCode).toBe(200);
    expect(imprint.body).toContain('Angaben gemäß § 5 DDG');
    expect(imprint.body).toContain('noch unvollständig');

    const saved = await t.as(owner, {
      method: 'PUT',
      url: '/api/admin/settings',
      payload: {
        legalName: 'Format Immobilien GmbH',
        licence34c: 'Erlaubnis nach § 34c GewO, erteilt durch das Landratsamt Konstanz',
        vatId: 'DE123456789',
      },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const after = await t.app.inject({ method: 'GET', url: new URL(settings.imprintUrl).pathname });
    expect(after.body).toContain('erteilt durch das Landratsamt Konstanz');
    expect(after.body).toContain('DE123456789');
    const badVat = await t.as(owner, {
      method: 'PUT',
      url: '/api/admin/settings',
      payload: { vatId: '123' },
    });
    expect(badVat.statusCode).toBe(400);
    expect((await t.app.inject({ method: 'GET', url: '/impressum/gibt-es-nicht' })).statusCode).toBe(404);
  });
});
