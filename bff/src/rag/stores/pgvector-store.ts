import type { PGlite, Transaction } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import { openPGlite, type OpenPGlite } from '../../platform/db/pglite.js';
import { AppError } from '../../platform/errors.js';
import type { ChunkPayload, IndexedChunk, IndexInfo, SearchHit, VectorStore } from '../types.js';

/** Rows per INSERT statement: 64 rows × 6 parameters stays far below PostgreSQL's limit. */
const UPSERT_ROWS = 64;

/**
 * The embedded vector store: pgvector inside PGlite at DATA_DIR/vectors. It opens lazily on first
 * use, so constructing one is cheap and the directory lock is only taken when it is needed.
 */
export class PgvectorStore implements VectorStore {
  readonly kind = 'pgvector' as const;
  private opening: Promise<OpenPGlite> | null = null;

  constructor(private readonly options: { dataDir: string; name?: string }) {}

  async info(): Promise<IndexInfo | null> {
    const pg = await this.db();
    if (!(await tableExists(pg, 'index_info'))) return null;
    const { rows } = await pg.query<{ embedder: string; dimensions: number }>(
      'SELECT embedder, dimensions FROM index_info LIMIT 1',
    );
    const row = rows[0];
    return row ? { embedder: row.embedder, dimensions: row.dimensions } : null;
  }

  async ensure(info: IndexInfo, options: { reset?: boolean } = {}): Promise<void> {
    const existing = await this.info();
    if (existing && !options.reset) {
      if (existing.embedder === info.embedder && existing.dimensions === info.dimensions) return;
      throw new AppError(
        'INDEX_EMBEDDER_MISMATCH',
        `The index was built by ${existing.embedder} (${existing.dimensions} dimensions), not ${info.embedder} ` +
          `(${info.dimensions}). Re-ingest with --reset to rebuild it.`,
      );
    }
    const pg = await this.db();
    const dims = Math.trunc(info.dimensions);
    await pg.transaction(async (tx) => {
      await tx.exec(
        'CREATE EXTENSION IF NOT EXISTS vector; DROP TABLE IF EXISTS chunks; DROP TABLE IF EXISTS index_info;',
      );
      await tx.exec(`
        CREATE TABLE index_info (embedder text NOT NULL, dimensions integer NOT NULL, created_at timestamptz NOT NULL DEFAULT now());
        CREATE TABLE chunks (
          id uuid PRIMARY KEY,
          source_path text NOT NULL,
          chunk_index integer NOT NULL,
          content_hash text NOT NULL,
          payload jsonb NOT NULL,
          embedding vector(${dims}) NOT NULL
        );
        CREATE INDEX chunks_embedding_hnsw ON chunks USING hnsw (embedding vector_cosine_ops);
        CREATE INDEX chunks_source_path ON chunks (source_path);
      `);
      await tx.query('INSERT INTO index_info (embedder, dimensions) VALUES ($1, $2)', [info.embedder, dims]);
    });
  }

  async upsert(chunks: IndexedChunk[]): Promise<void> {
    if (chunks.length === 0) return;
    const pg = await this.db();
    await pg.transaction(async (tx) => {
      for (let i = 0; i < chunks.length; i += UPSERT_ROWS) {
        await upsertRows(tx, chunks.slice(i, i + UPSERT_ROWS));
      }
    });
  }

  async deleteByIds(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    const pg = await this.db();
    if (!(await tableExists(pg, 'chunks'))) return;
    await pg.query('DELETE FROM chunks WHERE id = ANY($1::uuid[])', [ids]);
  }

  async manifest(): Promise<Map<string, { source_path: string; content_hash: string }>> {
    const pg = await this.db();
    const manifest = new Map<string, { source_path: string; content_hash: string }>();
    if (!(await tableExists(pg, 'chunks'))) return manifest;
    const { rows } = await pg.query<{ id: string; source_path: string; content_hash: string }>(
      'SELECT id, source_path, content_hash FROM chunks',
    );
    for (const row of rows)
      manifest.set(row.id, { source_path: row.source_path, content_hash: row.content_hash });
    return manifest;
  }

