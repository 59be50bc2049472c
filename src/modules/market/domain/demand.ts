import type { PostalPoint } from './postal-points-bodensee.js';

export interface DemandArea {
  postalCode: string;
  town: string;
  latitude: number;
  longitude: number;
  /**
   * Active search requests naming the town; one request counts once, spread over the codes of
   * the towns it names in proportion to their offers (evenly where none are offered).
   */
  searches: number;
  inquiries: number;
  viewings: number;
  /** searches + inquiries + viewings. */
  demand: number;
  /** Offers on the market in the window (own and imported asking prices). */
  supply: number;
  /** Demand per offer; null where nothing is offered. */
  demandPerOffer: number | null;
}

export interface DemandInput {
  /** The towns (or postal codes) each active search request names. */
  searchTowns: readonly (readonly string[])[];
  inquiriesByPostalCode: ReadonlyMap<string, number>;
  viewingsByPostalCode: ReadonlyMap<string, number>;
  supplyByPostalCode: ReadonlyMap<string, number>;
}

export interface DemandMap {
  areas: DemandArea[];
  /** Signals that could not be placed: a town or postal code outside the mapped region. */
  unplaced: { searches: number; inquiries: number; viewings: number; supply: number };
}

/** "Lindau (Bodensee)", "lindau" and "Radolfzell am Bodensee" / "Radolfzell" name the same town. */
export const townKey = (town: string) =>
  town
    .toLowerCase()
    .replace(/\(bodensee\)|am bodensee|im allgäu|am hochrhein/g, '')
    .replace(/[^a-zäöüß0-9]+/g, ' ')
    .trim();

const round = (n: number) => Math.round(n * 100) / 100;

/**
 * Demand and supply per postal-code area. Inquiries, viewings and offers carry the postal code
 * of their property; a search request names towns, so it is spread over their codes and counts
 * once in total.
 */
export function aggregateDemand(input: DemandInput, points: readonly PostalPoint[]): DemandMap {
  const areas = new Map<string, DemandArea>(
    points.map(([postalCode, town, latitude, longitude]) => [
      postalCode,
      {
        postalCode,
        town,
        latitude,
        longitude,
        searches: 0,
        inquiries: 0,
        viewings: 0,
        demand: 0,
        supply: 0,
        demandPerOffer: null,
      },
    ]),
  );
  const codesOfTown = new Map<string, string[]>();
  for (const [code, town] of points) {
    const key = townKey(town);
    codesOfTown.set(key, [...(codesOfTown.get(key) ?? []), code]);
  }
  const unplaced = { searches: 0, inquiries: 0, viewings: 0, supply: 0 };

  for (const towns of input.searchTowns) {
    const codes = new Set<string>();
    for (const town of towns) {
      const name = town.trim();
      if (areas.has(name)) codes.add(name);
      else for (const code of codesOfTown.get(townKey(name)) ?? []) codes.add(code);
    }
    if (codes.size === 0) {
      unplaced.searches += 1;
      continue;
    }
    // Which part of town a wish means is unknown: it follows the offers there, or spreads evenly.
    const offered = [...codes].reduce((sum, code) => sum + (input.supplyByPostalCode.get(code) ?? 0), 0);
    for (const code of codes)
      areas.get(code)!.searches +=
        offered > 0 ? (input.supplyByPostalCode.get(code) ?? 0) / offered : 1 / codes.size;
  }
  const place = (counts: ReadonlyMap<string, number>, field: 'inquiries' | 'viewings' | 'supply') => {
    for (const [code, n] of counts) {
      const area = areas.get(code);
      if (area) area[field] += n;
      else unplaced[field] += n;
    }
  };
  place(input.inquiriesByPostalCode, 'inquiries');
  place(input.viewingsByPostalCode, 'viewings');
  place(input.supplyByPostalCode, 'supply');

  const list = [...areas.values()].map((a) => {
    const demand = a.searches + a.inquiries + a.viewings;
    return {
      ...a,
      searches: round(a.searches),
      demand: round(demand),
      demandPerOffer: a.supply > 0 ? round(demand / a.supply) : null,
    };
  });
  list.sort((a, b) => b.demand - a.demand || a.postalCode.localeCompare(b.postalCode));
  return { areas: list, unplaced: { ...unplaced, searches: round(unplaced.searches) } };
}
