const KM_PER_DEGREE = 111.32;

export interface Place {
  latitude: number;
  longitude: number;
}

/** A point in km east (x) and north (y) of a centre: true to scale over the few km a map spans. */
export function kmAround(centre: Place, point: Place): { x: number; y: number } {
  const cos = Math.cos((centre.latitude * Math.PI) / 180);
  return {
    x: (point.longitude - centre.longitude) * KM_PER_DEGREE * cos,
    y: (point.latitude - centre.latitude) * KM_PER_DEGREE,
  };
}

/** A scale-bar length that reads well: 1, 2 or 5 times a power of ten, at most `km`. */
export function roundScaleKm(km: number): number {
  const power = 10 ** Math.floor(Math.log10(km));
  return [5, 2, 1].map((f) => f * power).find((v) => v <= km) ?? power;
}
