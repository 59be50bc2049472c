// What an office API key costs per request against a signed-in session, on the same list
// (GET /api/crm/properties, 25 per page): the key is checked in the database on every request
// (so a revocation holds at once), the session by its signed cookie cache. Own server, fresh
// embedded database:
//   npm run bench:api-keys            (PGlite)
//   DATABASE_URL=postgres://… npm run bench:api-keys
import { benchEnv, load, percentile, removeData, signIn, startServer, stopServer } from './bench-server.js';

const env = benchEnv(Number(process.env.BENCH_PORT ?? 5098));
const server = await startServer(env);
try {
  const cookie = await signIn(server.base);
  const issued = await fetch(`${server.base}/api/admin/api-keys`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Benchmark', scopes: ['crm.properties.read'] }),
  });
  if (issued.status !== 201)
    throw new Error(`issuing the key failed: ${issued.status} ${await issued.text()}`);
  const { token } = (await issued.json()) as { token: string };
  const url = `${server.base}/api/crm/properties?pageSize=25`;
  const measure = async (headers: Record<string, string>) => {
    await load({ url, headers, connections: 10, duration: 3 }); // warm-up
    const { result, latencies } = await load({ url, headers, connections: 10, duration: 10 });
    if (result.non2xx > 0) process.exitCode = 1;
    return {
      rps: Math.round(result.requests.average),
      p95: percentile(latencies, 95),
      non2xx: result.non2xx,
    };
  };
  const session = await measure({ cookie });
  const key = await measure({ authorization: `Bearer ${token}` });
  console.log(
    JSON.stringify(
      {
        endpoint: 'GET /api/crm/properties?pageSize=25',
        database: process.env.DATABASE_URL ? 'postgres' : 'pglite',
        connections: 10,
        session,
        apiKey: key,
        keyToSessionRps: Number((key.rps / session.rps).toFixed(2)),
      },
      null,
      2,
    ),
  );
} finally {
  await stopServer(server);
  removeData(env);
}
