import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/databases.js';
import { LocalEmbedder } from '../local/local-embedder.js';
import { MemoryIndexStore } from '../stores/memory-index-store.js';
import { ingestDocs, listDocFiles } from './ingest.js';
import type { PageJob } from './page-chunks.js';
import { chunkSources, MIN_POOL_BYTES, parseThreads } from './parse-pool.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const CORPUS = resolve(repoRoot, '../shared/corpus/physical-ai-textbook/docs');
const SAMPLE_BOOK = resolve(repoRoot, 'examples/textbook');
// The corpus when ../shared is there, else the sample book in the repository.
const BOOK = existsSync(CORPUS) ? CORPUS : SAMPLE_BOOK;
const BASE = 'https://book.example.org/docs/';
const SLOW = 120_000;

const job = (source: string, file = 'page.md'): PageJob => ({
  source,
  file,
  sourcePath: file,
  baseUrl: BASE,
});

async function bookJobs(dir: string): Promise<PageJob[]> {
  const files = await listDocFiles(dir);
  return Promise.all(
    files.map(async (file) => ({
      source: await readFile(file, 'utf8'),
      file,
      sourcePath: relative(dir, file),
      baseUrl: BASE,
    })),
  );
}

describe('parseThreads', () => {
  it('when the changed pages are fewer bytes than a pool pays for, then they are parsed in this thread', () => {
    expect(parseThreads([job('x'.repeat(MIN_POOL_BYTES / 2)), job('y'.repeat(MIN_POOL_BYTES / 4))])).toBe(0);
  });

  it('when they are more, then one thread per core, at most one per page (none on one core)', () => {
    const jobs = [job('x'.repeat(MIN_POOL_BYTES)), job('y')];
    const cores = availableParallelism();
    expect(parseThreads(jobs)).toBe(cores < 2 ? 0 : 2);
    expect(parseThreads([...jobs, job('z'), job('w'), job('v')])).toBe(cores < 2 ? 0 : Math.min(cores, 5));
  });

  it('when one big page changed, then it is parsed in this thread: one thread has nothing to share', () => {
    expect(parseThreads([job('x'.repeat(MIN_POOL_BYTES * 4))])).toBe(0);
  });

  it('when a number of workers is asked for, then that many, at most one per page; 0 is in-process', () => {
    const jobs = [job('a'), job('b'), job('c')];
    expect(parseThreads(jobs, 2)).toBe(2);
    expect(parseThreads(jobs, 8)).toBe(3);
    expect(parseThreads(jobs, 0)).toBe(0);
    expect(parseThreads([], 2)).toBe(0);
  });
});

describe('chunkSources', () => {
  it(
    'when a book is parsed in worker threads, then every page gives the same chunks, in the same order, as in-process',
    async () => {
      const jobs = await bookJobs(BOOK);
      const inProcess = await chunkSources(jobs, { workers: 0 });
      let pages = 0;
      const pooled = await chunkSources(jobs, { workers: 2, onPage: () => pages++ });
      expect(pooled).toEqual(inProcess);
      expect(pages).toBe(jobs.length);
      expect(inProcess.every((o) => o.ok && o.chunks.length > 0)).toBe(true);
    },
    SLOW,
  );

  it(
    'when a page cannot be parsed in a worker, then it comes back with the reason an in-process parse gives',
    async () => {
      const jobs = [job('# Fine\n\nText.'), job('# Broken\n\n<div>\n\nunclosed {', 'broken.mdx')];
      const inProcess = await chunkSources(jobs, { workers: 0 });
      expect(inProcess[1]).toMatchObject({ ok: false, reason: expect.stringMatching(/^MDX syntax error/) });
      expect(await chunkSources(jobs, { workers: 2 })).toEqual(inProcess);
    },
    SLOW,
  );
});

/** Every row of the index tables, as the database holds them (vectors as their bytes). */
async function dumpIndex(test: TestDatabase) {
  const { rows: chunks } = await test.db.knex.raw(
    `SELECT id, source_path, chunk_index, content_hash, payload::text AS payload, encode(vector, 'hex') AS vector,
            terms::text AS terms, terms_version FROM rag_chunks ORDER BY id`,
  );
  const { rows: sources } = await test.db.knex.raw(
    'SELECT source_path, size, sha256 FROM rag_sources ORDER BY source_path',
  );
  return { chunks, sources };
}

describe('ingestDocs with parse workers (postgres)', () => {
  const dbs: TestDatabase[] = [];
  beforeAll(async () => {
    dbs.push(await createTestDatabase('postgres'), await createTestDatabase('postgres'));
  }, SLOW);
  afterAll(async () => {
    await Promise.all(dbs.map((d) => d.drop()));
  });

  it(
    'when a book is ingested with workers, then every index row is byte-identical to an in-process ingest',
    async () => {
      const dumps = [];
      for (const [i, parseWorkers] of [0, 2].entries()) {
        const store = new MemoryIndexStore(dbs[i]!.db.knex, { pollMs: 0 });
        try {
          const summary = await ingestDocs({
            docsDir: BOOK,
            baseUrl: BASE,
            embedder: new LocalEmbedder(),
            store,
            parseWorkers,
          });
          expect(summary.skipped).toEqual([]);
        } finally {
          await store.close();
        }
        dumps.push(await dumpIndex(dbs[i]!));
      }
      expect(dumps[0]!.chunks.length).toBeGreaterThan(0);
      expect(dumps[1]).toEqual(dumps[0]);
    },
    SLOW,
  );
});
