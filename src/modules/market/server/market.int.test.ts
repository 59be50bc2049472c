import { and, count, eq, gte } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../../platform/audit/audit.schema.js';
import { pdfText } from '../../../platform/testing/pdf-text.js';
import { createTestApp, type TestApp, type TestUser } from '../../../platform/testing/test-app.js';
import { todayInBerlin } from '../../../platform/time/berlin-day.js';
import { searchRequest } from '../../crm/schema.js';
import { seeblickWohnung } from '../../crm/test/fixtures.js';
import { generateDemoMarket } from '../demo/demo-market.js';
import type { Observation } from '../domain/observation.js';
import { marketAnalysis, marketDataset, marketRecord } from '../schema.js';

/**
 * The market store through HTTP: a spreadsheet is checked in a dry run, lands whole or not at
 * all, feeds comparables with a Vergleichswert and a hedonic estimate, and trends; the office's
 * own listing follows the CRM; a saved analysis belongs to its office alone.
 */
let t: TestApp;
let owner: TestUser;
let stranger: TestUser;
let propertyId = '';

type Body = Record<string, unknown>;
const call = async (
  user: TestUser,
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  url: string,
  payload?: unknown,
) => {
  const r = await t.as(user, {
    method,
    url,
    ...(payload === undefined ? {} : { payload: payload as string }),
  });
  return { status: r.statusCode, body: (r.body ? r.json() : null) as Body };
};
const json = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
  call(owner, method, url, payload);

const de = (n: number) => n.toLocaleString('de-DE', { useGrouping: false, maximumFractionDigits: 6 });
const deDay = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;

/** A price list as an office exports it from Excel: semicolons, German numbers and dates. */
function toCsv(rows: readonly Observation[]): string {
  const header =
    'Objektnummer;Preisart;Vermarktungsart;Objektart;PLZ;Ort;Breitengrad;Längengrad;Wohnfläche;Zimmer;Baujahr;Zustand;Etage;Seeblick;Uferentfernung;Preis;Datum';
  const lines = rows.map((o) =>
    [
      o.id,
      o.priceKind === 'angebot' ? 'Angebot' : 'Verkauf',
      o.marketingType === 'kauf' ? 'Kauf' : 'Miete',
      o.objectType === 'wohnung' ? 'Wohnung' : 'Haus',
      o.postalCode,
      o.city,
      de(o.latitude!),
      de(o.longitude!),
      de(o.livingArea),
      o.rooms === null ? '' : de(o.rooms),
      o.yearBuilt ?? '',
      o.condition ?? '',
      o.floor ?? '',
      o.lakeView ? 'ja' : 'nein',
      o.shoreDistanceM ?? '',
      de(o.priceCents / 100),
      deDay(o.observedOn),
    ].join(';'),
  );
  return [header, ...lines].join('\n');
}

const market = generateDemoMarket({ count: 400, seed: 7, until: todayInBerlin() });
const importBody = (csv: string) => ({
  csv,
  name: 'Kaufpreissammlung Testkreis',
  source: 'Test: Auszug aus generierten Demodaten',
  licence: 'Nur Test',
});
const rowCount = async () => (await t.platform.database.db.select({ n: count() }).from(marketRecord))[0]!.n;

const subject = {
  marketingType: 'kauf',
  objectType: 'wohnung',
  city: 'Konstanz',
  postalCode: '78462',
  latitude: 47.6603,
  longitude: 9.1758,
  livingArea: 86.5,
  rooms: 3,
  yearBuilt: 2004,
  condition: 'gepflegt',
  floor: 2,
  lakeView: true,
  shoreDistanceM: 400,
  valuationDate: todayInBerlin(),
};

