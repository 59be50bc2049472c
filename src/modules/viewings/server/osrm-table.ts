import type { GeoPoint } from '../domain/travel-estimate.js';

/**
 * Travel times from OSRM's Table service (http://project-osrm.org/docs/v5.24.0/api/#table-service):
 * `GET /table/v1/driving/{lon},{lat};…?annotations=duration` answers `{ code: "Ok", durations }`
 * in seconds, `null` where no route exists. Returns whole minutes, rounded up.
 */
export async function osrmTableMinutes(
  baseUrl: string,
  points: readonly GeoPoint[],
  fetchImpl: typeof fetch = fetch,
): Promise<number[][]> {
  const coordinates = points.map((p) => `${p.lon.toFixed(6)},${p.lat.toFixed(6)}`).join(';');
  const url = `${baseUrl.replace(/\/$/, '')}/table/v1/driving/${coordinates}?annotations=duration`;
  const response = await fetchImpl(url, { signal: AbortSignal.timeout(10_000) });
  const body = (await response.json().catch(() => null)) as {
    code?: string;
    message?: string;
    durations?: (number | null)[][];
  } | null;
  if (!response.ok || body?.code !== 'Ok' || !body.durations)
    throw new Error(
      `OSRM ${response.status}: ${body?.code ?? 'keine Antwort'} ${body?.message ?? ''}`.trim(),
    );
  return body.durations.map((row, i) =>
    row.map((seconds, j) => {
      if (i === j) return 0;
      if (seconds === null) throw new Error(`OSRM: keine Route zwischen Punkt ${i + 1} und ${j + 1}`);
      return Math.ceil(seconds / 60);
    }),
  );
}
