import { defineConfig } from 'vitest/config';

/**
 * `pnpm test:deploy`: the production layout (deploy/assemble.sh, as in bff/Dockerfile) started with
 * plain node, real nginx from deploy/nginx.conf in front of one or two instances, and README's
 * `pnpm demo` with the sample book's own site. Global setup
 * assembles the layout once and makes a TLS certificate; one file at a time (they start servers).
 */
export default defineConfig({
  test: {
    include: ['test/deploy/**/*.test.ts'],
    globalSetup: ['test/deploy/support/global-setup.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 240_000,
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
  },
});
