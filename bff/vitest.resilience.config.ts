import { defineConfig } from 'vitest/config';

/**
 * `pnpm test:resilience`: fault injection (a PostgreSQL stopped under load, a BFF killed with
 * SIGKILL, two instances on one database and Redis). Slow and machine-touching, so not part of
 * `pnpm test`. One file at a time: they start servers of their own.
 */
export default defineConfig({
  test: {
    include: ['test/resilience/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
  },
});
