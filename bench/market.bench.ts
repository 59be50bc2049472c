// The market store at regional scale: 200,000 synthetic Bodensee prices, then the comparables
// search (radius 5 km around Konstanz, 30 comparables, Vergleichswert and hedonic estimate) p95
// over 200 requests with varied subjects, the first request (model fit) apart; trends per town;
// the demand map of the whole region (200k prices as supply, 20,000 inquiries, 2,000 search
// requests besides the demo office's own) p95 over 50 requests with varied filters.
//   npm run bench:market                    (PGlite)
//   DATABASE_URL=postgres://… npm run bench:market
import { eq } from 'drizzle-orm';
import { activity, contact, property, searchRequest } from '../src/modules/crm/schema.js';
import { generateDemoMarket } from '../src/modules/market/demo/demo-market.js';
import { BODENSEE_POSTAL_POINTS } from '../src/modules/market/domain/postal-points-bodensee.js';
import { marketDataset, marketRecord } from '../src/modules/market/schema.js';
import { tenant } from '../src/platform/auth/auth.schema.js';
import { todayInBerlin } from '../src/platform/time/berlin-day.js';
import { startInProcess } from './in-process.js';

const RECORDS = Number(process.env.BENCH_MARKET_RECORDS ?? 200_000);
const REQUESTS = 200;
const CHUNK = 2_000;

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! * 10) / 10;
};
const rssMb = () => Math.round(process.memoryUsage().rss / 1_048_576);

const bench = await startInProcess('market', {});
try {
  const db = bench.platform.database.db;
  const [office] = await db.select({ id: tenant.id }).from(tenant).limit(1);
  const tenantId = office!.id;
  const [dataset] = await db
    .select({ id: marketDataset.id })
    .from(marketDataset)
    .where(eq(marketDataset.kind, 'demo'))
    .limit(1);
  const seedStart = performance.now();
  const market = generateDemoMarket({ count: RECORDS, seed: 99, until: todayInBerlin() });
  for (let i = 0; i < market.length; i += CHUNK) {
    await db
      .insert(marketRecord)
      .values(
        market
          .slice(i, i + CHUNK)
          .map(({ id, ...o }) => ({ ...o, tenantId, datasetId: dataset!.id, externalRef: id })),
      );
  }
  const seedSeconds = (performance.now() - seedStart) / 1000;

  // Demand at regional scale: inquiries on the demo listings, search requests naming towns.
  const listings = await db.select({ id: property.id, title: property.title }).from(property);
  const people = await db.select({ id: contact.id }).from(contact);
  const towns = [...new Set(BODENSEE_POSTAL_POINTS.map(([, town]) => town))];
  for (let i = 0; i < 20_000; i += CHUNK)
    await db.insert(activity).values(
      Array.from({ length: CHUNK }, (_, k) => ({
        tenantId,
        propertyId: listings[(i + k) % listings.length]!.id,
        contactId: people[(i + k) % people.length]!.id,
        kind: 'anfrage',
        subject: 'Anfrage (website)',
        occurredAt: new Date(Date.now() - ((i + k) % 360) * 86_400_000),
      })),
    );
  await db.insert(searchRequest).values(
    Array.from({ length: 2_000 }, (_, k) => ({
      tenantId,
      contactId: people[k % people.length]!.id,
      marketingType: k % 4 === 0 ? 'miete' : 'kauf',
      objectTypes: k % 3 === 0 ? [] : [k % 2 ? 'haus' : 'wohnung'],
      cities: [towns[k % towns.length]!, towns[(k * 7) % towns.length]!],
      maxPriceCents: k % 5 === 0 ? null : (300_000 + (k % 10) * 80_000) * 100,
    })),
  );

  const subject = (i: number) => ({
    marketingType: 'kauf',
    objectType: i % 3 === 0 ? 'haus' : 'wohnung',
    city: 'Konstanz',
    postalCode: '78462',
    latitude: 47.6603 + ((i % 7) - 3) * 0.003,
    longitude: 9.1758 + ((i % 5) - 2) * 0.004,
    livingArea: 60 + (i % 9) * 12,
    rooms: 3,
    yearBuilt: 1950 + (i % 70),
    condition: 'gepflegt',
    floor: i % 4,
    lakeView: i % 2 === 0,
    shoreDistanceM: 200 + (i % 10) * 300,
    valuationDate: todayInBerlin(),
  });
  const search = async (i: number) => {
    const response = await bench.as('POST', '/api/market/comparables', {
      subject: subject(i),
      radiusKm: 5,
      limit: 30,
    });
    if (response.statusCode !== 200) throw new Error(`comparables: ${response.statusCode} ${response.body}`);
    return response.json() as { candidates: number };
  };
  const firstStart = performance.now();
  const first = await search(0);
  const firstMs = performance.now() - firstStart;
  const times: number[] = [];
  let peakRss = rssMb();
  for (let i = 1; i <= REQUESTS; i++) {
    const start = performance.now();
    await search(i);
    times.push(performance.now() - start);
    peakRss = Math.max(peakRss, rssMb());
  }
  const trendTimes: number[] = [];
  for (let i = 0; i < 50; i++) {
    const start = performance.now();
    const response = await bench.as(
      'GET',
      `/api/market/trends?city=Konstanz&objectType=${i % 2 ? 'haus' : 'wohnung'}`,
    );
    if (response.statusCode !== 200) throw new Error(`trends: ${response.statusCode}`);
    trendTimes.push(performance.now() - start);
  }
  const demandTimes: number[] = [];
  let areasWithDemand = 0;
  for (let i = 0; i < 50; i++) {
    const filters = [
      'marketingType=kauf',
      'marketingType=kauf&objectType=wohnung',
      'marketingType=kauf&priceMin=300000&priceMax=900000',
      'marketingType=miete&days=730',
    ][i % 4];
    const start = performance.now();
    const response = await bench.as('GET', `/api/market/demand?${filters}`);
    if (response.statusCode !== 200) throw new Error(`demand: ${response.statusCode}`);
    demandTimes.push(performance.now() - start);
    if (i === 0)
      areasWithDemand = (response.json() as { areas: { demand: number }[] }).areas.filter(
        (a) => a.demand > 0,
      ).length;
    peakRss = Math.max(peakRss, rssMb());
  }
  console.log(
    JSON.stringify(
      {
        database: process.env.DATABASE_URL ? 'postgres' : 'pglite',
        records: RECORDS,
        seedSeconds: Math.round(seedSeconds),
        candidatesPerSearch: first.candidates,
        firstSearchWithModelFitMs: Math.round(firstMs),
        comparablesMs: { p50: percentile(times, 50), p95: percentile(times, 95) },
        trendsPerTownMs: { p50: percentile(trendTimes, 50), p95: percentile(trendTimes, 95) },
        demandMapMs: { p50: percentile(demandTimes, 50), p95: percentile(demandTimes, 95), areasWithDemand },
        peakRssMb: peakRss,
      },
      null,
      2,
    ),
  );
} finally {
  await bench.close();
}
