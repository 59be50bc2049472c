import { defineConfig } from 'vitest/config';

/**
 * The scale-out test (issue 27): starts API and worker processes against PostgreSQL, Redis and
 * an S3 server, so it is not part of `npm test`. `npm run test:cluster` with DATABASE_URL,
 * REDIS_URL and S3_TEST_ENDPOINT set (.ci/run starts Ceph's RADOS Gateway for it).
 */
export default defineConfig({
  test: {
    include: ['src/**/*.cluster.test.ts'],
    environment: 'node',
    testTimeout: 600_000,
    hookTimeout: 300_000,
    fileParallelism: false,
  },
});
