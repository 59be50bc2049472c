// Requests per second with two API processes against one, on one PostgreSQL, Redis and S3 server
// (the scale-out topology of issue 27), same total concurrency in both runs:
//   .ci/s3-rgw.sh start
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test REDIS_URL=redis://127.0.0.1:6379 \
//   S3_TEST_ENDPOINT=http://127.0.0.1:7480 npm run bench:scale-out
// On a 2-core machine the load generator, PostgreSQL and both APIs share the cores, so the ratio
// says how much of a second core a second API turns into throughput, not the ceiling on more.
import { CLUSTER_OWNER, signInOn, startCluster } from '../src/server/cluster/cluster.js';
import { load, percentile } from './bench-server.js';
import { CRM_SCENARIOS } from './crm-seed.js';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const path = CRM_SCENARIOS[0]!.path;

const cluster = await startCluster({ apis: 2, workers: 1, basePort: 5400 });
try {
  const bases = cluster.apis.map((api) => api.base);
  const cookie = await signInOn(bases[0]!);
  // Session cache cookies per API, as a browser behind a load balancer would end up with.
  const run = async (targets: string[]) => {
    await Promise.all(
      targets.map((base) =>
        load({ url: `${base}${path}`, headers: { cookie }, connections: 4, duration: 2 }),
      ),
    );
    const results = await Promise.all(
      targets.map((base) =>
        load({
          url: `${base}${path}`,
          headers: { cookie },
          connections: CONNECTIONS / targets.length,
          duration: SECONDS,
        }),
      ),
    );
    const latencies = results.flatMap((r) => r.latencies).sort((a, b) => a - b);
    return {
      rps: Math.round(results.reduce((sum, r) => sum + r.result.requests.average, 0)),
      p95: percentile(latencies, 95),
      non2xx: results.reduce((sum, r) => sum + r.result.non2xx, 0),
    };
  };
  const one = await run([bases[0]!]);
  const two = await run(bases);
  console.log(
    JSON.stringify(
      {
        scenario: `${CRM_SCENARIOS[0]!.name} as ${CLUSTER_OWNER}, ${CONNECTIONS} connections, ${SECONDS} s`,
        oneApi: one,
        twoApis: two,
        ratio: Math.round((two.rps / Math.max(1, one.rps)) * 100) / 100,
      },
      null,
      2,
    ),
  );
  if (one.non2xx + two.non2xx > 0) process.exitCode = 1;
} finally {
  await cluster.stop();
}
