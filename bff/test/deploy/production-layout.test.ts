import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ApiClient, aSignup } from '../support/client.js';
import { REPO_ROOT } from '../support/run-command.js';
import { freePort } from '../resilience/support/own-postgres.js';
import { fromLayout, startBffProcess, type BffProcess } from '../resilience/support/bff-process.js';

const run = promisify(execFile);

// What bff/Dockerfile runs, without Docker: the layout from deploy/assemble.sh (pnpm deploy --prod,
// the compiled BFF, the widget build), started with plain `node dist/main.js` as the image does.
describe('the production layout, started with node', () => {
  const layout = inject('layoutDir');
  let dataDir: string;
  let bff: BffProcess;
  const env = () => ({
    NODE_ENV: 'production',
    PUBLIC_APP_URL: 'https://book.example.org',
    BETTER_AUTH_SECRET: 'a-production-secret-of-at-least-32-bytes!',
    DATA_DIR: dataDir,
    BCRYPT_COST: '10',
  });

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'ta-layout-data-'));
    // The compiled ingest CLI, as an operator runs it in the container before the first start.
    await run(
      process.execPath,
      ['dist/ingest.js', join(REPO_ROOT, 'examples/textbook'), '--base-url', 'https://book.example.org/'],
      { cwd: layout, env: { ...process.env, ...env() } },
    );
    bff = await startBffProcess(await freePort(), env(), fromLayout(layout));
  });
  afterAll(async () => {
    if (bff && bff.child.exitCode === null) bff.child.kill('SIGKILL');
    await rm(dataDir, { recursive: true, force: true });
  });

  it('when the layout is listed, then it holds runtime packages only, the compiled migrations and the widget', () => {
    const packages = readdirSync(join(layout, 'node_modules'));
    for (const devTool of ['tsx', 'esbuild', 'vitest', 'typescript', 'pino-pretty']) {
      expect(packages).not.toContain(devTool);
    }
    expect(readdirSync(join(layout, 'dist/migrations')).filter((f) => f.endsWith('.js')).length).toBe(
      readdirSync(join(REPO_ROOT, 'migrations')).filter((f) => f.endsWith('.ts')).length,
    );
    expect(existsSync(join(layout, 'dist/widget/textbook-assistant.iife.js'))).toBe(true);
    expect(existsSync(join(layout, 'dist/dashboard/index.html'))).toBe(true);
    expect(existsSync(join(layout, 'src'))).toBe(false);
  });

  it('when a reader signs up, asks and loads the widget, then each works, and SIGTERM stops it with exit code 0', async () => {
    const reader = new ApiClient(bff.baseUrl);
    expect((await reader.get('/readyz')).status).toBe(200);
    expect((await reader.post('/api/v1/auth/signup', aSignup())).status).toBe(201);
    const answer = await reader.post<{ answer: string; citations: unknown[] }>('/api/v1/query', {
      query: 'What does a ROS 2 node do?',
    });
    expect(answer.status).toBe(200);
    expect(answer.body.answer.length).toBeGreaterThan(20);
    expect(answer.body.citations.length).toBeGreaterThan(0);
    const widget = await fetch(`${bff.baseUrl}/widget/textbook-assistant.iife.js`);
    expect(widget.status).toBe(200);
    expect(widget.headers.get('content-type')).toMatch(/javascript/);
    expect((await widget.text()).length).toBeGreaterThan(10_000);

    bff.child.kill('SIGTERM');
    expect(await bff.exited).toBe(0);
    expect(bff.output()).toContain('shutting down');
  });
});
