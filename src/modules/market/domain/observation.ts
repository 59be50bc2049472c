/**
 * One observed price on the market: an asking price (own or a competitor's listing) or a sale
 * (own closed deal, imported transactions). Areas in m², money in cents, days as "YYYY-MM-DD".
 */
export interface Observation {
  id: string;
  priceKind: 'angebot' | 'verkauf';
  marketingType: 'kauf' | 'miete';
  objectType: string;
  city: string;
  postalCode: string;
  latitude: number | null;
  longitude: number | null;
  livingArea: number;
  rooms: number | null;
  yearBuilt: number | null;
  condition: string | null;
  floor: number | null;
  lakeView: boolean;
  shoreDistanceM: number | null;
  priceCents: number;
  observedOn: string;
}

/** The subject: what is being valued, described like an observation without a price. */
export type Subject = Omit<Observation, 'id' | 'priceKind' | 'priceCents' | 'observedOn'> & {
  /** The valuation date. */
  valuationDate: string;
};

/** Condition grades the market prices differently; the listing vocabulary folds into four. */
export const CONDITION_GRADES = ['neuwertig', 'saniert', 'gepflegt', 'renovierungsbeduerftig'] as const;
export type ConditionGrade = (typeof CONDITION_GRADES)[number];

const GRADE_OF: Record<string, ConditionGrade> = {
  erstbezug: 'neuwertig',
  neuwertig: 'neuwertig',
  projektiert: 'neuwertig',
  teil_vollsaniert: 'saniert',
  vollstaendig_renoviert: 'saniert',
  modernisiert: 'saniert',
  gepflegt: 'gepflegt',
  nach_vereinbarung: 'gepflegt',
  renovierungsbeduerftig: 'renovierungsbeduerftig',
  rohbau: 'renovierungsbeduerftig',
  abrissobjekt: 'renovierungsbeduerftig',
};

/** Unknown conditions count as "gepflegt", the market's usual state. */
export const conditionGrade = (condition: string | null): ConditionGrade =>
  (condition && GRADE_OF[condition]) || 'gepflegt';

export const CONDITION_GRADE_LABELS: Record<ConditionGrade, string> = {
  neuwertig: 'neuwertig',
  saniert: 'saniert/modernisiert',
  gepflegt: 'gepflegt',
  renovierungsbeduerftig: 'renovierungsbedürftig',
};

export const pricePerSqm = (o: Pick<Observation, 'priceCents' | 'livingArea'>) => o.priceCents / o.livingArea;

const DAY = 86_400_000;
export const yearsBetween = (from: string, to: string) =>
  (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY / 365.25;

/** Great-circle distance in km (haversine). */
export function distanceKm(aLat: number, aLon: number, bLat: number, bLon: number): number {
  const rad = Math.PI / 180;
  const dLat = (bLat - aLat) * rad;
  const dLon = (bLon - aLon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(aLat * rad) * Math.cos(bLat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Ray casting; the ring is [longitude, latitude] pairs, closed or not. */
export function insidePolygon(
  lon: number,
  lat: number,
  ring: readonly (readonly [number, number])[],
): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}