describe('Marktanalyse', () => {
  beforeAll(async () => {
    t = await createTestApp();
    owner = await t.createTenant();
    stranger = await t.createTenant();
  }, 60_000);
  afterAll(() => t.close());

  it('a dry run maps German headers, reads German numbers and reports broken rows by line; nothing is stored', async () => {
    const good = toCsv(market.slice(0, 3));
    const broken = `${good}\nX-1;Verkauf;Kauf;Wohnung;7846;Konstanz;;;-40;3;2001;gepflegt;1;ja;;250.000;31.02.2024\nX-2;Tausch;Kauf;Burg;78462;Konstanz;47,66;;80;3;2001;gepflegt;1;vielleicht;;abc;01.01.2024`;
    const r = await json('POST', '/api/market/imports/preview', { csv: broken });
    expect(r.status).toBe(200);
    expect(r.body.rows).toBe(5);
    expect(r.body.valid).toBe(3);
    expect(r.body.mapping).toMatchObject({
      livingArea: 'Wohnfläche',
      price: 'Preis',
      observedOn: 'Datum',
      latitude: 'Breitengrad',
    });
    const invalid = r.body.invalid as { line: number; errors: string[] }[];
    expect(invalid.map((i) => i.line)).toEqual([5, 6]);
    expect(invalid[0]!.errors).toEqual(
      expect.arrayContaining([
        'PLZ „7846“ hat nicht 5 Ziffern.',
        expect.stringContaining('Wohnfläche -40'),
        'Datum „31.02.2024“ ist kein gültiger Tag (TT.MM.JJJJ).',
      ]),
    );
    expect(invalid[1]!.errors).toEqual(
      expect.arrayContaining([
        expect.stringContaining('Preisart „Tausch“'),
        expect.stringContaining('Objektart „Burg“'),
        expect.stringContaining('Seeblick „vielleicht“'),
        'Preis „abc“ ist keine Zahl.',
        'Breiten- und Längengrad nur zusammen angeben.',
      ]),
    );
    const sample = (r.body.sample as Record<string, unknown>[])[0]!;
    expect(sample.livingArea).toBe(market[0]!.livingArea);
    expect(sample.priceCents).toBe(market[0]!.priceCents);
    expect(sample.observedOn).toBe(market[0]!.observedOn);

    const refused = await json('POST', '/api/market/imports', importBody(broken));
    expect(refused.status).toBe(422);
    expect((refused.body.error as Body).code).toBe('import_rows_invalid');
    expect(await rowCount()).toBe(0);
    const datasets = await t.platform.database.db.select({ n: count() }).from(marketDataset);
    expect(datasets[0]!.n).toBe(0);
  });

  it('an import lands whole, with source and licence, and only for its office', async () => {
    const r = await json('POST', '/api/market/imports', importBody(toCsv(market)));
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ kind: 'import', rowCount: 400, licence: 'Nur Test' });
    expect(await rowCount()).toBe(400);
    const mine = await json('GET', '/api/market/datasets');
    expect((mine.body as unknown as Body[]).map((d) => d.name)).toContain('Kaufpreissammlung Testkreis');
    const theirs = await call(stranger, 'GET', '/api/market/datasets');
    expect(theirs.body).toEqual([]);
    const audit = await t.platform.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.entity, 'market_dataset'));
    expect(audit.map((a) => a.action)).toEqual(['imported']);
  });

  it('comparables come adjusted and explained, with a Vergleichswert and a hedonic estimate that agree roughly', async () => {
    const r = await json('POST', '/api/market/comparables', { subject, radiusKm: 5, limit: 12 });
    expect(r.status).toBe(200);
    const comparables = r.body.comparables as {
      similarity: number;
      distanceKm: number;
      adjustments: { key: string }[];
      observation: { city: string; own: boolean };
    }[];
    expect(r.body.candidates).toBeGreaterThan(12);
    expect(comparables.length).toBe(12);
    expect(comparables.every((c) => c.distanceKm <= 5 && c.observation.city === 'Konstanz')).toBe(true);
    const similarities = comparables.map((c) => c.similarity);
    expect(similarities).toEqual([...similarities].sort((a, b) => b - a));
    expect(comparables.some((c) => c.adjustments.some((a) => a.key === 'groesse'))).toBe(true);
    const vergleich = r.body.vergleichswert as { valueCents: number; steps: { key: string }[] };
    expect(vergleich.steps.at(-1)!.key).toBe('vergleichswert');
    const est = r.body.estimate as {
      priceCents: number;
      lowCents: number;
      highCents: number;
      observations: number;
    };
    expect(est.observations).toBeGreaterThan(200);
    expect(est.lowCents).toBeLessThan(est.priceCents);
    expect(est.highCents).toBeGreaterThan(est.priceCents);
    expect(Math.abs(vergleich.valueCents / est.priceCents - 1)).toBeLessThan(0.3);
    expect(r.body.rates).toMatchObject({ origin: 'modell' });
    expect(r.body.sources).toEqual([
      expect.objectContaining({ name: 'Kaufpreissammlung Testkreis', licence: 'Nur Test', demo: false }),
    ]);

    // The broker puts the lake view at +40 %: comparables without one move up, the value with them.
    const higher = await json('POST', '/api/market/comparables', {
      subject,
      radiusKm: 5,
      limit: 12,
      rates: { lakeViewPercent: 40 },
    });
    expect((higher.body.rates as Body).lakeViewPercent).toBe(40);
    expect((higher.body.vergleichswert as { valueCents: number }).valueCents).toBeGreaterThan(
      vergleich.valueCents,
    );
  });

  it('a drawn area replaces the radius', async () => {
    // A small box around Konstanz's centre: nothing from Überlingen, 10 km north, may come in.
    const polygon = [
      [9.15, 47.64],
      [9.2, 47.64],
      [9.2, 47.68],
      [9.15, 47.68],
    ];
    const r = await json('POST', '/api/market/comparables', { subject, polygon, limit: 50 });
    expect(r.status).toBe(200);
    const obs = (r.body.comparables as { observation: { latitude: number; longitude: number } }[]).map(
      (c) => c.observation,
    );
    expect(obs.length).toBeGreaterThan(0);
    expect(
      obs.every(
        (o) => o.longitude >= 9.15 && o.longitude <= 9.2 && o.latitude >= 47.64 && o.latitude <= 47.68,
      ),
    ).toBe(true);
  });

  it('bad input gets a clear 4xx: negative areas, an unknown town or district, costs above the income', async () => {
    const negative = await json('POST', '/api/market/comparables', {
      subject: { ...subject, livingArea: -5 },
    });
    expect(negative.status).toBe(400);
    expect(JSON.stringify(negative.body)).toContain('Die Wohnfläche muss größer als 0 m² sein.');
    const town = await json('GET', '/api/market/trends?city=Atlantis');
    expect(town.status).toBe(422);
    expect((town.body.error as Body).message).toBe(
      'Für „Atlantis“ gibt es keine Marktdaten dieser Objektart.',
    );
    const district = await json('GET', '/api/market/trends?city=Konstanz&district=Petershausen-Nord');
    expect(district.status).toBe(422);
    expect((district.body.error as Body).code).toBe('unknown_district');
    const costs = await json('POST', '/api/market/valuations/ertragswert', {
      jahresrohertragCents: 1_000_000,
      verwaltungskostenCents: 600_000,
      instandhaltungskostenCents: 500_000,
      mietausfallwagnisPercent: 2,
      bodenwertCents: 10_000_000,
      liegenschaftszinsPercent: 3,
      restnutzungsdauerYears: 40,
    });
    expect(costs.status).toBe(422);
    expect(costs.body.error).toMatchObject({
      code: 'valuation_input',
      details: { field: 'verwaltungskostenCents' },
    });
  });

  it('trends give median and quartiles per quarter, asking and sold apart, with counts and sources', async () => {
    const r = await json('GET', '/api/market/trends?city=Konstanz&period=jahr');
    expect(r.status).toBe(200);
    const points = r.body.points as {
      period: string;
      priceKind: string;
      count: number;
      q1PerSqmCents: number;
      medianPerSqmCents: number;
      q3PerSqmCents: number;
    }[];
    expect(points.length).toBeGreaterThan(2);
    const konstanzKaufWohnung = market.filter(
      (o) => o.city === 'Konstanz' && o.marketingType === 'kauf' && o.objectType === 'wohnung',
    );
    expect(points.reduce((s, p) => s + p.count, 0)).toBe(konstanzKaufWohnung.length);
    for (const p of points) {
      expect(p.period).toMatch(/^\d{4}$/);
      expect(p.q1PerSqmCents).toBeLessThanOrEqual(p.medianPerSqmCents);
      expect(p.medianPerSqmCents).toBeLessThanOrEqual(p.q3PerSqmCents);
    }
    // The median of one year, recomputed from the rows themselves.
    const p0 = points[0]!;
    const values = konstanzKaufWohnung
      .filter((o) => o.observedOn.startsWith(p0.period) && o.priceKind === p0.priceKind)
      .map((o) => o.priceCents / o.livingArea)
      .sort((a, b) => a - b);
    const mid = values.length / 2;
    const median = values.length % 2 ? values[Math.floor(mid)]! : (values[mid - 1]! + values[mid]!) / 2;
    expect(p0.medianPerSqmCents).toBe(Math.round(median));
    expect(r.body.sources).toEqual([expect.objectContaining({ licence: 'Nur Test' })]);
  });

  it('the own listing follows the CRM: offered as an asking price, sold as a sale, and is left out of its own comparables', async () => {
    const created = await json('POST', '/api/crm/properties', seeblickWohnung);
    propertyId = created.body.id as string;
    await t.platform.events.drain();
    expect(
      await t.platform.database.db.select().from(marketRecord).where(eq(marketRecord.propertyId, propertyId)),
    ).toEqual([]);
    expect((await json('POST', `/api/crm/properties/${propertyId}/status`, { status: 'aktiv' })).status).toBe(
      200,
    );
    await t.platform.events.drain();
    let [own] = await t.platform.database.db
      .select()
      .from(marketRecord)
      .where(eq(marketRecord.propertyId, propertyId));
    expect(own).toMatchObject({ priceKind: 'angebot', priceCents: 54_900_000, lakeView: true });
    expect(
      (await json('POST', `/api/crm/properties/${propertyId}/status`, { status: 'verkauft' })).status,
    ).toBe(200);
    await t.platform.events.drain();
    [own] = await t.platform.database.db
      .select()
      .from(marketRecord)
      .where(eq(marketRecord.propertyId, propertyId));
    expect(own).toMatchObject({ priceKind: 'verkauf', observedOn: todayInBerlin() });

    const prefill = await json('GET', `/api/market/subject/${propertyId}`);
    expect(prefill.status).toBe(200);
    expect(prefill.body.subject).toMatchObject({
      livingArea: 86.5,
      lakeView: true,
      city: 'Konstanz',
      yearBuilt: 2004,
    });
  });

  it('demand per postal code: inquiries, viewings and search requests against offers, filtered by type and price band', async () => {
    const listing = await json('POST', '/api/crm/properties', {
      ...seeblickWohnung,
      title: 'Wohnung in Meersburg',
      city: 'Meersburg',
      postalCode: '88709',
      purchasePrice: 400_000,
    });
    const id = listing.body.id as string;
    await json('POST', `/api/crm/properties/${id}/status`, { status: 'aktiv' });
    await t.platform.events.drain();
    for (const email of ['a%40example.de', 'b%40example.de']) {
      const sent = await t.app.inject({
        method: 'POST',
        url: `/p/${listing.body.slug as string}/anfrage`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: `name=Interessent&email=${email}&message=Bitte+Expos%C3%A9&privacy=ja`,
      });
      expect(sent.statusCode).toBe(303);
    }
    const starts = new Date(Date.now() + 86_400_000);
    expect(
      (
        await json('POST', '/api/crm/viewings', {
          propertyId: id,
          startsAt: starts.toISOString(),
          endsAt: new Date(starts.getTime() + 3_600_000).toISOString(),
        })
      ).status,
    ).toBe(201);
    const buyer = await json('POST', '/api/crm/contacts', { lastName: 'Suchend', email: 'suche@example.de' });
    for (const cities of [['Meersburg'], ['Berlin']])
      await json('POST', `/api/crm/contacts/${buyer.body.id as string}/search-requests`, {
        marketingType: 'kauf',
        objectTypes: ['wohnung'],
        cities,
      });
    await t.platform.events.drain();

    type Area = {
      postalCode: string;
      searches: number;
      inquiries: number;
      viewings: number;
      supply: number;
      demand: number;
    };
    const demand = async (user: TestUser, query: string) => {
      const r = await call(user, 'GET', `/api/market/demand?${query}`);
      expect(r.status).toBe(200);
      return r.body as { areas: Area[]; unplaced: { searches: number }; totals: Area; tiles: unknown };
    };
    const all = await demand(owner, 'marketingType=kauf&objectType=wohnung');
    const meersburg = all.areas.find((a) => a.postalCode === '88709')!;
    const since = (all as unknown as { since: string }).since;
    const offers = await t.platform.database.db
      .select({ n: count() })
      .from(marketRecord)
      .where(
        and(
          eq(marketRecord.postalCode, '88709'),
          eq(marketRecord.priceKind, 'angebot'),
          eq(marketRecord.objectType, 'wohnung'),
          eq(marketRecord.marketingType, 'kauf'),
          gte(marketRecord.observedOn, since),
        ),
      );
    // The contact form files each inquirer's wish as a search request for the town, too.
    const wishes = await t.platform.database.db
      .select({ cities: searchRequest.cities })
      .from(searchRequest)
      .where(eq(searchRequest.active, true));
    const meersburgWishes = wishes.filter((w) => w.cities.includes('Meersburg')).length;
    expect(meersburgWishes).toBeGreaterThanOrEqual(1);
    expect(meersburg).toMatchObject({
      searches: meersburgWishes,
      inquiries: 2,
      viewings: 1,
      demand: meersburgWishes + 3,
      supply: offers[0]!.n,
    });
    expect(meersburg.supply).toBeGreaterThanOrEqual(1);
    expect(all.unplaced.searches).toBe(1);
    expect(all.tiles).toBeNull();

    const cheaper = await demand(owner, 'marketingType=kauf&objectType=wohnung&priceMax=300000');
    expect(cheaper.areas.find((a) => a.postalCode === '88709')).toMatchObject({
      inquiries: 0,
      viewings: 0,
    });
    expect((await demand(owner, 'marketingType=miete')).totals).toMatchObject({
      inquiries: 0,
      viewings: 0,
      searches: 0,
    });

    const bad = await call(owner, 'GET', '/api/market/demand?priceMin=500000&priceMax=100000');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('Der Mindestpreis ist höher als der Höchstpreis.');
    expect((await call(owner, 'GET', '/api/market/demand?objectType=schloss')).status).toBe(400);
    expect((await call(owner, 'GET', '/api/market/demand?days=2')).status).toBe(400);

    expect((await demand(stranger, 'marketingType=kauf')).totals).toEqual({
      searches: 0,
      inquiries: 0,
      viewings: 0,
      supply: 0,
    });
  });

  it('an analysis is saved per property, without the property itself among its comparables, and is the office’s alone', async () => {
    const body = {
      query: { subject, radiusKm: 10, limit: 25 },
      marktanpassung: 1,
      ertragswert: {
        jahresrohertragCents: 1_560_000,
        verwaltungskostenCents: 42_000,
        instandhaltungskostenCents: 116_000,
        mietausfallwagnisPercent: 2,
        bodenwertCents: 12_000_000,
        liegenschaftszinsPercent: 2.5,
        restnutzungsdauerYears: 58,
      },
      inExpose: true,
    };
    const saved = await json('PUT', `/api/market/analyses/${propertyId}`, body);
    expect(saved.status).toBe(200);
    const result = saved.body.result as {
      comparables: { comparables: { observation: { own: boolean } }[] };
      ertragswert: { valueCents: number };
    };
    expect(result.comparables.comparables.some((c) => c.observation.own)).toBe(false);
    expect(result.ertragswert.valueCents).toBeGreaterThan(0);
    expect((await json('GET', `/api/market/analyses/${propertyId}`)).body.inExpose).toBe(true);

    expect((await call(stranger, 'GET', `/api/market/analyses/${propertyId}`)).status).toBe(404);
    expect((await call(stranger, 'PUT', `/api/market/analyses/${propertyId}`, body)).status).toBe(404);
    expect((await call(stranger, 'GET', `/api/market/subject/${propertyId}`)).status).toBe(404);
    const rows = await t.platform.database.db.select({ n: count() }).from(marketAnalysis);
    expect(rows[0]!.n).toBe(1);
  });

  it('the saved analysis prints as a branded report and as the exposé page "Marktanalyse" while it is marked for it', async () => {
    const report = await t.as(owner, { method: 'GET', url: `/api/market/analyses/${propertyId}/report.pdf` });
    expect(report.statusCode).toBe(200);
    expect(report.headers['content-type']).toBe('application/pdf');
    expect(report.headers['content-disposition']).toMatch(/^attachment; filename="Marktbericht-.+\.pdf"$/);
    const text = (await pdfText(report.rawPayload)).replace(/\s+/g, ' ');
    for (const expected of [
      'Marktbericht',
      'Vergleichswert (§§ 24–26 ImmoWertV)',
      'Ertragswert (§§ 27–34 ImmoWertV)',
      'Quadrat: bewertetes Objekt',
      'Preisentwicklung Konstanz',
      // The inquiries, viewings and search requests of the demand test, nearest area first.
      'Nachfrage im Umfeld (letzte 12 Monate)',
      '78462 Konstanz 0,1 km',
      'GeoNames',
      'Quellen und Lizenzen',
      'kein Verkehrswertgutachten',
    ])
      expect(text).toContain(expected);
    const saved = (await json('GET', `/api/market/analyses/${propertyId}`)).body as {
      result: { comparables: { vergleichswert: { valueCents: number } } };
    };
    const euro = `${Math.round(saved.result.comparables.vergleichswert.valueCents / 100).toLocaleString('de-DE')} €`;
    expect(text).toContain(euro);

    const expose = async () =>
      pdfText(
        (await t.as(owner, { method: 'GET', url: `/api/crm/properties/${propertyId}/expose.pdf` }))
          .rawPayload,
      );
    const withPage = (await expose()).replace(/\s+/g, ' ');
    expect(withPage).toContain('Marktanalyse');
    expect(withPage).toContain(euro);
    await json('PUT', `/api/market/analyses/${propertyId}`, {
      query: { subject, radiusKm: 10, limit: 25 },
      inExpose: false,
    });
    expect(await expose()).not.toContain('Marktanalyse');

    expect((await call(stranger, 'GET', `/api/market/analyses/${propertyId}/report.pdf`)).status).toBe(404);
  });

  it('an imported dataset is deleted with its prices; another office cannot delete it', async () => {
    const [dataset] = await t.platform.database.db
      .select()
      .from(marketDataset)
      .where(eq(marketDataset.kind, 'import'));
    expect((await call(stranger, 'DELETE', `/api/market/datasets/${dataset!.id}`)).status).toBe(404);
    expect((await json('DELETE', `/api/market/datasets/${dataset!.id}`)).status).toBe(204);
    expect(await rowCount()).toBe(2); // the own listings stay: the sold one and the one in Meersburg
    const [ownSet] = await t.platform.database.db
      .select()
      .from(marketDataset)
      .where(eq(marketDataset.kind, 'eigen'));
    const refused = await json('DELETE', `/api/market/datasets/${ownSet!.id}`);
    expect(refused.status).toBe(400);
  });
});
