/**
 * Offline travel times: great-circle distance times a detour factor, at an average speed. Roads
 * around Lake Constance run along the shore and through villages, so straight lines are short by
 * about a third; the result is an estimate and says so wherever it is shown.
 */
export interface GeoPoint {
  lat: number;
  lon: number;
}

export interface EstimateOptions {
  /** Average door-to-door speed; 45 km/h fits rural Baden-Württemberg with towns in between. */
  speedKmh: number;
  /** Road distance over straight-line distance. */
  detourFactor: number;
}

export const DEFAULT_ESTIMATE: EstimateOptions = { speedKmh: 45, detourFactor: 1.3 };

const EARTH_RADIUS_KM = 6371.0088;
const radians = (degrees: number) => (degrees * Math.PI) / 180;

export function haversineKm(a: GeoPoint, b: GeoPoint): number {
  const dLat = radians(b.lat - a.lat);
  const dLon = radians(b.lon - a.lon);
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(radians(a.lat)) * Math.cos(radians(b.lat)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Minutes from every point to every other, rounded up to whole minutes as a navigation app shows them. */
export function estimateMinutes(
  points: readonly GeoPoint[],
  options: EstimateOptions = DEFAULT_ESTIMATE,
): number[][] {
  return points.map((from) =>
    points.map((to) =>
      from === to ? 0 : Math.ceil(((haversineKm(from, to) * options.detourFactor) / options.speedKmh) * 60),
    ),
  );
}
