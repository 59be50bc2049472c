import { createRandom } from '../../crm/demo/random.js';
import type { Observation } from '../domain/observation.js';

/**
 * A synthetic Bodensee market for the demo office and the benchmarks — labelled "Demo-Daten
 * (synthetisch)" wherever it shows. Nothing here is an official figure: the town levels are
 * round assumptions of this generator, and prices come from a stated formula plus noise, so
 * a model's error on it measures the model, not the market.
 *
 * The formula has more in it than the hedonic model (a size–lake-view interaction, heavy-tailed
 * noise, per-listing location quality), so the model is judged against a truth it cannot fit
 * exactly — as with real data.
 */
interface DemoTown {
  city: string;
  postalCode: string;
  lat: number;
  lon: number;
  /** Assumed €/m² for a typical 90 m² flat in good condition, 1 km from the shore, in 2023. */
  buyLevel: number;
  rentLevel: number;
}

export const DEMO_TOWNS: readonly DemoTown[] = [
  { city: 'Konstanz', postalCode: '78462', lat: 47.6603, lon: 9.1758, buyLevel: 5600, rentLevel: 13.5 },
  { city: 'Überlingen', postalCode: '88662', lat: 47.7676, lon: 9.1605, buyLevel: 5200, rentLevel: 12.0 },
  {
    city: 'Friedrichshafen',
    postalCode: '88045',
    lat: 47.6542,
    lon: 9.4795,
    buyLevel: 4300,
    rentLevel: 11.5,
  },
  {
    city: 'Lindau (Bodensee)',
    postalCode: '88131',
    lat: 47.5458,
    lon: 9.6839,
    buyLevel: 5000,
    rentLevel: 12.0,
  },
  { city: 'Meersburg', postalCode: '88709', lat: 47.6936, lon: 9.2713, buyLevel: 5100, rentLevel: 11.5 },
  {
    city: 'Radolfzell am Bodensee',
    postalCode: '78315',
    lat: 47.7393,
    lon: 8.9706,
    buyLevel: 4400,
    rentLevel: 11.0,
  },
  { city: 'Langenargen', postalCode: '88085', lat: 47.5975, lon: 9.5418, buyLevel: 4900, rentLevel: 11.5 },
  {
    city: 'Immenstaad am Bodensee',
    postalCode: '88090',
    lat: 47.6665,
    lon: 9.3673,
    buyLevel: 4700,
    rentLevel: 11.0,
  },
  { city: 'Markdorf', postalCode: '88677', lat: 47.7194, lon: 9.3899, buyLevel: 3700, rentLevel: 10.0 },
];

const CONDITIONS: readonly [string, number][] = [
  ['erstbezug', 0.13],
  ['modernisiert', 0.06],
  ['gepflegt', 0],
  ['renovierungsbeduerftig', -0.17],
];

/** Heavy-tailed noise: mostly normal, sometimes a deal far off the market (family sale, rush). */
function noise(next: () => number): number {
  const u = Math.max(1e-9, next());
  const normal = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next());
  return next() < 0.05 ? normal * 0.35 : normal * 0.1;
}

export interface DemoMarketOptions {
  count: number;
  seed?: number;
  /** The last day observations may carry; they spread over the five years before it. */
  until: string;
}

export function generateDemoMarket({ count, seed = 20261206, until }: DemoMarketOptions): Observation[] {
  const r = createRandom(seed);
  const end = Date.parse(`${until}T00:00:00Z`);
  const span = 5 * 365.25 * 86_400_000;
  const out: Observation[] = [];
  for (let i = 0; i < count; i++) {
    const town = r.pick(DEMO_TOWNS);
    const marketingType = r.chance(0.7) ? 'kauf' : 'miete';
    const objectType = r.chance(0.62) ? 'wohnung' : 'haus';
    const livingArea =
      objectType === 'wohnung'
        ? r.round(35 + r.next() ** 1.4 * 110, 0.5)
        : r.round(90 + r.next() ** 1.3 * 170, 0.5);
    const rooms = Math.max(1, Math.round((livingArea / (objectType === 'wohnung' ? 28 : 30)) * 2) / 2);
    const yearBuilt = r.int(1900, 2025);
    const observed = new Date(end - r.next() * span);
    const observedOn = observed.toISOString().slice(0, 10);
    const [condition, conditionEffect] = yearBuilt >= 2023 ? CONDITIONS[0]! : r.pick(CONDITIONS);
    const shoreM = Math.round(Math.exp(Math.log(60) + r.next() * Math.log(8000 / 60)));
    const lakeView = shoreM < 1500 && r.chance(shoreM < 300 ? 0.7 : 0.25);
    const floor = objectType === 'wohnung' ? r.int(0, 5) : null;
    const age = Math.max(0, Number(observedOn.slice(0, 4)) - yearBuilt);
    const years = (observed.getTime() - Date.parse('2023-01-01T00:00:00Z')) / (365.25 * 86_400_000);
    const priceKind = r.chance(0.55) ? 'verkauf' : 'angebot';
    const lnPerSqm =
      (priceKind === 'angebot' ? 0.06 : 0) + // asking prices sit above what is finally paid
      Math.log(marketingType === 'kauf' ? town.buyLevel : town.rentLevel) +
      -0.16 * Math.log(livingArea / 90) +
      -0.011 * age +
      0.00006 * age * age +
      conditionEffect +
      (lakeView ? 0.14 + 0.04 * Math.log(livingArea / 90) : 0) +
      -0.06 * Math.log(shoreM / 1000 + 0.1) +
      (floor === 0 ? -0.04 : 0) +
      (objectType === 'haus' ? 0.05 : 0) +
      (marketingType === 'kauf' ? 0.025 : 0.035) * years +
      0.06 * (r.next() - 0.5) + // location quality within the town no trait records
      noise(r.next);
    const perSqmCents = Math.exp(lnPerSqm) * 100;
    const angle = r.next() * 2 * Math.PI;
    const radius = Math.sqrt(r.next()) * 0.03;
    out.push({
      id: `demo-${seed}-${i}`,
      priceKind,
      marketingType,
      objectType,
      city: town.city,
      postalCode: town.postalCode,
      latitude: Math.round((town.lat + radius * Math.sin(angle) * 0.7) * 1e6) / 1e6,
      longitude: Math.round((town.lon + radius * Math.cos(angle)) * 1e6) / 1e6,
      livingArea,
      rooms,
      yearBuilt,
      condition,
      floor,
      lakeView,
      shoreDistanceM: shoreM,
      priceCents:
        marketingType === 'kauf'
          ? Math.round((perSqmCents * livingArea) / 100_000) * 100_000
          : Math.round((perSqmCents * livingArea) / 100) * 100,
      observedOn,
    });
  }
  return out;
}
