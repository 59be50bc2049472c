// Measures an authenticated GET /api/me (session cookie → membership → permissions) and the
// server's idle memory. Starts its own server on a fresh embedded database:
//   npm run bench            (PGlite)
//   DATABASE_URL=postgres://… npm run bench
import {
  benchEnv,
  load,
  percentile,
  removeData,
  rssMb,
  signIn,
  startServer,
  stopServer,
} from './bench-server.js';

const env = benchEnv(Number(process.env.BENCH_PORT ?? 5099));
const server = await startServer(env);
try {
  const cookie = await signIn(server.base);
  // Let start-up work (migrations, seed, pg-boss maintenance) settle before measuring idle memory.
  await new Promise((r) => setTimeout(r, 5000));
  const pid = server.process.pid as number;
  const idleRss = rssMb(pid);
  const url = `${server.base}/api/me`;
  await load({ url, headers: { cookie }, connections: 10, duration: 3 }); // warm-up
  const { result, latencies } = await load({ url, headers: { cookie }, connections: 10, duration: 15 });
  console.log(
    JSON.stringify(
      {
        endpoint: 'GET /api/me (authenticated)',
        database: process.env.DATABASE_URL ? 'postgres' : 'pglite',
        connections: 10,
        requests: result.requests.total,
        rps: Math.round(result.requests.average),
        latencyMs: {
          p50: percentile(latencies, 50),
          p95: percentile(latencies, 95),
          p99: percentile(latencies, 99),
          max: percentile(latencies, 100),
        },
        non2xx: result.non2xx,
        idleRssMb: idleRss,
        rssAfterLoadMb: rssMb(pid),
      },
      null,
      2,
    ),
  );
  if (result.non2xx > 0) process.exitCode = 1;
} finally {
  await stopServer(server);
  removeData(env);
}
