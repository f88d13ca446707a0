import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatSummary, parseCliArgs, UsageError } from './cli-args.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cli-args-'));
  await writeFile(join(dir, 'file.md'), '# x');
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('parseCliArgs', () => {
  it('when given a folder and a base URL, then defaults fill the rest', () => {
    expect(parseCliArgs([dir, '--base-url', 'http://localhost:3000'])).toEqual({
      docsDir: dir,
      baseUrl: 'http://localhost:3000/',
      reset: false,
      batchSize: 64,
    });
  });

  it('when given every option, then each is read', () => {
    expect(
      parseCliArgs(['--reset', '--batch-size', '96', '--base-url=https://b.example/docs/', dir]),
    ).toMatchObject({
      reset: true,
      batchSize: 96,
      baseUrl: 'https://b.example/docs/',
    });
  });

  it('when asked for help, then help wins over missing arguments', () => {
    expect(parseCliArgs(['--help'])).toBe('help');
    expect(parseCliArgs(['-h'])).toBe('help');
  });

  it.each([
    [[], /exactly one <docs-dir>/],
    [['a', 'b', '--base-url', 'http://x'], /exactly one <docs-dir>/],
    [['/definitely/not/here', '--base-url', 'http://x'], /not a directory/],
    [['FILE'], /not a directory/],
    [['DIR'], /--base-url is required/],
    [['DIR', '--base-url', 'not a url'], /not a URL/],
    [['DIR', '--base-url', 'ftp://x/'], /http/],
    [['DIR', '--base-url', 'http://x/?a=1'], /query or fragment/],
    [['DIR', '--base-url', 'http://x', '--batch-size', '0'], /1 to 96/],
    [['DIR', '--base-url', 'http://x', '--batch-size', '97'], /1 to 96/],
    [['DIR', '--base-url', 'http://x', '--batch-size', '2.5'], /1 to 96/],
    [['DIR', '--base-url', 'http://x', '--bogus'], /bogus/],
  ])('when called with %j, then a one-line UsageError says %s', (argv, message) => {
    const args = argv.map((a) => (a === 'DIR' ? dir : a === 'FILE' ? join(dir, 'file.md') : a));
    let error: unknown;
    try {
      parseCliArgs(args);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain('\n');
  });
});

describe('formatSummary', () => {
  it('when pages were skipped, then each is listed by path after the one-line summary', () => {
    const text = formatSummary({
      pages: 2,
      chunks: 10,
      added: 3,
      updated: 1,
      unchanged: 6,
      deleted: 2,
      skipped: [{ path: 'a/b.mdx', reason: 'MDX syntax error: x' }],
      ms: 1530,
    });
    expect(text.split('\n')).toEqual([
      'ingested 2 pages into 10 chunks: 3 added, 1 updated, 6 unchanged, 2 deleted, 1 skipped (1.5 s)',
      '  skipped a/b.mdx: MDX syntax error: x',
    ]);
  });
});
