import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lockDirectory } from '../../platform/db/data-dir-lock.js';

const here = dirname(fileURLToPath(import.meta.url));
const TSX = resolve(here, '../../../../node_modules/.bin/tsx');
const CLI = join(here, 'cli.ts');

let work: string;

/** Runs the CLI in a clean environment (no .env, no cloud variables) with DATA_DIR inside work. */
function runCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    DATA_DIR: join(work, 'data'),
    NODE_ENV: 'test',
  };
  return new Promise((done) => {
    execFile(TSX, [CLI, ...args], { cwd: work, env, timeout: 120_000 }, (error, stdout, stderr) => {
      done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'ingest-cli-'));
  await writeFile(join(work, 'page.md'), '# Page\n\nText.');
});
afterAll(() => rm(work, { recursive: true, force: true }));

describe('ingest CLI', () => {
  it('when an argument is wrong, then it prints one line and exits 2', async () => {
    const { code, stderr } = await runCli([work, '--base-url', 'nope']);
    expect(code).toBe(2);
    expect(stderr.trim()).toBe('ingest: --base-url nope is not a URL (see --help)');
  }, 120_000);

  it('when the embedded database is locked by another process (a running BFF), then it exits 1 saying so', async () => {
    const unlock = await lockDirectory(join(work, 'data', 'db'), 'test holder');
    try {
      const { code, stderr } = await runCli([work, '--base-url', 'http://localhost:3000/']);
      expect(code).toBe(1);
      expect(stderr).toMatch(/^ingest: .*in use by another process/);
      expect(stderr.trim().split('\n')).toHaveLength(1);
    } finally {
      await unlock();
    }
  }, 120_000);
});
