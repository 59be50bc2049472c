import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fatal, validateEInvoice } from '../../../platform/invoicing/test/e-invoice-validator.js';
import { createTestApp, type TestApp, type TestUser } from '../../../platform/testing/test-app.js';
import { seeblickWohnung } from '../../crm/test/fixtures.js';
import type { InvoiceList, InvoiceSettingsView, IssuedInvoiceView } from '../contract.js';

/**
 * Commission invoices through HTTP: the office's invoice details are checked (IBAN check digits,
 * VAT id format, § 14 UStG tax id); only a sold listing and a contact with an address get an
 * invoice; numbers run without gaps, also when issued at once; the XRechnung served passes the
 * official EN 16931 and XRechnung rules; a credit note cancels once; other offices and roles see
 * nothing.
 */
let t: TestApp;
let owner: TestUser;
let stranger: TestUser;
let agent: TestUser;
let propertyId = '';
let contactId = '';
let addresslessId = '';
const year = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Berlin' }).format(new Date()).slice(0, 4);

const settings = {
  legalName: 'Bodensee Immobilien GmbH',
  street: 'Seestraße 12',
  postalCode: '88709',
  city: 'Meersburg',
  vatId: 'DE 123 456 789',
  taxNumber: null,
  email: 'rechnung@bodensee-immobilien.de',
  phone: '+49 7532 1234',
  contactName: 'Anna Berger',
  // The Bundesbank's published example IBAN.
  iban: 'DE02 1203 0000 0000 2020 51',
  bic: 'BYLADEM1001',
  accountHolder: 'Bodensee Immobilien GmbH',
  numberPrefix: 'RE',
  paymentDays: 14,
};
const commission = (overrides: Record<string, unknown> = {}) => ({
  propertyId,
  contactId,
  side: 'kaeufer',
  percent: 3,
  amountCents: null,
  serviceDate: `${year}-11-30`,
  ...overrides,
});
const issue = (user: TestUser, body: Record<string, unknown>) =>
  t.as(user, { method: 'POST', url: '/api/invoices/commission', payload: body });
const list = async (user: TestUser) =>
  (await t.as(user, { method: 'GET', url: '/api/invoices' })).json() as InvoiceList;

