import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FullConfig } from '@playwright/test';
import { startDocusaurusServer } from './support/docusaurus-server.js';
import { demoDir, pagesDir, widgetDist } from './support/paths.js';
import { freePort, publishJourneyEnv, startRealBff } from './support/real-bff.js';
import { startStaticServer } from './support/static-server.js';

/**
 * Starts what the journeys (e2e/journeys) share: one real BFF with a fresh DATA_DIR, the test pages
 * and the Docusaurus example, each on a free localhost port listed in the BFF's CORS_ORIGINS.
 * The BFF ingests the sample book in the background while the mocked component specs run.
 * E2E_REAL_BFF=0 skips all of it (the journeys then fail fast, saying so).
 */
export default async function globalSetup(_config: FullConfig): Promise<() => Promise<void>> {
  if (process.env.E2E_REAL_BFF === '0') return async () => {};
  const [bffPort, demoPort, pagesPort, docusaurusPort, scriptOnlyPort] = await Promise.all([
    freePort(),
    freePort(),
    freePort(),
    freePort(),
    freePort(),
  ]);
  const origin = (port: number) => `http://localhost:${port}`;
  const pages = await startStaticServer(
    { '/widget/': widgetDist, '/demo/': demoDir, '/': pagesDir },
    pagesPort,
  );
  // A host that copied only the one script file: the IIFE and a page, nothing else beside them.
  const scriptOnlyDir = await mkdtemp(join(tmpdir(), 'ta-e2e-script-only-'));
  await copyFile(
    join(widgetDist, 'textbook-assistant.iife.js'),
    join(scriptOnlyDir, 'textbook-assistant.iife.js'),
  );
  await copyFile(join(pagesDir, 'script-only.html'), join(scriptOnlyDir, 'index.html'));
  const scriptOnly = await startStaticServer({ '/': scriptOnlyDir }, scriptOnlyPort);
  const bff = await startRealBff({
    port: bffPort,
    demoPort,
    bookUrl: `${origin(docusaurusPort)}/`,
    corsOrigins: [origin(pagesPort), origin(docusaurusPort), origin(demoPort), origin(scriptOnlyPort)],
  });
  const docusaurus = await startDocusaurusServer(docusaurusPort, bff.url);
  publishJourneyEnv({
    bffUrl: bff.url,
    pagesUrl: origin(pagesPort),
    docusaurusUrl: origin(docusaurusPort),
    demoUrl: origin(demoPort),
    scriptOnlyUrl: origin(scriptOnlyPort),
    logFile: bff.logFile,
  });
  return async () => {
    await Promise.all([bff.stop(), pages.close(), docusaurus.close(), scriptOnly.close()]);
    await rm(scriptOnlyDir, { recursive: true, force: true });
  };
}
