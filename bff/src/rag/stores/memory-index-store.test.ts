import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/databases.js';
import { connectPostgres } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { chunkTerms, KeywordIndex, termDataVersion } from '../retrieval/keyword-index.js';
import type { IndexedChunk } from '../types.js';
import { MemoryIndexStore } from './memory-index-store.js';

const DIMS = 8;
const INFO = { embedder: 'test-embedder/8', dimensions: DIMS };
const SLOW = 60_000;

function unit(index: number, tilt = 0): number[] {
  const v = Array.from({ length: DIMS }, (_, i) => (i === index ? 1 : i === (index + 1) % DIMS ? tilt : 0));
  const norm = Math.hypot(...v);
  return v.map((x) => x / norm);
}

function chunk(n: number, vector: number[], hash = `hash-${n}`): IndexedChunk {
  const id = `00000000-0000-5000-8000-${String(n).padStart(12, '0')}`;
  return {
    id,
    vector,
    payload: {
      text: `chunk ${n}`,
      title: 'Page',
      heading_path: ['Page', `Section ${n}`],
      url: `http://localhost:3000/page#section-${n}`,
      source_path: n < 3 ? 'a.md' : 'b.md',
      chunk_index: n,
      content_hash: hash,
    },
  };
}

describe.each(['postgres', 'pglite'] as const)('MemoryIndexStore on %s', (kind) => {
  let test: TestDatabase;
  let store: MemoryIndexStore;

  beforeAll(async () => {
    test = await createTestDatabase(kind);
    store = new MemoryIndexStore(test.db.knex, { pollMs: 0 });
  }, SLOW);

  afterAll(async () => {
    await store.close();
    await test.drop();
  });

  it('when nothing was ingested, then info is null, the manifest empty and search says not ready', async () => {
    expect(await store.info()).toBeNull();
    expect((await store.manifest()).size).toBe(0);
    expect(await store.payloads()).toEqual([]);
    await expect(store.search(unit(0), 3)).rejects.toMatchObject({ code: 'index_not_ready' });
  });

  it('when chunks are upserted, then search ranks them by cosine similarity', async () => {
    await store.ensure(INFO);
    expect(await store.info()).toEqual(INFO);
    await store.upsert([chunk(0, unit(0)), chunk(1, unit(1)), chunk(2, unit(2)), chunk(3, unit(0, 0.5))]);

    const hits = await store.search(unit(0), 2);
    expect(hits.map((h) => h.payload.chunk_index)).toEqual([0, 3]);
    expect(hits[0]!.score).toBeCloseTo(1, 5);
    expect(hits[1]!.score).toBeCloseTo(1 / Math.hypot(1, 0.5), 5);
    expect(hits[0]!.payload).toEqual(chunk(0, unit(0)).payload);
  });

  it('when a chunk is upserted again, then it is replaced in place and the manifest shows the new hash', async () => {
    await store.upsert([chunk(1, unit(5), 'changed')]);
    const manifest = await store.manifest();
    expect(manifest.size).toBe(4);
    expect(manifest.get(chunk(1, []).id)).toEqual({ source_path: 'a.md', content_hash: 'changed' });
    expect((await store.search(unit(5), 1))[0]!.payload.chunk_index).toBe(1);
  });

  it('when ids are deleted, then they leave the manifest, the payloads and the search', async () => {
    await store.deleteByIds([chunk(2, []).id, chunk(3, []).id]);
    expect([...(await store.manifest()).keys()].sort()).toEqual([chunk(0, []).id, chunk(1, []).id]);
    expect((await store.payloads()).map((p) => p.payload.chunk_index)).toEqual([0, 1]);
    expect((await store.search(unit(0), 10)).map((h) => h.payload.chunk_index)).toEqual([0, 1]);
  });

  it('when ensure is called with another embedder, then it refuses unless reset is set', async () => {
    const other = { embedder: 'other/4', dimensions: 4 };
    const error = await store.ensure(other).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('index_embedder_mismatch');
    expect((error as AppError).message).toMatch(/--reset/);
    await store.ensure(INFO); // same embedder: a no-op that keeps the data
    expect((await store.manifest()).size).toBe(2);
  });

  it('when a query vector has the wrong dimensions, then search says to re-ingest', async () => {
    await expect(store.search([1, 0, 0], 1)).rejects.toMatchObject({
      code: 'index_embedder_mismatch',
      message: expect.stringMatching(/re-ingest/i),
    });
  });

  it('when the limit is large, then every requested row comes back, best first', async () => {
    await store.ensure({ embedder: 'many/8', dimensions: DIMS }, { reset: true });
    const many = Array.from({ length: 120 }, (_, n) => chunk(n, unit(n % DIMS, (n + 1) / 200)));
    await store.upsert(many);
    const hits = await store.search(unit(0), 100);
    expect(hits).toHaveLength(100);
    for (let i = 1; i < hits.length; i++) expect(hits[i - 1]!.score).toBeGreaterThanOrEqual(hits[i]!.score);
  });

  it('when an ingest is published elsewhere, then a serving store reloads it by polling the version', async () => {
    const serving = new MemoryIndexStore(test.db.knex, { pollMs: 0 });
    let reloads = 0;
    serving.onReload(() => reloads++);
    expect((await serving.payloads()).length).toBe(120);
    const loadsBefore = reloads;
    // Another process (another pool to the same database, or the same PGlite) writes and publishes.
    await store.deleteByIds([chunk(0, []).id]);
    await store.publish({ settings: 's', files: [], removed: [] });
    expect((await serving.payloads()).length).toBe(120); // not polled yet: the old index still serves
    await serving.ping();
    expect((await serving.payloads()).length).toBe(119);
    expect(reloads).toBe(loadsBefore + 1);
    await serving.close();
  });

  it('when a new store opens the database, then the data and the file manifest are still there', async () => {
    await store.publish({
      settings: 'base',
      files: [{ source_path: 'a.md', size: 10, mtime_ms: 1234.5, sha256: 'ab' }],
      removed: [],
    });
    const reopened = new MemoryIndexStore(test.db.knex, { pollMs: 0 });
    expect(await reopened.info()).toEqual({ embedder: 'many/8', dimensions: DIMS });
    expect((await reopened.manifest()).size).toBe(119);
    const sources = await reopened.sources();
    expect(sources.settings).toBe('base');
    expect([...sources.files.values()]).toEqual([
      { source_path: 'a.md', size: 10, mtime_ms: 1234.5, sha256: 'ab' },
    ]);
    await reopened.close();
  });

  it('when chunks are stored, then their term data comes back as chunkTerms computes it, and a keyword index built from it equals a rebuild', async () => {
    const payloads = await store.payloads();
    expect(payloads).toHaveLength(119);
    for (const p of payloads) expect(p.terms).toEqual(chunkTerms(p.payload));
    const fromStored = new KeywordIndex(payloads);
    const rebuilt = new KeywordIndex(payloads.map(({ id, payload }) => ({ id, payload })));
    for (const q of ['chunk 7', 'Section 12 page', 'page', 'nothing here']) {
      expect(fromStored.search(q, 50)).toEqual(rebuilt.search(q, 50));
    }
    expect(fromStored.search('chunk 7', 5)[0]?.id).toBe(chunk(7, []).id);
  });

  it('when stored term data is of another term code, then it is not served, and the next publish rewrites it', async () => {
    const stale = JSON.stringify({ ...chunkTerms(chunk(0, []).payload), version: '0:old' });
    await test.db.knex('rag_chunks').update({ terms: stale, terms_version: '0:old' });
    await test.db
      .knex('rag_chunks')
      .where({ id: chunk(5, []).id })
      .update({ terms: null, terms_version: null });
    expect((await store.payloads()).filter((p) => p.terms)).toEqual([]);
    await store.publish({ settings: 'base', files: [], removed: [] });
    const versions = await test.db.knex('rag_chunks').distinct('terms_version').pluck('terms_version');
    expect(versions).toEqual([termDataVersion()]);
    for (const p of await store.payloads()) expect(p.terms).toEqual(chunkTerms(p.payload));
  });

  it('when a chunk changed after this process loaded the index, then its newer term data is not given with the older payload', async () => {
    const serving = new MemoryIndexStore(test.db.knex, { pollMs: 0 });
    const before = await serving.payloads();
    const changed = {
      ...chunk(9, unit(1), 'changed-9'),
      payload: { ...chunk(9, []).payload, text: 'other words', content_hash: 'changed-9' },
    };
    await store.upsert([changed]); // written, not yet seen by `serving`
    const held = (await serving.payloads()).find((p) => p.id === changed.id)!;
    expect(held.payload).toEqual(before.find((p) => p.id === changed.id)!.payload);
    expect(held.terms).toBeUndefined();
    await serving.close();
  });
});

describe('MemoryIndexStore on two BFF instances sharing one PostgreSQL', () => {
  let test: TestDatabase;

  beforeAll(async () => {
    test = await createTestDatabase('postgres');
  }, SLOW);
  afterAll(() => test.drop());

  it('when one instance ingests, then the other serves the new index within its poll interval', async () => {
    const other = connectPostgres(test.url!);
    const writer = new MemoryIndexStore(test.db.knex, { pollMs: 0 });
    const reader = new MemoryIndexStore(other, { pollMs: 50 });
    try {
      await writer.ensure(INFO);
      await writer.upsert([chunk(0, unit(0))]);
      await writer.publish({ settings: '', files: [], removed: [] });
      expect((await reader.search(unit(0), 5)).length).toBe(1);
      await writer.upsert([chunk(1, unit(0, 0.2))]);
      await writer.publish({ settings: '', files: [], removed: [] });
      await expect.poll(async () => (await reader.search(unit(0), 5)).length, { timeout: 5_000 }).toBe(2);
    } finally {
      await reader.close();
      await writer.close();
      await other.destroy();
    }
  });
});
