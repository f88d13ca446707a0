import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { QueryAnswer } from '@textbook-assistant/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/client.js';
import { readFirstChunkAndClose } from '../support/raw-http.js';
import { REPO_ROOT } from '../support/run-command.js';
import { freePort } from '../resilience/support/own-postgres.js';

// README's first command, `pnpm demo`, as a newcomer runs it: one process that builds what it needs,
// ingests the sample book, and serves the BFF (embedded default), the demo page and the book's own
// site, where the answers' citations link. Nothing else is started for it.
describe('pnpm demo', () => {
  let demo: ChildProcess;
  let output = '';
  let dataDir: string;
  let ports: { bff: number; page: number; book: number };
  const bff = () => `http://localhost:${ports.bff}`;
  const page = () => `http://localhost:${ports.page}`;
  const book = () => `http://localhost:${ports.book}`;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'ta-demo-data-'));
    ports = { bff: await freePort(), page: await freePort(), book: await freePort() };
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PORT: String(ports.bff),
      DEMO_PORT: String(ports.page),
      DEMO_BOOK_PORT: String(ports.book),
      DATA_DIR: dataDir,
    };
    for (const name of [
      'DATABASE_URL',
      'COHERE_API_KEY',
      'QDRANT_URL',
      'REDIS_URL',
      'DEMO_BOOK_URL',
      'NODE_ENV',
    ])
      delete env[name];
    // Its own process group, so that nothing it started outlives the test.
    demo = spawn('pnpm', ['demo'], {
      cwd: REPO_ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    demo.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    demo.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await new Promise<void>((ready, fail) => {
      const poll = setInterval(() => {
        if (output.includes('Demo: open')) done(ready);
      }, 100);
      const done = (then: () => void) => {
        clearInterval(poll);
        demo.off('exit', exited);
        then();
      };
      const exited = (code: number | null) =>
        done(() => fail(new Error(`pnpm demo exited (${code}) before it was ready:\n${output}`)));
      demo.once('exit', exited);
    });
  });
  afterAll(async () => {
    if (demo?.pid && groupAlive(demo.pid)) process.kill(-demo.pid, 'SIGKILL');
    await rm(dataDir, { recursive: true, force: true });
  });

  it('when it is ready, then it prints the three addresses, and the demo page carries the widget pointed at the BFF', async () => {
    expect(output).toContain(`BFF:  ${bff()}`);
    expect(output).toContain(`Book: ${book()}/`);
    expect(output).toContain(`Demo: open ${page()}/`);
    const html = await (await fetch(`${page()}/`)).text();
    expect(html).toContain(`data-api-base="${bff()}"`);
    const script = await fetch(`${page()}/widget/textbook-assistant.iife.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toMatch(/javascript/);
    expect((await fetch(`${bff()}/readyz`)).status).toBe(200);
  });

  it('when a reader on the demo page asks, then the answer cites pages of the book site that open, and the book site answers unknown pages with its 404 page', async () => {
    const reader = new ApiClient(bff(), page());
    const res = await reader.post<QueryAnswer>('/api/v1/query', { query: 'How does a PID controller work?' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const body = res.body;
    expect(body.answered).toBe(true);
    expect(body.answer).toMatch(/PID/);
    expect(body.citations.length).toBeGreaterThan(0);
    for (const source of body.citations) {
      expect(source.url.startsWith(`${book()}/`)).toBe(true);
      const cited = await fetch(source.url);
      expect(cited.status, source.url).toBe(200);
      // The book's page carries the widget too, pointed at this BFF.
      expect(await cited.text()).toContain('textbook-assistant');
    }
    const missing = await fetch(`${book()}/no-such-page`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toMatch(/html/);
  });

  it('when readers close the connection as soon as a page or file arrives (curl does, and so does a closed tab), then nothing is printed: no error, no stack trace', async () => {
    const before = output.length;
    const urls = [
      `${book()}/`,
      `${book()}/index.html`,
      `${page()}/`,
      `${page()}/widget/textbook-assistant.iife.js`,
      `${bff()}/widget/textbook-assistant.iife.js`,
    ];
    // Several rounds: whether the response's pipeline sees the socket close first is a race.
    for (let round = 0; round < 5; round++) for (const url of urls) await readFirstChunkAndClose(url);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(output.slice(before)).toBe('');
  });

  it('when it is stopped (Ctrl-C), then every process it started ends and its ports close', async () => {
    const exited = new Promise<void>((resolve) => demo.once('exit', () => resolve()));
    process.kill(-demo.pid!, 'SIGINT'); // what Ctrl-C sends: the whole foreground group
    await exited;
    await expect.poll(() => groupAlive(demo.pid!), { timeout: 10_000 }).toBe(false);
    for (const url of [bff(), page(), book()]) await expect(fetch(url)).rejects.toThrow();
  });
});

/** Whether any process of the group `pgid` is still running. */
function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}
