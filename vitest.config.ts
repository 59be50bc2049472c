import { defineConfig } from 'vitest/config';

/**
 * Two tiers: `unit` (pure, fast) and `integration` (HTTP through app.inject on a fresh
 * database cloned from a migrated template; PGlite by default, PostgreSQL with DATABASE_URL).
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts'],
          exclude: ['src/**/*.int.test.ts', 'src/**/*.cluster.test.ts'],
          environment: 'node',
          sequence: { groupOrder: 0 },
        },
      },
      {
        test: {
          name: 'integration',
          include: ['src/**/*.int.test.ts'],
          environment: 'node',
          globalSetup: ['src/platform/testing/global-setup.ts'],
          sequence: { groupOrder: 1 },
          pool: 'forks',
          maxWorkers: 2,
          // Generous: the CI machine that decides has run these at a quarter of a workstation's speed.
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
