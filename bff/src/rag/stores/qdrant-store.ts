import { QdrantClient, QdrantClientTimeoutError } from '@qdrant/js-client-rest';
import { z } from 'zod';
import { AppError } from '../../platform/errors.js';
import type { ChunkPayload, IndexInfo, IndexedChunk, SearchHit, VectorStore } from '../types.js';
import { networkReason } from '../network-reason.js';

export interface QdrantStoreConfig {
  url: string;
  apiKey?: string;
  collection: string;
}

const UPSERT_BATCH = 128;
const SCROLL_PAGE = 256;
const INDEXED_FIELDS = ['source_path', 'content_hash'] as const;

const ChunkPayloadSchema = z.object({
  text: z.string(),
  title: z.string(),
  heading_path: z.array(z.string()),
  url: z.string(),
  source_path: z.string(),
  chunk_index: z.number().int(),
  content_hash: z.string(),
});
const ManifestPayload = ChunkPayloadSchema.pick({ source_path: true, content_hash: true });
/** What we write into the collection's metadata (Qdrant ≥ 1.16). */
const EmbedderMetadata = z.object({ embedder: z.string(), dimensions: z.number().int().positive() });

/**
 * The production vector store: one Qdrant collection, cosine distance, payload = ChunkPayload.
 *
 * The embedder that built the index is recorded in the collection's own `metadata` (supported by
 * the servers this pinned client targets, 1.17–1.19). That keeps the identity atomic with the
 * collection: created in the same request, deleted with it, and invisible to scroll and search,
 * unlike a reserved point or a second `<name>__meta` collection that could drift out of sync.
 * A collection without that metadata (made by hand or by an older server) reads as embedder
 * "unknown", so the first ingest asks for `--reset` instead of guessing.
 */
export class QdrantStore implements VectorStore {
  readonly kind = 'qdrant' as const;
  private readonly client: QdrantClient;
  private readonly collection: string;
  private readonly timeoutMs: number;

  constructor(cfg: QdrantStoreConfig, timeoutMs: number) {
    this.client = new QdrantClient({
      url: cfg.url,
      apiKey: cfg.apiKey,
      checkCompatibility: false,
      timeout: timeoutMs,
    });
    this.collection = cfg.collection;
    this.timeoutMs = timeoutMs;
  }

  async info(): Promise<IndexInfo | null> {
    return (await this.describe())?.info ?? null;
  }

  async ensure(info: IndexInfo, options: { reset?: boolean } = {}): Promise<void> {
    let existing = await this.describe();
    if (existing && options.reset) {
      await this.call(() => this.client.deleteCollection(this.collection));
      existing = null;
    }
    if (existing) {
      const found = existing.info;
      if (found.embedder !== info.embedder || found.dimensions !== info.dimensions) {
        throw new AppError(
          'INDEX_EMBEDDER_MISMATCH',
          `The Qdrant collection "${this.collection}" was built by ${found.embedder} (${found.dimensions} dimensions), ` +
            `not ${info.embedder} (${info.dimensions}); re-ingest with \`pnpm ingest … --reset\``,
        );
      }
    } else {
      await this.call(() =>
        this.client.api().createCollection({
          collection_name: this.collection,
          vectors: { size: info.dimensions, distance: 'Cosine' },
          metadata: { embedder: info.embedder, dimensions: info.dimensions },
        }),
      );
    }
    for (const field of INDEXED_FIELDS) {
      if (existing?.indexed.has(field)) continue;
      await this.call(() =>
        this.client.createPayloadIndex(this.collection, {
          field_name: field,
          field_schema: 'keyword',
          wait: true,
        }),
      );
    }
  }

  async upsert(chunks: IndexedChunk[]): Promise<void> {
    for (let i = 0; i < chunks.length; i += UPSERT_BATCH) {
      const points = chunks
        .slice(i, i + UPSERT_BATCH)
        .map((c) => ({ id: c.id, vector: c.vector, payload: { ...c.payload } }));
      await this.call(() => this.client.upsert(this.collection, { wait: true, points }));
    }
  }

  async deleteByIds(ids: string[]): Promise<void> {
    for (let i = 0; i < ids.length; i += UPSERT_BATCH) {
      const points = ids.slice(i, i + UPSERT_BATCH);
      await this.call(() => this.client.delete(this.collection, { wait: true, points }));
    }
  }

  async manifest(): Promise<Map<string, { source_path: string; content_hash: string }>> {
    const manifest = new Map<string, { source_path: string; content_hash: string }>();
    await this.scrollAll([...INDEXED_FIELDS], (id, payload) => {
      const parsed = ManifestPayload.safeParse(payload);
      if (parsed.success) manifest.set(id, parsed.data);
    });
    return manifest;
  }

