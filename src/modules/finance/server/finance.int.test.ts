import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfText } from '../../../platform/testing/pdf-text.js';
import { createTestApp, type TestApp, type TestUser } from '../../../platform/testing/test-app.js';
import { customerTextProblems } from '../../crm/test/customer-text.js';
import { seeblickWohnung } from '../../crm/test/fixtures.js';

let t: TestApp;
let owner: TestUser;
let readonly: TestUser;
let propertyId: string;

const part = {
  name: 'Bankdarlehen',
  amountCents: 30_000_000,
  nominalRatePercent: 3.5,
  repayment: { kind: 'initial_percent', percent: 2 },
  fixedRateYears: 10,
  startMonth: '2026-12',
};
const post = (user: TestUser, url: string, payload: unknown) =>
  t.as(user, { method: 'POST', url: `/api/finance${url}`, payload: payload as Record<string, unknown> });

beforeAll(async () => {
  t = await createTestApp();
  owner = await t.createTenant('Finanz-Büro');
  readonly = await t.createUser(owner.tenantId, 'readonly');
  propertyId = (
    await t.as(owner, {
      method: 'POST',
      url: '/api/crm/properties',
      payload: {
        ...seeblickWohnung,
        federalState: null,
        postalCode: '88131',
        city: 'Lindau (Bodensee)',
        purchasePrice: 495_000,
      },
    })
  ).json().id;
});
afterAll(() => t.close());

describe('calculators over HTTP', () => {
  it('computes an annuity plan with a 40-year monthly schedule', async () => {
    const res = await post(readonly, '/annuity', {
      parts: [{ ...part, repayment: { kind: 'initial_percent', percent: 1 } }],
    });
    expect(res.statusCode, res.body).toBe(200);
    const plan = res.json();
    expect(plan.totalRateCents).toBe(112_500);
    expect(plan.effectiveRatePercent).toBe(3.56);
    expect(plan.parts[0].schedule.length).toBeGreaterThan(12 * 35);
    expect(plan.parts[0].schedule[0]).toMatchObject({
      month: '2027-01',
      interestCents: 87_500,
      repaymentCents: 25_000,
    });
  });

  it.each([
    ['a negative rate', { ...part, nominalRatePercent: -1 }, 'parts.0.nominalRatePercent'],
    ['a zero Zinsbindung', { ...part, fixedRateYears: 0 }, 'parts.0.fixedRateYears'],
    [
      'a rate below the interest',
      { ...part, repayment: { kind: 'fixed_rate', rateCents: 50_000 } },
      'repayment.rateCents',
    ],
  ])('refuses %s with a 400 naming the field', async (_label, bad, field) => {
    const res = await post(owner, '/annuity', { parts: [bad] });
    expect(res.statusCode).toBe(400);
    const error = res.json().error;
    expect(JSON.stringify(error)).toContain(field.split('.').at(-1));
    expect(error.message.length).toBeGreaterThan(5);
  });

  it('refuses an unknown federal state', async () => {
    const res = await post(owner, '/purchase-costs', { priceCents: 40_000_000, state: 'XX' });
    expect(res.statusCode).toBe(400);
    expect(JSON.stringify(res.json().error)).toContain('state');
  });

  it('computes side costs, compares offers and finds the affordable price', async () => {
    const costs = await post(owner, '/purchase-costs', {
      priceCents: 40_000_000,
      state: 'BW',
      commission: { totalPercent: 7.14, buyerSharePercent: 50 },
    });
    expect(costs.json()).toMatchObject({ sideCostsCents: 4_228_000, sideCostsPercent: 10.57 });
    const split = await post(owner, '/purchase-costs', {
      priceCents: 40_000_000,
      state: 'BW',
      commission: { totalPercent: 7.14, buyerSharePercent: 100 },
    });
    expect(split.statusCode).toBe(400);
    expect(split.json().error.details.field).toBe('commission.buyerSharePercent');

    const compare = await post(owner, '/offers/compare', {
      offers: [
        { ...part, name: 'Sparkasse', nominalRatePercent: 3.6 },
        { ...part, name: 'Volksbank', nominalRatePercent: 3.4, feesCents: 150_000, fixedRateYears: 15 },
      ],
    });
    expect(compare.statusCode, compare.body).toBe(200);
    expect(compare.json()).toMatchObject({ horizonYears: 10, cheapest: 'Volksbank' });

    const afford = await post(owner, '/affordability', {
      netIncomeMonthlyCents: 400_000,
      expensesMonthlyCents: 250_000,
      equityCents: 6_000_000,
      nominalRatePercent: 3.5,
      initialRepaymentPercent: 2,
      sideCostsPercent: 10.57,
    });
    expect(afford.json().maxPriceCents).toBe(35_025_000);
  });

  it('lists the transfer tax of all sixteen states', async () => {
    const res = await t.as(readonly, {
      method: 'GET',
      url: '/api/finance/transfer-tax-rates?date=2026-12-01',
    });
    expect(res.json().rates).toHaveLength(16);
  });
});

