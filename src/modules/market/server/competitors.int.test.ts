import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notification } from '../../../platform/notifications/notifications.schema.js';
import { createTestApp, type TestApp, type TestUser } from '../../../platform/testing/test-app.js';
import { seeblickWohnung } from '../../crm/test/fixtures.js';
import { competitorEvent, competitorListing, marketRecord } from '../schema.js';

/**
 * A competitor's feed taken in day after day through HTTP: new listings, a price cut, a
 * withdrawal, an out-of-order or broken snapshot refused whole, an alert to the agent of the
 * office's listing nearby, and the listing's price position among the competition.
 */
let t: TestApp;
let owner: TestUser;
let stranger: TestUser;
let propertyId = '';

const call = async (user: TestUser, method: 'GET' | 'POST', url: string, payload?: unknown) => {
  const r = await t.as(user, {
    method,
    url,
    ...(payload === undefined ? {} : { payload: payload as string }),
  });
  return { status: r.statusCode, body: r.json() as Record<string, unknown> };
};

const HEADER =
  'Objektnummer;Vermarktungsart;Objektart;PLZ;Ort;Breitengrad;Längengrad;Wohnfläche;Zimmer;Preis';
const row = (ref: string, lat: string, lng: string, area: string, price: string) =>
  `${ref};Kauf;Wohnung;78464;Konstanz;${lat};${lng};${area};3;${price}`;
const feed = (...rows: string[]) => [HEADER, ...rows].join('\n');
const rowsStored = async () => ({
  listings: (await t.platform.database.db.select({ n: count() }).from(competitorListing))[0]!.n,
  records: (await t.platform.database.db.select({ n: count() }).from(marketRecord))[0]!.n,
  events: (await t.platform.database.db.select({ n: count() }).from(competitorEvent))[0]!.n,
});

