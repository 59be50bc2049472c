import type { DemandView } from '../contract.js';

export type DemandArea = DemandView['areas'][number];

/** Demand per offer in bands, from a buyers' market (few inquiries per offer) to a shortage. */
export const DEMAND_BANDS = [
  { max: 0.5, colour: '#0f766e', key: 'low' },
  { max: 1.5, colour: '#65a30d', key: 'balanced' },
  { max: 3, colour: '#d97706', key: 'high' },
  { max: Number.POSITIVE_INFINITY, colour: '#b91c1c', key: 'veryHigh' },
] as const;
export const NO_OFFER_COLOUR = '#7f1d1d';
export const QUIET_COLOUR = '#cbd5e1';

export function areaColour(area: DemandArea): string {
  if (area.demand === 0 && area.supply === 0) return QUIET_COLOUR;
  if (area.demandPerOffer === null) return NO_OFFER_COLOUR;
  const ratio = area.demandPerOffer;
  return DEMAND_BANDS.find((b) => ratio <= b.max)?.colour ?? NO_OFFER_COLOUR;
}

/** Circle radius in pixels: area grows with demand, so the eye compares areas, not radii. */
export function areaRadius(area: DemandArea, maxDemand: number): number {
  if (area.demand === 0) return 3;
  return 5 + 17 * Math.sqrt(area.demand / Math.max(maxDemand, 1));
}