describe('from a property, saved, and as a PDF', () => {
  it('takes price and federal state from the property', async () => {
    const res = await t.as(owner, { method: 'GET', url: `/api/finance/properties/${propertyId}/defaults` });
    // Lindau lies in Bavaria although its postal region 88 is mostly Baden-Württemberg.
    expect(res.json()).toMatchObject({
      priceCents: 49_500_000,
      state: 'BY',
      stateSource: 'postal_code',
      propertyKind: 'wohnung',
    });
  });

  it('saves a scenario on the property, recomputed on the server, and lists and deletes it', async () => {
    const saved = await post(owner, '/scenarios', {
      kind: 'annuity',
      name: 'Variante 10 Jahre',
      propertyId,
      input: { parts: [part], totalRateCents: 1 },
    });
    expect(saved.statusCode, saved.body).toBe(201);
    expect(saved.json()).toMatchObject({
      propertyTitle: seeblickWohnung.title,
      summary: { totalRateCents: 137_500 },
    });
    expect(saved.json().input).not.toHaveProperty('totalRateCents');
    const list = await t.as(owner, { method: 'GET', url: `/api/finance/scenarios?propertyId=${propertyId}` });
    expect(list.json().items).toHaveLength(1);

    const refused = await post(readonly, '/scenarios', {
      kind: 'annuity',
      name: 'x',
      propertyId,
      input: { parts: [part] },
    });
    expect(refused.statusCode).toBe(403);
    const invalid = await post(owner, '/scenarios', {
      kind: 'annuity',
      name: 'x',
      input: { parts: [{ ...part, fixedRateYears: 0 }] },
    });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().error.details.field).toBe('parts.0.fixedRateYears');

    const pdf = await t.as(owner, { method: 'GET', url: `/api/finance/scenarios/${saved.json().id}/pdf` });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');

    const removed = await t.as(owner, { method: 'DELETE', url: `/api/finance/scenarios/${saved.json().id}` });
    expect(removed.statusCode).toBe(204);
    expect(
      (await t.as(owner, { method: 'GET', url: `/api/finance/scenarios?propertyId=${propertyId}` })).json()
        .items,
    ).toHaveLength(0);
  });

  it('renders a PDF for every calculator', async () => {
    const inputs = {
      annuity: { parts: [part] },
      compare: { offers: [part, { ...part, name: 'B', nominalRatePercent: 3.2 }] },
      purchase_costs: { priceCents: 40_000_000, state: 'BY' },
      affordability: {
        netIncomeMonthlyCents: 400_000,
        expensesMonthlyCents: 250_000,
        equityCents: 6_000_000,
        nominalRatePercent: 3.5,
        initialRepaymentPercent: 2,
        sideCostsPercent: 10,
      },
      investment: {
        priceCents: 30_000_000,
        sideCostsCents: 3_000_000,
        monthlyColdRentCents: 100_000,
        equityCents: 6_000_000,
        nominalRatePercent: 3.5,
        initialRepaymentPercent: 2,
        completionYear: 1998,
      },
    };
    for (const [kind, input] of Object.entries(inputs)) {
      const res = await post(owner, '/pdf', { kind, input, propertyId });
      expect(res.statusCode, `${kind}: ${res.body.slice(0, 200)}`).toBe(200);
      expect(res.rawPayload.length).toBeGreaterThan(2000);
      // Issue 18.1: what the customer reads is German — no ISO dates, decimal points or keys.
      expect(customerTextProblems(await pdfText(res.rawPayload)), kind).toEqual([]);
    }
  });
});
