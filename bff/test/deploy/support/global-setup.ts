import { execFile } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { TestProject } from 'vitest/node';
import { REPO_ROOT } from '../../support/run-command.js';
import { makeTestCertificate } from './nginx.js';

const run = promisify(execFile);

declare module 'vitest' {
  export interface ProvidedContext {
    /** The production layout: package.json, node_modules (prod only) and dist, from deploy/assemble.sh. */
    layoutDir: string;
    /** A self-signed certificate for localhost and 127.0.0.1 (also in NODE_EXTRA_CA_CERTS). */
    tls: { cert: string; key: string };
  }
}

/** Assembles the layout the image runs, once for every deploy test; makes nginx's certificate. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const root = await mkdtemp(join(tmpdir(), 'ta-deploy-'));
  await chmod(root, 0o755); // nginx's workers (nobody, when run as root) read files under it
  const layoutDir = join(root, 'app');
  await run('sh', [join(REPO_ROOT, 'deploy/assemble.sh'), layoutDir], {
    cwd: REPO_ROOT,
    maxBuffer: 64 * 1024 * 1024,
  });
  const tls = await makeTestCertificate(root);
  // The test workers start after this, so their fetch trusts nginx's certificate.
  process.env.NODE_EXTRA_CA_CERTS = tls.cert;
  project.provide('layoutDir', layoutDir);
  project.provide('tls', tls);
  return async () => {
    await rm(root, { recursive: true, force: true });
  };
}