describe('Provisionsrechnungen', () => {
  beforeAll(async () => {
    t = await createTestApp();
    owner = await t.createTenant();
    stranger = await t.createTenant();
    agent = await t.createUser(owner.tenantId, 'agent');
    const created = await t.as(owner, {
      method: 'POST',
      url: '/api/crm/properties',
      payload: seeblickWohnung,
    });
    propertyId = (created.json() as { id: string }).id;
    const contact = await t.as(owner, {
      method: 'POST',
      url: '/api/crm/contacts',
      payload: {
        firstName: 'Jürgen',
        lastName: 'Weiß',
        email: 'j.weiss@example.de',
        street: 'Hafenstraße 3',
        postalCode: '78462',
        city: 'Konstanz',
        roles: ['kaeufer'],
      },
    });
    expect(contact.statusCode, contact.body).toBe(201);
    contactId = (contact.json() as { id: string }).id;
    const bare = await t.as(owner, {
      method: 'POST',
      url: '/api/crm/contacts',
      payload: { firstName: 'Ohne', lastName: 'Anschrift', email: 'ohne@example.de' },
    });
    addresslessId = (bare.json() as { id: string }).id;
  }, 60_000);
  afterAll(async () => {
    await t.close();
  });

  it('asks for the invoice details first and checks them; bad input changes nothing', async () => {
    const view = (
      await t.as(owner, { method: 'GET', url: '/api/invoices/settings' })
    ).json() as InvoiceSettingsView;
    expect(view.settings).toBeNull();
    const early = await issue(owner, commission());
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('invoice_settings_missing');

    for (const [field, value] of [
      ['iban', 'DE02 1203 0000 0000 2020 52'],
      ['vatId', 'DE12345'],
      ['postalCode', '8870'],
    ] as const) {
      const bad = await t.as(owner, {
        method: 'PUT',
        url: '/api/invoices/settings',
        payload: { ...settings, [field]: value },
      });
      expect(bad.statusCode, field).toBe(400);
      expect(JSON.stringify(bad.json().error.details)).toContain(field);
    }
    const noTaxId = await t.as(owner, {
      method: 'PUT',
      url: '/api/invoices/settings',
      payload: { ...settings, vatId: null },
    });
    expect(noTaxId.statusCode).toBe(400);
    expect(noTaxId.body).toContain('USt-IdNr. oder Steuernummer');
    expect(
      ((await t.as(owner, { method: 'GET', url: '/api/invoices/settings' })).json() as InvoiceSettingsView)
        .settings,
    ).toBeNull();

    expect(
      (await t.as(agent, { method: 'PUT', url: '/api/invoices/settings', payload: settings })).statusCode,
    ).toBe(403);
    const saved = await t.as(owner, { method: 'PUT', url: '/api/invoices/settings', payload: settings });
    expect(saved.statusCode, saved.body).toBe(204);
    const after = (
      await t.as(owner, { method: 'GET', url: '/api/invoices/settings' })
    ).json() as InvoiceSettingsView;
    expect(after.settings).toMatchObject({ vatId: 'DE123456789', iban: 'DE02120300000000202051' });
  });

  it('invoices only a won deal, and only a contact with an address', async () => {
    const notWon = await issue(owner, commission());
    expect(notWon.statusCode).toBe(422);
    expect(notWon.json().error.code).toBe('deal_not_won');
    for (const status of ['aktiv', 'verkauft']) {
      const moved = await t.as(owner, {
        method: 'POST',
        url: `/api/crm/properties/${propertyId}/status`,
        payload: { status },
      });
      expect(moved.statusCode, moved.body).toBe(200);
    }
    const noAddress = await issue(owner, commission({ contactId: addresslessId }));
    expect(noAddress.statusCode).toBe(422);
    expect(noAddress.json().error).toMatchObject({
      code: 'contact_address_missing',
      details: { missing: ['Straße', 'PLZ', 'Ort'] },
    });
    const both = await issue(owner, commission({ amountCents: 100_000 }));
    expect(both.statusCode).toBe(400);
    expect((await list(owner)).items).toEqual([]);
  });

  it('issues the invoice: 3 % of 549.000 € plus 19 % USt, numbered, as PDF with Factur-X and as valid XRechnung', async () => {
    const r = await issue(owner, commission());
    expect(r.statusCode, r.body).toBe(201);
    const invoice = r.json() as IssuedInvoiceView;
    expect(invoice).toMatchObject({
      kind: 'invoice',
      number: `RE-${year}-0001`,
      buyerName: 'Jürgen Weiß',
      netCents: 1_647_000,
      vatCents: 312_930,
      grossCents: 1_959_930,
    });
    const candidates = (await t.as(owner, { method: 'GET', url: '/api/invoices/candidates' })).json() as {
      properties: { id: string }[];
    };
    expect(candidates.properties.map((p) => p.id)).toEqual([propertyId]);

    const pdf = await t.as(owner, { method: 'GET', url: `/api/invoices/${invoice.id}/pdf` });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.rawPayload.toString('latin1')).toContain('factur-x.xml');

    const xml = await t.as(owner, { method: 'GET', url: `/api/invoices/${invoice.id}/xml` });
    expect(xml.statusCode).toBe(200);
    expect(xml.headers['content-disposition']).toContain(`Rechnung-RE-${year}-0001-XRechnung.xml`);
    expect(xml.body).toContain('<cbc:PayableAmount currencyID="EUR">19599.30</cbc:PayableAmount>');
    expect(fatal(await validateEInvoice(xml.body, 'EN16931-UBL'))).toEqual([]);
    expect(fatal(await validateEInvoice(xml.body, 'XRechnung-UBL'))).toEqual([]);
  }, 60_000);

  it('numbers invoices issued at the same time without gaps or doubles', async () => {
    const results = await Promise.all(
      Array.from({ length: 4 }, () => issue(owner, commission({ percent: null, amountCents: 50_000 }))),
    );
    expect(results.map((r) => r.statusCode)).toEqual([201, 201, 201, 201]);
    const numbers = results.map((r) => (r.json() as IssuedInvoiceView).number).sort();
    expect(numbers).toEqual([2, 3, 4, 5].map((n) => `RE-${year}-000${n}`));
  }, 60_000);

  it('cancels with a credit note once, naming the invoice; the invoice itself is kept', async () => {
    const [first] = (await list(owner)).items.filter((i) => i.number === `RE-${year}-0001`);
    const r = await t.as(owner, { method: 'POST', url: `/api/invoices/${first!.id}/cancel` });
    expect(r.statusCode, r.body).toBe(201);
    const credit = r.json() as IssuedInvoiceView;
    expect(credit).toMatchObject({
      kind: 'credit_note',
      number: `RE-${year}-0006`,
      correctsNumber: `RE-${year}-0001`,
      grossCents: 1_959_930,
    });
    const again = await t.as(owner, { method: 'POST', url: `/api/invoices/${first!.id}/cancel` });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('already_cancelled');
    const ofCredit = await t.as(owner, { method: 'POST', url: `/api/invoices/${credit.id}/cancel` });
    expect(ofCredit.statusCode).toBe(409);
    const items = (await list(owner)).items;
    expect(items.find((i) => i.id === first!.id)).toMatchObject({ cancelledBy: `RE-${year}-0006` });
    const xml = await t.as(owner, { method: 'GET', url: `/api/invoices/${credit.id}/xml` });
    expect(xml.body).toContain('<cbc:CreditNoteTypeCode>381</cbc:CreditNoteTypeCode>');
    expect(fatal(await validateEInvoice(xml.body, 'XRechnung-UBL'))).toEqual([]);
  }, 60_000);

  it('shows another office and other roles nothing', async () => {
    const [one] = (await list(owner)).items;
    expect((await list(stranger)).items).toEqual([]);
    for (const url of [`/api/invoices/${one!.id}/pdf`, `/api/invoices/${one!.id}/xml`])
      expect((await t.as(stranger, { method: 'GET', url })).statusCode).toBe(404);
    expect(
      (await t.as(stranger, { method: 'POST', url: `/api/invoices/${one!.id}/cancel` })).statusCode,
    ).toBe(404);
    expect((await issue(stranger, commission())).statusCode).toBe(409);
    expect((await t.as(agent, { method: 'GET', url: '/api/invoices' })).statusCode).toBe(403);
    expect((await t.as(null, { method: 'GET', url: '/api/invoices' })).statusCode).toBe(401);
  });
});
