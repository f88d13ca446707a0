import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { QdrantStore } from '../../src/rag/stores/qdrant-store.js';
import type { IndexedChunk, IndexInfo } from '../../src/rag/types.js';
import { startFakeQdrant, type FakeQdrant } from '../fakes/fake-qdrant.js';
import { appFailure } from './app-failure.js';

/** The timeout the hang test waits out; everything else gets slack so a cold, busy worker never flakes. */
const TIMEOUT_MS = 500;
const SLACK_MS = 10_000;
const COLLECTION = 'textbook';
const EMBEDDER: IndexInfo = { embedder: 'cohere/embed-v4.0/4', dimensions: 4 };
let fake: FakeQdrant;

beforeAll(async () => {
  fake = await startFakeQdrant();
  await store().ping(); // load the client's fetch path once so the first test does not pay for it
  fake.reset();
});
afterEach(() => {
  fake.reset();
  fake.collections.clear();
});
afterAll(() => fake.close());

const store = (timeoutMs = SLACK_MS, url = fake.url) =>
  new QdrantStore({ url, collection: COLLECTION }, timeoutMs);

function chunk(i: number, vector: number[] = [1, i, 0, 0]): IndexedChunk {
  return {
    id: `6f1c2a4e-0000-4000-8000-${String(i).padStart(12, '0')}`,
    vector,
    payload: {
      text: `Chunk ${i} text`,
      title: `Page ${Math.floor(i / 10)}`,
      heading_path: [`Page ${Math.floor(i / 10)}`, `Section ${i}`],
      url: `https://book.example/docs/page-${Math.floor(i / 10)}#section-${i}`,
      source_path: `page-${Math.floor(i / 10)}.md`,
      chunk_index: i % 10,
      content_hash: `hash-${i}`,
    },
  };
}

const calls = (method: string, suffix: string) =>
  fake.requests.filter((r) => r.method === method && r.path === `/collections/${COLLECTION}${suffix}`);

