import { cp, mkdtemp, readdir, readFile, rm, writeFile, chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FullConfig } from '@playwright/test';
import { makeTestCertificate } from '../../bff/test/deploy/support/nginx.js';
import { startTopology } from '../../bff/test/deploy/support/topology.js';
import { docusaurusBuild, docusaurusBuildMissing } from '../support/docusaurus-server.js';
import { repoDir } from '../support/paths.js';
import { publishProxyEnv } from './proxy-env.js';

/**
 * nginx (deploy/nginx.conf, rendered by deploy/render-nginx.mjs) on https://localhost:<free port>
 * serving a copy of examples/docusaurus/build whose script tags name that origin as the API base,
 * and proxying /api/ and /widget/ to two `node bff/dist/main.js` instances (round robin) on a fresh
 * PostgreSQL database and a Redis key prefix of their own, with the sample book ingested.
 * `pnpm test:proxy` builds the BFF, the widget and the example site first.
 */
export default async function globalSetup(_config: FullConfig): Promise<() => Promise<void>> {
  const missing = docusaurusBuildMissing();
  if (missing) throw new Error(missing);
  const work = await mkdtemp(join(tmpdir(), 'ta-e2e-proxy-'));
  await chmod(work, 0o755); // nginx's workers (nobody, when run as root) read the site under it
  const tls = await makeTestCertificate(work);
  const topology = await startTopology({
    appDir: join(repoDir, 'bff'),
    instances: 2,
    tls,
    site: async (origin) => {
      const site = join(work, 'site');
      await cp(docusaurusBuild, site, { recursive: true });
      await pointPagesAt(site, origin);
      return site;
    },
  }).catch(async (err: unknown) => {
    await rm(work, { recursive: true, force: true });
    throw err;
  });
  publishProxyEnv({
    origin: topology.origin,
    accessLog: topology.nginx.accessLogFile,
    instances: topology.instances.map((i) => i.address),
  });
  return async () => {
    await topology.stop();
    await rm(work, { recursive: true, force: true });
  };
}

/** Every page's `data-api-base` becomes the site's own origin: the same-site set-up. */
async function pointPagesAt(dir: string, origin: string): Promise<void> {
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.html')) continue;
    const file = join(entry.parentPath, entry.name);
    const html = await readFile(file, 'utf8');
    await writeFile(file, html.replace(/data-api-base=("[^"]*"|[^\s>]+)/g, `data-api-base="${origin}"`));
  }
}
