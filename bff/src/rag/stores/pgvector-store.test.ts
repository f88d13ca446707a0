import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DirectoryLockedError } from '../../platform/db/data-dir-lock.js';
import { AppError } from '../../platform/errors.js';
import type { IndexedChunk } from '../types.js';
import { PgvectorStore } from './pgvector-store.js';

const DIMS = 8;
const INFO = { embedder: 'test-embedder/8', dimensions: DIMS };

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

describe('PgvectorStore', () => {
  let dataDir: string;
  let store: PgvectorStore;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'pgvector-store-'));
    store = new PgvectorStore({ dataDir });
  });

  afterAll(async () => {
    await store.close();
    await rm(dataDir, { recursive: true, force: true });
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

  it('when ids are deleted, then they leave the manifest and payloads', async () => {
    await store.deleteByIds([chunk(2, []).id, chunk(3, []).id]);
    expect([...(await store.manifest()).keys()].sort()).toEqual([chunk(0, []).id, chunk(1, []).id]);
    expect((await store.payloads()).map((p) => p.payload.chunk_index)).toEqual([0, 1]);
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

  it('when the limit exceeds the HNSW default candidate list, then all requested rows still come back', async () => {
    await store.ensure({ embedder: 'many/8', dimensions: DIMS }, { reset: true });
    const many = Array.from({ length: 120 }, (_, n) => chunk(n, unit(n % DIMS, (n + 1) / 200)));
    await store.upsert(many);
    expect((await store.search(unit(0), 100)).length).toBe(100);
  });

  it('when another process holds the directory, then opening fails with DirectoryLockedError', async () => {
    await store.ping();
    const second = new PgvectorStore({ dataDir });
    await expect(second.ping()).rejects.toBeInstanceOf(DirectoryLockedError);
  });

  it('when reopened after close, then the data is still there', async () => {
    await store.close();
    store = new PgvectorStore({ dataDir });
    expect(await store.info()).toEqual({ embedder: 'many/8', dimensions: DIMS });
    expect((await store.manifest()).size).toBe(120);
  });
});