describe('QdrantStore', () => {
  it('when nothing was ingested, then info is null', async () => {
    expect(await store().info()).toBeNull();
  });

  it('when ensured, then the collection has the embedder size, cosine distance, keyword indexes and the embedder recorded', async () => {
    await store().ensure(EMBEDDER);

    expect(calls('PUT', '')[0]?.body).toEqual({
      vectors: { size: 4, distance: 'Cosine' },
      metadata: { embedder: 'cohere/embed-v4.0/4', dimensions: 4 },
    });
    const indexes = calls('PUT', '/index');
    expect(indexes.map((r) => r.body)).toEqual([
      { field_name: 'source_path', field_schema: 'keyword' },
      { field_name: 'content_hash', field_schema: 'keyword' },
    ]);
    expect(indexes.every((r) => r.query.wait === 'true')).toBe(true);
    expect(await store().info()).toEqual(EMBEDDER);
  });

  it('when ensured twice with the same embedder, then nothing is recreated', async () => {
    await store().ensure(EMBEDDER);
    fake.reset();
    await store().ensure(EMBEDDER);
    expect(calls('PUT', '')).toHaveLength(0);
    expect(calls('PUT', '/index')).toHaveLength(0);
  });

  it('when the index was built by another embedder, then INDEX_EMBEDDER_MISMATCH says to re-ingest with --reset', async () => {
    await store().ensure(EMBEDDER);
    const other = { embedder: 'local-hash-v1/4', dimensions: 4 };
    const { error } = await appFailure(() => store().ensure(other));
    expect(error.code).toBe('index_embedder_mismatch');
    expect(error.message).toContain('cohere/embed-v4.0/4');
    expect(error.message).toContain('--reset');

    await store().ensure(other, { reset: true });
    expect(calls('DELETE', '')).toHaveLength(1);
    expect(await store().info()).toEqual(other);
  });

  it('when a collection has no recorded embedder, then it reads as unknown and ensure refuses it', async () => {
    fake.collections.set(COLLECTION, {
      size: 4,
      distance: 'Cosine',
      metadata: null,
      indexes: {},
      points: new Map(),
    });
    expect(await store().info()).toEqual({ embedder: 'unknown', dimensions: 4 });
    const { error } = await appFailure(() => store().ensure(EMBEDDER));
    expect(error.code).toBe('index_embedder_mismatch');
  });

  it('when upserting 300 chunks, then they go in batches with wait=true and manifest and payloads read them all back', async () => {
    const s = store();
    await s.ensure(EMBEDDER);
    const chunks = Array.from({ length: 300 }, (_, i) => chunk(i));
    await s.upsert(chunks);

    const upserts = calls('PUT', '/points');
    expect(upserts.length).toBeGreaterThan(1);
    expect(upserts.every((r) => r.query.wait === 'true')).toBe(true);
    const sent = upserts.flatMap((r) => (r.body as { points: unknown[] }).points);
    expect(sent).toHaveLength(300);
    expect(sent[7]).toEqual({ id: chunks[7]!.id, vector: chunks[7]!.vector, payload: chunks[7]!.payload });

    const manifest = await s.manifest();
    expect(manifest.size).toBe(300);
    expect(manifest.get(chunks[42]!.id)).toEqual({ source_path: 'page-4.md', content_hash: 'hash-42' });
    const scrolls = calls('POST', '/points/scroll');
    expect(scrolls.length).toBeGreaterThan(1);
    expect(scrolls[0]?.body).toMatchObject({
      with_payload: ['source_path', 'content_hash'],
      with_vector: false,
    });

    const payloads = await s.payloads();
    expect(payloads).toHaveLength(300);
    expect(payloads.find((p) => p.id === chunks[299]!.id)?.payload).toEqual(chunks[299]!.payload);
  });

  it('when searching, then it queries with the vector, the limit and payloads, best first', async () => {
    const s = store();
    await s.ensure(EMBEDDER);
    await s.upsert([chunk(1, [1, 0, 0, 0]), chunk(2, [0, 1, 0, 0]), chunk(3, [0.9, 0.1, 0, 0])]);

    const hits = await s.search([1, 0, 0, 0], 2);
    expect(calls('POST', '/points/query')[0]?.body).toEqual({
      query: [1, 0, 0, 0],
      limit: 2,
      with_payload: true,
    });
    expect(hits.map((h) => h.id)).toEqual([chunk(1).id, chunk(3).id]);
    expect(hits[0]?.score).toBeCloseTo(1);
    expect(hits[0]?.payload).toEqual(chunk(1).payload);
  });

  it('when chunks are deleted by id, then they are gone from search and manifest', async () => {
    const s = store();
    await s.ensure(EMBEDDER);
    await s.upsert([chunk(1), chunk(2)]);
    await s.deleteByIds([chunk(1).id]);
    expect(calls('POST', '/points/delete')[0]?.body).toEqual({ points: [chunk(1).id] });
    expect([...(await s.manifest()).keys()]).toEqual([chunk(2).id]);
  });

  it('when a query vector has another size, then INDEX_EMBEDDER_MISMATCH', async () => {
    const s = store();
    await s.ensure(EMBEDDER);
    const { error } = await appFailure(() => s.search([1, 0, 0], 3));
    expect(error.code).toBe('index_embedder_mismatch');
  });

  it('when an API key is configured, then it is sent in the api-key header', async () => {
    const secured = await startFakeQdrant({ apiKey: 'qdrant-secret' });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      const s = new QdrantStore(
        { url: secured.url, apiKey: 'qdrant-secret', collection: COLLECTION },
        TIMEOUT_MS,
      );
      await s.ensure(EMBEDDER);
      expect(secured.requests.every((r) => r.headers['api-key'] === 'qdrant-secret')).toBe(true);
      const wrong = new QdrantStore({ url: secured.url, apiKey: 'nope', collection: COLLECTION }, SLACK_MS);
      const { error } = await appFailure(() => wrong.info());
      expect(error.code).toBe('vector_store_unavailable');
      expect(error.message).toContain('QDRANT_API_KEY');
      expect(error.message).not.toContain('nope');
    } finally {
      warn.mockRestore();
      await secured.close();
    }
  });

  it('when pinged, then it calls GET /', async () => {
    await store().ping();
    expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /']);
  });

  it('when Qdrant hangs, then UPSTREAM_TIMEOUT within about the timeout and one request', async () => {
    fake.behaviour.hang = true;
    const { error, ms } = await appFailure(() => store(TIMEOUT_MS).search([1, 0, 0, 0], 3));
    expect(error.code).toBe('upstream_timeout');
    expect(error.message).toContain(`${TIMEOUT_MS} ms`);
    expect(ms).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
    expect(ms).toBeLessThan(TIMEOUT_MS + 1500);
    expect(fake.requests).toHaveLength(1);
  });

  it('when Qdrant answers 500, then VECTOR_STORE_UNAVAILABLE without retries', async () => {
    fake.behaviour.status500 = true;
    const { error } = await appFailure(() => store().ensure(EMBEDDER));
    expect(error.code).toBe('vector_store_unavailable');
    expect(error.message).toContain('500');
    expect(fake.requests).toHaveLength(1);
  });

  it('when Qdrant closes the connection, then VECTOR_STORE_UNAVAILABLE without retries', async () => {
    fake.behaviour.closeConnection = true;
    const { error } = await appFailure(() => store().ping());
    expect(error.code).toBe('vector_store_unavailable');
    expect(fake.requests).toHaveLength(1);
  });

  it('when nothing listens, then ping fails with VECTOR_STORE_UNAVAILABLE: connection refused', async () => {
    const gone = await startFakeQdrant();
    await gone.close();
    const { error } = await appFailure(() => store(SLACK_MS, gone.url).ping());
    expect(error.code).toBe('vector_store_unavailable');
    expect(error.message).toContain('connection refused');
  });

  it('when the caller aborts a search, then it stops at once with the abort reason', async () => {
    fake.behaviour.hang = true;
    const controller = new AbortController();
    const pending = store().search([1, 0, 0, 0], 3, controller.signal);
    // Abort only once the request is in, so it cannot land in the next test's recording.
    await vi.waitFor(() => expect(fake.requests).toHaveLength(1));
    const started = performance.now();
    controller.abort(new Error('client went away'));
    await expect(pending).rejects.toThrow('client went away');
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});

describe('fake Qdrant', () => {
  it('when points carry vectors of the wrong size, then it answers 400 like Qdrant', async () => {
    await store().ensure(EMBEDDER);
    const response = await fetch(`${fake.url}/collections/${COLLECTION}/points?wait=true`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ points: [{ id: chunk(1).id, vector: [1, 2], payload: {} }] }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      status: { error: expect.stringContaining('dimension error') },
    });
  });

  it('when a collection is created with an unknown field, then it answers 400', async () => {
    const response = await fetch(`${fake.url}/collections/other`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ vectors: { size: 4, distance: 'Cosine' }, vectorSize: 4 }),
    });
    expect(response.status).toBe(400);
  });
});
