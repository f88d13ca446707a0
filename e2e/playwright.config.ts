import { defineConfig, devices } from '@playwright/test';
import { CHROMIUM } from './support/chromium.js';

const CI = !!process.env.CI;

export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  outputDir: 'test-results',
  fullyParallel: true,
  forbidOnly: CI,
  retries: CI ? 2 : 0,
  // Two cores, shared with other work and with the real BFF's ingest: never more than two workers.
  workers: Number(process.env.E2E_WORKERS ?? 2),
  // Starts the real BFF (in the background), the journeys' host pages and the Docusaurus example.
  globalSetup: './global-setup.ts',
  reporter: CI ? [['list'], ['html', { open: 'never' }]] : 'list',
  use: {
    ...devices['Desktop Chrome'],
    trace: CI ? 'on-first-retry' : 'off',
    launchOptions: CHROMIUM,
  },
  projects: [
    // Listed first so they run while the real BFF ingests the sample book.
    // 60 s: axe runs compete for the two cores with that ingest.
    { name: 'widget', testDir: './widget', timeout: 60_000 },
    // Against the real BFF: slower steps (bcrypt, retrieval, a loaded machine), so more time.
    { name: 'journeys', testDir: './journeys', timeout: 120_000, expect: { timeout: 15_000 } },
  ],
});
