import type { DemandArea } from './demand.js';
import { kmAround, type Place } from './local-projection.js';

export type NearbyDemand = DemandArea & { distanceKm: number | null };

/**
 * The areas a report on one property shows: its own postal-code area and the nearest others.
 * Only areas where something is sought or offered count. The property's coordinates place it; without them, the centre of its postal-code area does;
 * a code outside the mapped region leaves the areas with the most demand, without distances.
 */
export function demandAround(
  areas: readonly DemandArea[],
  subject: { postalCode: string; latitude: number | null; longitude: number | null },
  limit = 8,
): NearbyDemand[] {
  const own = areas.find((a) => a.postalCode === subject.postalCode);
  const centre: Place | null =
    subject.latitude !== null && subject.longitude !== null
      ? { latitude: subject.latitude, longitude: subject.longitude }
      : (own ?? null);
  if (!centre)
    return [...areas]
      .sort((a, b) => b.demand - a.demand)
      .slice(0, limit)
      .map((a) => ({ ...a, distanceKm: null }));
  // Areas where nothing is sought or offered say nothing about this property's market.
  return areas
    .filter((a) => a.postalCode === subject.postalCode || a.demand > 0 || a.supply > 0)
    .map((a) => {
      const { x, y } = kmAround(centre, a);
      return { ...a, distanceKm: Math.hypot(x, y) };
    })
    .sort(
      (a, b) =>
        (a.postalCode === subject.postalCode ? -1 : b.postalCode === subject.postalCode ? 1 : 0) ||
        a.distanceKm - b.distanceKm,
    )
    .slice(0, limit);
}
