import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Fault injection runs on its own: `pnpm test:resilience` (vitest.resilience.config.ts).
    exclude: [...configDefaults.exclude, 'test/resilience/**', 'test/deploy/**'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Two cores: files run in two forks; each file gets its own database.
    pool: 'forks',
    maxWorkers: 2,
  },
});
