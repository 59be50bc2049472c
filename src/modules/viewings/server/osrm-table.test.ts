import { describe, expect, it } from 'vitest';
import { osrmTableMinutes } from './osrm-table.js';

/**
 * Answers shaped as OSRM's API documentation shows them
 * (http://project-osrm.org/docs/v5.24.0/api/#table-service and #responses): durations in seconds,
 * `null` for an unreachable pair, and `{ code, message }` with HTTP 400 for a bad query.
 */
const konstanz = { lat: 47.6603, lon: 9.1758 };
const lindau = { lat: 47.5459, lon: 9.6846 };
const fake = (status: number, body: unknown, seen: string[] = []) =>
  (async (url: string | URL | Request) => {
    seen.push(String(url));
    return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  }) as typeof fetch;

describe('osrmTableMinutes', () => {
  it('asks in lon,lat order for durations and rounds seconds up to minutes', async () => {
    const seen: string[] = [];
    const minutes = await osrmTableMinutes(
      'http://osrm.test/',
      [konstanz, lindau],
      fake(
        200,
        {
          code: 'Ok',
          durations: [
            [0, 2941.3],
            [2890.6, 0],
          ],
          sources: [],
          destinations: [],
        },
        seen,
      ),
    );
    expect(seen[0]).toBe(
      'http://osrm.test/table/v1/driving/9.175800,47.660300;9.684600,47.545900?annotations=duration',
    );
    expect(minutes).toEqual([
      [0, 50],
      [49, 0],
    ]);
  });

  it('names an unreachable pair and passes on OSRM’s error code', async () => {
    await expect(
      osrmTableMinutes(
        'http://osrm.test',
        [konstanz, lindau],
        fake(200, {
          code: 'Ok',
          durations: [
            [0, null],
            [10, 0],
          ],
        }),
      ),
    ).rejects.toThrow('keine Route zwischen Punkt 1 und 2');
    await expect(
      osrmTableMinutes(
        'http://osrm.test',
        [konstanz, lindau],
        fake(400, { code: 'InvalidQuery', message: 'Query string malformed close to position 28' }),
      ),
    ).rejects.toThrow('OSRM 400: InvalidQuery Query string malformed close to position 28');
  });
});
