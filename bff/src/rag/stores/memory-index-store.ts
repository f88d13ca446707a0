import type { Knex } from 'knex';
import { AppError } from '../../platform/errors.js';
import type {
  ChunkPayload,
  ChunkTerms,
  IndexedChunk,
  IndexInfo,
  PublishedIngest,
  SearchHit,
  SourceFile,
  VectorStore,
} from '../types.js';
import { createIndexTables, type IndexTables } from './index-tables.js';
import { buildVectorMatrix, type VectorMatrix } from './vector-matrix.js';

/** How often a serving process asks whether another one re-ingested (one indexed row). */
export const DEFAULT_POLL_MS = 2_000;

interface Snapshot {
  version: number;
  info: IndexInfo;
  ids: string[];
  payloads: ChunkPayload[];
  matrix: VectorMatrix;
}

export interface MemoryIndexStats {
  version: number;
  chunks: number;
  layout: 'sparse' | 'dense';
  vectorBytes: number;
}

/**
 * The default vector store: the index is rows of the main database (PostgreSQL or the embedded
 * PGlite), loaded once into typed arrays and searched exactly in memory. No second engine, no
 * round trip per query. Every ingest bumps a version row; a serving process polls it and reloads,
 * so several BFF instances on one PostgreSQL serve the same index. Writes (from `pnpm ingest` or a
 * test) go straight to the tables, and the next read in this process reloads.
 */
export class MemoryIndexStore implements VectorStore {
  readonly kind = 'memory' as const;
  private readonly tables: IndexTables;
  private snapshot: Snapshot | null = null;
  private loading: Promise<Snapshot | null> | null = null;
  private stale = true;
  private timer: NodeJS.Timeout | undefined;
  private readonly listeners: (() => void)[] = [];

  constructor(
    knex: Knex,
    private readonly options: { pollMs?: number } = {},
  ) {
    this.tables = createIndexTables(knex);
  }

  async info(): Promise<IndexInfo | null> {
    return (await this.current())?.info ?? null;
  }

  async ensure(info: IndexInfo, options: { reset?: boolean } = {}): Promise<void> {
    const existing = await this.tables.info();
    if (existing && !options.reset) {
      if (existing.embedder === info.embedder && existing.dimensions === info.dimensions) return;
      throw new AppError(
        'INDEX_EMBEDDER_MISMATCH',
        `The index was built by ${existing.embedder} (${existing.dimensions} dimensions), not ${info.embedder} ` +
          `(${info.dimensions}). Re-ingest with --reset to rebuild it.`,
      );
    }
    await this.tables.reset(info);
    this.stale = true;
  }

  async upsert(chunks: IndexedChunk[]): Promise<void> {
    if (chunks.length === 0) return;
    await this.tables.upsert(chunks);
    this.stale = true;
  }

  async deleteByIds(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.tables.delete(ids);
    this.stale = true;
  }

  manifest(): Promise<Map<string, { source_path: string; content_hash: string }>> {
    return this.tables.manifest();
  }

  async sources(): Promise<{ settings: string; files: Map<string, SourceFile> }> {
    const info = await this.tables.info();
    return { settings: info?.settings ?? '', files: info ? await this.tables.sources() : new Map() };
  }

  async publish(ingest: PublishedIngest): Promise<void> {
    await this.tables.refreshTerms();
    await this.tables.publish(ingest);
    this.stale = true;
  }

  onReload(listener: () => void): void {
    this.listeners.push(listener);
  }

  /**
   * Every payload with the keyword term data stored at ingest (read for the call, not held: it is
   * used once per index version to build the keyword index). Term data of another term code, or
   * computed from another version of the chunk than the payload held here, is left out.
   */
  async payloads(): Promise<{ id: string; payload: ChunkPayload; terms?: ChunkTerms }[]> {
    const snap = await this.current();
    if (!snap) return [];
    const stored = await this.tables.terms();
    return snap.ids.map((id, i) => {
      const payload = snap.payloads[i]!;
      const terms = stored.get(id);
      return terms?.contentHash === payload.content_hash
        ? { id, payload, terms: terms.terms }
        : { id, payload };
    });
  }

  async search(vector: number[], limit: number, signal?: AbortSignal): Promise<SearchHit[]> {
    signal?.throwIfAborted();
    const snap = await this.current();
    if (!snap)
      throw new AppError('INDEX_NOT_READY', 'Nothing has been ingested yet. Run `pnpm ingest` first.');
    if (vector.length !== snap.info.dimensions) {
      throw new AppError(
        'INDEX_EMBEDDER_MISMATCH',
        `The index holds ${snap.info.dimensions}-dimension vectors from ${snap.info.embedder}, but the query has ` +
          `${vector.length}. Re-ingest with the current embedder (pnpm ingest … --reset).`,
      );
    }
    return snap.matrix
      .search(vector, limit)
      .map(({ row, score }) => ({ id: snap.ids[row]!, score, payload: snap.payloads[row]! }));
  }

  /** Loads the index if it is not loaded yet, then checks the database answers (the version poll). */
  async ping(signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    await this.current();
    await this.poll();
  }

  /** What is loaded, for /metrics-style reporting and the benchmarks. */
  stats(): MemoryIndexStats | null {
    const snap = this.snapshot;
    if (!snap) return null;
    return {
      version: snap.version,
      chunks: snap.ids.length,
      layout: snap.matrix.layout,
      vectorBytes: snap.matrix.bytes,
    };
  }

  /** Table and index bytes in the database. */
  sizeBytes(): Promise<number> {
    return this.tables.sizeBytes();
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.loading?.catch(() => undefined);
  }

  /** Compares the stored version with the loaded one and reloads when another ingest bumped it. */
  private async poll(): Promise<void> {
    const version = await this.tables.version();
    if (version !== (this.snapshot?.version ?? null)) this.stale = true;
    if (this.stale) await this.current();
  }

  private current(): Promise<Snapshot | null> {
    if (this.loading) return this.loading;
    if (!this.stale) return Promise.resolve(this.snapshot);
    this.stale = false;
    const loading = this.load().then(
      (snap) => {
        this.snapshot = snap;
        for (const listener of this.listeners) listener();
        return snap;
      },
      (err: unknown) => {
        this.stale = true; // a failed load (database down) is retried by the next read
        throw err;
      },
    );
    this.loading = loading;
    const done = () => {
      if (this.loading === loading) this.loading = null;
    };
    loading.then(done, done);
    this.startPolling();
    return loading;
  }

  private async load(): Promise<Snapshot | null> {
    const info = await this.tables.info();
    if (!info) return null;
    const chunks = await this.tables.chunks(info.dimensions);
    return {
      version: info.version,
      info: { embedder: info.embedder, dimensions: info.dimensions },
      ids: chunks.map((c) => c.id),
      payloads: chunks.map((c) => c.payload),
      matrix: buildVectorMatrix(
        chunks.map((c) => c.vector),
        info.dimensions,
      ),
    };
  }

  private startPolling(): void {
    const every = this.options.pollMs ?? DEFAULT_POLL_MS;
    if (this.timer || every <= 0) return;
    this.timer = setInterval(() => void this.poll().catch(() => undefined), every);
    this.timer.unref();
  }
}