describe('Wettbewerbsbeobachtung', () => {
  beforeAll(async () => {
    t = await createTestApp();
    owner = await t.createTenant();
    stranger = await t.createTenant();
    const created = await call(owner, 'POST', '/api/crm/properties', {
      ...seeblickWohnung,
      latitude: 47.6723,
      longitude: 9.1834,
      purchasePrice: 520_000,
    });
    propertyId = created.body.id as string;
    await call(owner, 'POST', `/api/crm/properties/${propertyId}/status`, { status: 'aktiv' });
    await t.platform.events.drain();
  }, 60_000);
  afterAll(async () => {
    await t.close();
  });

  it('the first snapshot brings new listings into the market store and alerts about the one close to an own listing', async () => {
    const r = await call(owner, 'POST', '/api/market/competitors/snapshots', {
      name: 'Seeblick Makler',
      source: 'Eigene Erfassung der Angebote von Seeblick Makler auf ImmoScout24',
      licence: 'Interne Marktbeobachtung',
      observedOn: '2026-11-02',
      csv: feed(
        row('SB-1', '47,6730', '9,1840', '88', '560.000'),
        row('SB-2', '47,6650', '9,1700', '120', '780.000'),
        // 40 km away: no alert.
        row('SB-3', '47,9000', '9,6000', '85', '390.000'),
      ),
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({
      created: 3,
      priceChanged: 0,
      withdrawn: 0,
      observedOn: '2026-11-02',
      alerts: 1,
    });
    const alerts = await t.platform.database.db
      .select()
      .from(notification)
      .where(eq(notification.kind, 'competitor_listing'));
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.title).toContain('Neues Konkurrenzangebot nahe');
    expect(alerts[0]!.body).toMatch(
      /^Seeblick Makler: 88 m² in Konstanz für 560\.000\s€, 0,1 km entfernt\.$/,
    );
  });

  it('the next snapshot finds a price cut, a withdrawal and a new listing; days on market count on', async () => {
    const overview = await call(owner, 'GET', '/api/market/competitors');
    const datasetId = (overview.body.competitors as { dataset: { id: string } }[])[0]!.dataset.id;
    const r = await call(owner, 'POST', '/api/market/competitors/snapshots', {
      datasetId,
      observedOn: '2026-11-16',
      csv: feed(
        row('SB-1', '47,6730', '9,1840', '88', '535.000'),
        row('SB-3', '47,9000', '9,6000', '85', '390.000'),
        row('SB-4', '47,6700', '9,1800', '75', '455.000'),
      ),
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ created: 1, priceChanged: 1, withdrawn: 1, unchanged: 1, relisted: 0 });

    const all = await call(owner, 'GET', '/api/market/competitors?status=alle');
    const listings = all.body.listings as {
      externalRef: string;
      withdrawnOn: string | null;
      daysOnMarket: number;
      priceChanges: number;
      priceCents: number;
      firstPriceCents: number;
    }[];
    const sb1 = listings.find((l) => l.externalRef === 'SB-1')!;
    expect(sb1).toMatchObject({
      priceCents: 53_500_000,
      firstPriceCents: 56_000_000,
      priceChanges: 1,
      withdrawnOn: null,
    });
    expect(listings.find((l) => l.externalRef === 'SB-2')).toMatchObject({
      withdrawnOn: '2026-11-16',
      daysOnMarket: 15,
    });
    const events = all.body.events as {
      kind: string;
      externalRef: string;
      oldPriceCents: number | null;
      newPriceCents: number | null;
    }[];
    expect(events.find((e) => e.kind === 'preis')).toMatchObject({
      externalRef: 'SB-1',
      oldPriceCents: 56_000_000,
      newPriceCents: 53_500_000,
    });
    expect(events.filter((e) => e.kind === 'zurueckgezogen').map((e) => e.externalRef)).toEqual(['SB-2']);
    const active = await call(owner, 'GET', '/api/market/competitors');
    expect((active.body.listings as unknown[]).length).toBe(3);
  });

  it('an older snapshot, a row without its number or a duplicate number are refused whole', async () => {
    const before = await rowsStored();
    const overview = await call(owner, 'GET', '/api/market/competitors');
    const datasetId = (overview.body.competitors as { dataset: { id: string } }[])[0]!.dataset.id;
    const older = await call(owner, 'POST', '/api/market/competitors/snapshots', {
      datasetId,
      observedOn: '2026-11-10',
      csv: feed(row('SB-9', '47,67', '9,18', '70', '400.000')),
    });
    expect(older.status).toBe(422);
    expect(JSON.stringify(older.body)).toContain('ist älter als der zuletzt übernommene (16.11.2026)');
    const broken = await call(owner, 'POST', '/api/market/competitors/snapshots', {
      datasetId,
      observedOn: '2026-11-30',
      csv: feed(
        row('SB-1', '47,67', '9,18', '88', '530.000'),
        row('', '47,67', '9,18', '70', '400.000'),
        row('SB-1', '47,67', '9,18', '88', '530.000'),
      ),
    });
    expect(broken.status).toBe(422);
    const invalid = (broken.body.error as { details: { invalid: { line: number; errors: string[] }[] } })
      .details.invalid;
    expect(invalid).toEqual([
      { line: 3, errors: ['Objektnummer fehlt – ohne sie lässt sich das Angebot nicht verfolgen.'] },
      { line: 4, errors: ['Objektnummer „SB-1“ steht schon in Zeile 2.'] },
    ]);
    const future = await call(owner, 'POST', '/api/market/competitors/snapshots', {
      datasetId,
      observedOn: '2099-01-01',
      csv: feed(row('SB-9', '47,67', '9,18', '70', '400.000')),
    });
    expect(future.status).toBe(422);
    expect(JSON.stringify(future.body)).toContain('Ein Stand kann nicht in der Zukunft liegen.');
    const missing = await call(owner, 'POST', '/api/market/competitors/snapshots', {
      csv: feed(row('X', '47,67', '9,18', '70', '1')),
    });
    expect(missing.status).toBe(400);
    expect(JSON.stringify(missing.body)).toContain('Namen des Mitbewerbers angeben.');
    expect(await rowsStored()).toEqual(before);
  });

  it('the own listing’s price per m² stands among the competing offers nearby', async () => {
    const r = await call(owner, 'GET', `/api/market/competitors/position/${propertyId}`);
    expect(r.status).toBe(200);
    const own = Math.round(52_000_000 / 86.5);
    expect(r.body.own).toMatchObject({ priceCents: 52_000_000, livingArea: 86.5, pricePerSqmCents: own });
    const competitors = r.body.competitors as { externalRef: string; pricePerSqmCents: number }[];
    // SB-3 lies 40 km away and SB-2 is withdrawn: SB-1 and SB-4 remain.
    expect(competitors.map((c) => c.externalRef).sort()).toEqual(['SB-1', 'SB-4']);
    const cheaper = competitors.filter((c) => c.pricePerSqmCents < own).length;
    expect(r.body.percentile).toBe(Math.round((cheaper / 2) * 100));
  });

  it('another office sees no competitor and cannot add to one that is not its own', async () => {
    const overview = await call(stranger, 'GET', '/api/market/competitors?status=alle');
    expect(overview.body).toEqual({ competitors: [], listings: [], events: [] });
    expect((await call(stranger, 'GET', `/api/market/competitors/position/${propertyId}`)).status).toBe(404);
    const mine = await call(owner, 'GET', '/api/market/competitors');
    const datasetId = (mine.body.competitors as { dataset: { id: string } }[])[0]!.dataset.id;
    const foreign = await call(stranger, 'POST', '/api/market/competitors/snapshots', {
      datasetId,
      csv: feed(row('Z-1', '47,67', '9,18', '70', '400.000')),
    });
    expect(foreign.status).toBe(404);
  });

  it('takes a complete OpenImmo transfer as a snapshot and refuses a partial one', async () => {
    // The listing is shaped like the immowelt export in innobraingmbh/laravel-openimmo,
    // tests/fixtures/example.xml: no <uebertragung>, no <objektkategorie>, CDATA postal code,
    // "940.0" and "2.0" as decimals. Only its facts are kept here, not its texts and pictures.
    const immowelt = (ref: string, rent: string) => `
    <immobilie>
      <geo><plz><![CDATA[97084]]></plz><ort><![CDATA[Heidingsfeld, Heidingsfeld]]></ort></geo>
      <preise><kaltmiete>${rent}</kaltmiete><nebenkosten>322.0</nebenkosten></preise>
      <flaechen><wohnflaeche>72.3</wohnflaeche><anzahl_zimmer>2.0</anzahl_zimmer></flaechen>
      <verwaltung_techn>
        <objektnr_extern><![CDATA[${ref}]]></objektnr_extern>
        <kennung_ursprung><![CDATA[immowelt]]></kennung_ursprung>
        <stand_vom>2025-04-01</stand_vom>
      </verwaltung_techn>
    </immobilie>`;
    const deleted = `<immobilie><geo><plz>97084</plz><ort>Würzburg</ort></geo>
      <verwaltung_techn><objektnr_extern>8000</objektnr_extern><aktion aktionart="DELETE"/></verwaltung_techn></immobilie>`;
    const doc = (header: string, ...listings: string[]) =>
      `<?xml version="1.0" encoding="UTF-8"?><openimmo>${header}<anbieter><firma><![CDATA[]]></firma>${listings.join('')}</anbieter></openimmo>`;
    const first = await call(owner, 'POST', '/api/market/competitors/snapshots', {
      name: 'Main-Makler (immowelt)',
      source: 'OpenImmo-Export des Mitbewerbers',
      licence: 'Interne Marktbeobachtung',
      observedOn: '2026-11-20',
      openimmo: doc('', immowelt('8333', '940.0'), immowelt('8334', '1100.0'), deleted),
    });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body).toMatchObject({ created: 2, withdrawn: 0 });
    const datasetId = (first.body.dataset as { id: string }).id;
    const [stored] = await t.platform.database.db
      .select()
      .from(marketRecord)
      .where(eq(marketRecord.datasetId, datasetId))
      .orderBy(marketRecord.priceCents)
      .limit(1);
    expect(stored).toMatchObject({
      marketingType: 'miete',
      objectType: 'wohnung',
      postalCode: '97084',
      livingArea: 72.3,
      rooms: 2,
      priceCents: 94_000,
      priceKind: 'angebot',
    });

    const second = await call(owner, 'POST', '/api/market/competitors/snapshots', {
      datasetId,
      observedOn: '2026-11-27',
      openimmo: doc('<uebertragung umfang="VOLL" version="1.2.7"/>', immowelt('8333', '899.0')),
    });
    expect(second.status, JSON.stringify(second.body)).toBe(200);
    expect(second.body).toMatchObject({ created: 0, priceChanged: 1, withdrawn: 1 });

    const before = await rowsStored();
    const partial = await call(owner, 'POST', '/api/market/competitors/snapshots', {
      datasetId,
      observedOn: '2026-11-28',
      openimmo: doc('<uebertragung umfang="TEIL" version="1.2.7"/>', immowelt('8333', '850.0')),
    });
    expect(partial.status).toBe(422);
    expect(JSON.stringify(partial.body)).toContain('Teilübertragung');
    const noNumber = await call(owner, 'POST', '/api/market/competitors/snapshots', {
      datasetId,
      observedOn: '2026-11-28',
      openimmo: doc('', immowelt('', '850.0')),
    });
    expect(noNumber.status).toBe(422);
    expect(JSON.stringify(noNumber.body)).toContain('Immobilie 1');
    const both = await call(owner, 'POST', '/api/market/competitors/snapshots', {
      datasetId,
      csv: feed(row('SB-9', '47,67', '9,18', '70', '400.000')),
      openimmo: doc('', immowelt('8333', '850.0')),
    });
    expect(both.status).toBe(400);
    const broken = await call(owner, 'POST', '/api/market/competitors/snapshots', {
      datasetId,
      openimmo: '<openimmo><anbieter>',
    });
    expect(broken.status).toBe(422);
    expect(JSON.stringify(broken.body)).toContain('kein gültiges XML');
    expect(await rowsStored()).toEqual(before);
  });
});
