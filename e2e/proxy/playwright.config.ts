import { defineConfig } from '@playwright/test';
import base from '../playwright.config.js';

/**
 * `pnpm test:proxy`: the journey through real nginx (deploy/nginx.conf) in front of two compiled
 * BFFs on PostgreSQL and Redis, serving the Docusaurus example's build on the same https origin.
 * Its own config: its global setup starts that topology, not the one the other journeys share.
 */
export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  outputDir: '../test-results/proxy',
  forbidOnly: base.forbidOnly,
  retries: base.retries,
  workers: 1,
  globalSetup: './global-setup.ts',
  reporter: base.reporter,
  timeout: 120_000,
  expect: { timeout: 15_000 },
  // The browser as in the other suites; nginx's certificate is a throwaway self-signed one.
  use: { ...base.use, ignoreHTTPSErrors: true },
});