  async payloads(): Promise<{ id: string; payload: ChunkPayload }[]> {
    const pg = await this.db();
    if (!(await tableExists(pg, 'chunks'))) return [];
    const { rows } = await pg.query<{ id: string; payload: ChunkPayload }>(
      'SELECT id, payload FROM chunks ORDER BY source_path, chunk_index',
    );
    return rows;
  }

  async search(query: number[], limit: number, signal?: AbortSignal): Promise<SearchHit[]> {
    signal?.throwIfAborted();
    const info = await this.info();
    if (!info)
      throw new AppError('INDEX_NOT_READY', 'Nothing has been ingested yet. Run `pnpm ingest` first.');
    if (query.length !== info.dimensions) {
      throw new AppError(
        'INDEX_EMBEDDER_MISMATCH',
        `The index holds ${info.dimensions}-dimension vectors from ${info.embedder}, but the query has ` +
          `${query.length}. Re-ingest with the current embedder (pnpm ingest … --reset).`,
      );
    }
    const pg = await this.db();
    const k = Math.max(1, Math.trunc(limit));
    // HNSW returns at most ef_search rows; raise it so a large limit still gets that many hits.
    await pg.exec(`SET hnsw.ef_search = ${Math.max(40, k * 2)}`);
    const { rows } = await pg.query<{ id: string; payload: ChunkPayload; score: number }>(
      `SELECT id, payload, 1 - (embedding <=> $1::vector) AS score
         FROM chunks ORDER BY embedding <=> $1::vector LIMIT $2`,
      [toVectorLiteral(query), k],
    );
    signal?.throwIfAborted();
    return rows
      .filter((r) => Number.isFinite(r.score))
      .map((r) => ({ id: r.id, score: r.score, payload: r.payload }));
  }

  async ping(signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    const pg = await this.db();
    await pg.query('SELECT 1');
  }

  async close(): Promise<void> {
    const opening = this.opening;
    this.opening = null;
    if (opening) await (await opening).close();
  }

  private async db(): Promise<PGlite> {
    this.opening ??= openPGlite(this.options.dataDir, this.options.name ?? 'vectors', { vector });
    try {
      return (await this.opening).pg;
    } catch (err) {
      // A failed open (locked directory) must not poison every later call.
      this.opening = null;
      throw err;
    }
  }
}

async function upsertRows(tx: Transaction, rows: IndexedChunk[]): Promise<void> {
  const params: unknown[] = [];
  const tuples = rows.map((chunk) => {
    const p = chunk.payload;
    params.push(
      chunk.id,
      p.source_path,
      p.chunk_index,
      p.content_hash,
      JSON.stringify(p),
      toVectorLiteral(chunk.vector),
    );
    const n = params.length;
    return `($${n - 5}::uuid, $${n - 4}, $${n - 3}, $${n - 2}, $${n - 1}::jsonb, $${n}::vector)`;
  });
  await tx.query(
    `INSERT INTO chunks (id, source_path, chunk_index, content_hash, payload, embedding)
     VALUES ${tuples.join(', ')}
     ON CONFLICT (id) DO UPDATE SET source_path = EXCLUDED.source_path, chunk_index = EXCLUDED.chunk_index,
       content_hash = EXCLUDED.content_hash, payload = EXCLUDED.payload, embedding = EXCLUDED.embedding`,
    params,
  );
}

async function tableExists(pg: PGlite, table: string): Promise<boolean> {
  const { rows } = await pg.query<{ exists: boolean }>('SELECT to_regclass($1) IS NOT NULL AS exists', [
    table,
  ]);
  return rows[0]?.exists === true;
}

function toVectorLiteral(values: number[]): string {
  return `[${values.map((v) => (Number.isFinite(v) ? v : 0)).join(',')}]`;
}