  async payloads(): Promise<{ id: string; payload: ChunkPayload }[]> {
    const all: { id: string; payload: ChunkPayload }[] = [];
    await this.scrollAll(true, (id, payload) => {
      const parsed = ChunkPayloadSchema.safeParse(payload);
      if (parsed.success) all.push({ id, payload: parsed.data });
    });
    return all;
  }

  async search(vector: number[], limit: number, signal?: AbortSignal): Promise<SearchHit[]> {
    const result = await this.call(
      () => this.client.query(this.collection, { query: vector, limit, with_payload: true }),
      signal,
    );
    const hits: SearchHit[] = [];
    for (const point of result.points) {
      const payload = ChunkPayloadSchema.safeParse(point.payload);
      if (payload.success) hits.push({ id: String(point.id), score: point.score, payload: payload.data });
    }
    return hits;
  }

  async ping(signal?: AbortSignal): Promise<void> {
    await this.call(() => this.client.versionInfo(), signal);
  }

  /** The client keeps no state worth releasing: its keep-alive sockets are unref'd and expire on their own. */
  async close(): Promise<void> {}

  private async describe(): Promise<{ info: IndexInfo; indexed: Set<string> } | null> {
    const exists = await this.call(() => this.client.collectionExists(this.collection));
    if (!exists.exists) return null;
    const collection = await this.call(() => this.client.getCollection(this.collection));
    const vectors = collection.config.params.vectors;
    const size = vectors && 'size' in vectors && typeof vectors.size === 'number' ? vectors.size : 0;
    const recorded = EmbedderMetadata.safeParse(collection.config.metadata);
    return {
      info: recorded.success ? recorded.data : { embedder: 'unknown', dimensions: size },
      indexed: new Set(Object.keys(collection.payload_schema)),
    };
  }

  private async scrollAll(
    withPayload: boolean | string[],
    visit: (id: string, payload: unknown) => void,
  ): Promise<void> {
    let offset: string | number | undefined;
    do {
      const page = await this.call(() =>
        this.client.scroll(this.collection, {
          limit: SCROLL_PAGE,
          offset,
          with_payload: withPayload,
          with_vector: false,
        }),
      );
      for (const point of page.points) visit(String(point.id), point.payload);
      const next = page.next_page_offset;
      offset = typeof next === 'string' || typeof next === 'number' ? next : undefined;
    } while (offset !== undefined);
  }

  /**
   * Runs one client call and maps its failure. The client has no per-call AbortSignal (its timeout
   * middleware owns the fetch signal), so a caller's signal only stops the wait; the request itself
   * ends at the client's timeout.
   */
  private async call<T>(request: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    signal?.throwIfAborted();
    const pending = request().catch((error: unknown) => {
      throw qdrantFailure(error, this.timeoutMs);
    });
    if (!signal) return pending;
    let onAbort = () => {};
    const aborted = new Promise<never>((_, reject) => {
      onAbort = () => reject(signal.reason);
      signal.addEventListener('abort', onAbort, { once: true });
    });
    pending.catch(() => {}); // the race below may settle first; the loser must not be unhandled
    try {
      return await Promise.race([pending, aborted]);
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
  }
}

export function qdrantFailure(error: unknown, timeoutMs: number): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof QdrantClientTimeoutError) {
    return new AppError('UPSTREAM_TIMEOUT', `Qdrant did not answer within ${timeoutMs} ms`, { cause: error });
  }
  const status = (error as { status?: unknown }).status;
  if (typeof status === 'number') {
    const detail = upstreamMessage((error as { data?: unknown }).data);
    if (status === 400 && /dimension error/i.test(detail)) {
      return new AppError(
        'INDEX_EMBEDDER_MISMATCH',
        `The Qdrant collection holds vectors of another size (${detail}); re-ingest with \`pnpm ingest … --reset\``,
        { cause: error },
      );
    }
    const suffix = detail ? `: ${detail}` : '';
    if (status === 401 || status === 403) {
      return new AppError(
        'VECTOR_STORE_UNAVAILABLE',
        `Qdrant rejected the API key (status ${status}); check QDRANT_API_KEY`,
        {
          cause: error,
        },
      );
    }
    return new AppError('VECTOR_STORE_UNAVAILABLE', `Qdrant answered ${status}${suffix}`, { cause: error });
  }
  return new AppError('VECTOR_STORE_UNAVAILABLE', `Qdrant is unreachable (${networkReason(error)})`, {
    cause: error,
  });
}

/** Qdrant's `{status:{error}}` text, short; it names inputs, never credentials. */
function upstreamMessage(data: unknown): string {
  const parsed = z.object({ status: z.object({ error: z.string() }) }).safeParse(data);
  return parsed.success ? parsed.data.status.error.slice(0, 200) : '';
}
