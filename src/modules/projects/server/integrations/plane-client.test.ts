import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PlaneClient, PlaneError } from './plane-client.js';

/** A Plane stand-in whose first connection is dropped before it answers, as a stale keep-alive is. */
let dropNext = 0;
let seen = 0;
const server = createServer((request, response) => {
  seen++;
  if (dropNext > 0) {
    dropNext--;
    request.socket.destroy();
    return;
  }
  response.setHeader('content-type', 'application/json');
  response.end(JSON.stringify({ results: [], next_cursor: '', next_page_results: false }));
});
let client: PlaneClient;

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  client = new PlaneClient({
    baseUrl: `http://127.0.0.1:${port}`,
    workspaceSlug: 'buero',
    projectId: 'p1',
    apiKey: 'plane_api_test',
  });
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('PlaneClient on a dropped connection', () => {
  it('sends a read once more when the connection was closed under it', async () => {
    dropNext = 1;
    seen = 0;
    await expect(client.states()).resolves.toEqual([]);
    expect(seen).toBe(2);
  });

  it('gives up after the second drop with the reason in words', async () => {
    dropNext = 2;
    seen = 0;
    const failure = await client.states().catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(PlaneError);
    expect((failure as PlaneError).message).toMatch(/^Plane nicht erreichbar: /);
    expect(seen).toBe(2);
  });
});
