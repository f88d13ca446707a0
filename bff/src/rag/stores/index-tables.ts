import type { Knex } from 'knex';
import { chunkTerms, termDataVersion } from '../retrieval/keyword-index.js';
import type { ChunkPayload, ChunkTerms, IndexedChunk, IndexInfo, SourceFile } from '../types.js';

/** Rows per INSERT: 8 parameters each stays far below PostgreSQL's 65,535. */
const INSERT_ROWS = 500;

export interface IndexRow extends IndexInfo {
  settings: string;
  version: number;
}

export interface StoredChunk {
  id: string;
  payload: ChunkPayload;
  vector: Float32Array;
}

/**
 * The index's rows in the main database (migrations/…_rag_index.ts): plain SQL through knex, so
 * the same code runs on PostgreSQL and on the embedded PGlite. Vectors travel as float32 bytes.
 */
export function createIndexTables(knex: Knex) {
  return {
    async info(): Promise<IndexRow | null> {
      const row = await knex('rag_index')
        .where({ id: 1 })
        .first<{ embedder: string; dimensions: number; settings: string; version: string | number }>();
      return row
        ? {
            embedder: row.embedder,
            dimensions: row.dimensions,
            settings: row.settings,
            version: Number(row.version),
          }
        : null;
    },

    /** The cheap poll: one indexed row, one column. */
    async version(): Promise<number | null> {
      const row = await knex('rag_index').where({ id: 1 }).first<{ version: string | number }>('version');
      return row ? Number(row.version) : null;
    },

    /** A new, empty index for this embedder (everything stored before is dropped). */
    async reset(info: IndexInfo): Promise<void> {
      await knex.transaction(async (trx) => {
        await trx('rag_chunks').delete();
        await trx('rag_sources').delete();
        await trx.raw(
          `INSERT INTO rag_index (id, embedder, dimensions, settings, version, updated_at)
           VALUES (1, ?, ?, '', 1, now())
           ON CONFLICT (id) DO UPDATE SET embedder = EXCLUDED.embedder, dimensions = EXCLUDED.dimensions,
             settings = '', version = rag_index.version + 1, updated_at = now()`,
          [info.embedder, Math.trunc(info.dimensions)],
        );
      });
    },

    async upsert(chunks: IndexedChunk[]): Promise<void> {
      const version = termDataVersion();
      await knex.transaction(async (trx) => {
        for (let i = 0; i < chunks.length; i += INSERT_ROWS) {
          const rows = chunks.slice(i, i + INSERT_ROWS).map((c) => ({
            id: c.id,
            source_path: c.payload.source_path,
            chunk_index: c.payload.chunk_index,
            content_hash: c.payload.content_hash,
            payload: JSON.stringify(c.payload),
            vector: toBytes(c.vector),
            terms: JSON.stringify(chunkTerms(c.payload)),
            terms_version: version,
          }));
          await trx('rag_chunks').insert(rows).onConflict('id').merge();
        }
      });
    },

    async delete(ids: string[]): Promise<void> {
      for (let i = 0; i < ids.length; i += INSERT_ROWS) {
        await knex('rag_chunks')
          .whereIn('id', ids.slice(i, i + INSERT_ROWS))
          .delete();
      }
    },

    async manifest(): Promise<Map<string, { source_path: string; content_hash: string }>> {
      const rows = await knex('rag_chunks').select<
        { id: string; source_path: string; content_hash: string }[]
      >('id', 'source_path', 'content_hash');
      return new Map(rows.map((r) => [r.id, { source_path: r.source_path, content_hash: r.content_hash }]));
    },

    /** Every chunk, in reading order (byte order of the path, so PostgreSQL and PGlite agree). */
    async chunks(dimensions: number): Promise<StoredChunk[]> {
      const rows = await knex.raw<{
        rows: { id: string; payload: ChunkPayload | string; vector: Uint8Array }[];
      }>('SELECT id, payload, vector FROM rag_chunks ORDER BY source_path COLLATE "C", chunk_index');
      return rows.rows.map((r) => ({
        id: r.id,
        payload: typeof r.payload === 'string' ? (JSON.parse(r.payload) as ChunkPayload) : r.payload,
        vector: fromBytes(r.vector, dimensions),
      }));
    },

    /**
     * The keyword term data of the current term code, by chunk id, with the content hash of the
     * chunk it was computed from (a reader checks it against the payload it holds).
     */
    async terms(): Promise<Map<string, { contentHash: string; terms: ChunkTerms }>> {
      const rows = await knex('rag_chunks')
        .where({ terms_version: termDataVersion() })
        .select<{ id: string; content_hash: string; terms: string }[]>('id', 'content_hash', 'terms');
      return new Map(
        rows.map((r) => [r.id, { contentHash: r.content_hash, terms: JSON.parse(r.terms) as ChunkTerms }]),
      );
    },

    /**
     * Recomputes the term data of rows written by other term code (or before it was stored), so a
     * change of terms.ts costs one ingest, not a recomputation at every load. Returns how many.
     */
    async refreshTerms(): Promise<number> {
      const version = termDataVersion();
      const stale = await knex('rag_chunks')
        .whereNull('terms_version')
        .orWhereNot({ terms_version: version })
        .select<{ id: string; payload: ChunkPayload | string }[]>('id', 'payload');
      if (stale.length === 0) return 0;
      await knex.transaction(async (trx) => {
        for (const row of stale) {
          const payload =
            typeof row.payload === 'string' ? (JSON.parse(row.payload) as ChunkPayload) : row.payload;
          await trx('rag_chunks')
            .where({ id: row.id })
            .update({ terms: JSON.stringify(chunkTerms(payload)), terms_version: version });
        }
      });
      return stale.length;
    },

    async sources(): Promise<Map<string, SourceFile>> {
      const rows = await knex('rag_sources').select<
        { source_path: string; size: string | number; mtime_ms: number; sha256: string }[]
      >('source_path', 'size', 'mtime_ms', 'sha256');
      return new Map(
        rows.map((r) => [
          r.source_path,
          {
            source_path: r.source_path,
            size: Number(r.size),
            mtime_ms: Number(r.mtime_ms),
            sha256: r.sha256,
          },
        ]),
      );
    },

    /** Records the files as ingested and bumps the version, in one transaction. */
    async publish(change: { settings: string; files: SourceFile[]; removed: string[] }): Promise<void> {
      await knex.transaction(async (trx) => {
        for (let i = 0; i < change.removed.length; i += INSERT_ROWS) {
          await trx('rag_sources')
            .whereIn('source_path', change.removed.slice(i, i + INSERT_ROWS))
            .delete();
        }
        for (let i = 0; i < change.files.length; i += INSERT_ROWS) {
          await trx('rag_sources')
            .insert(change.files.slice(i, i + INSERT_ROWS))
            .onConflict('source_path')
            .merge();
        }
        await trx('rag_index')
          .where({ id: 1 })
          .update({ settings: change.settings, version: trx.raw('version + 1'), updated_at: trx.fn.now() });
      });
    },

    /** Bytes on disk (table, indexes and TOAST), for the benchmarks. */
    async sizeBytes(): Promise<number> {
      const { rows } = await knex.raw<{ rows: { bytes: string | number }[] }>(
        `SELECT pg_total_relation_size('rag_chunks') + pg_total_relation_size('rag_sources') AS bytes`,
      );
      return Number(rows[0]?.bytes ?? 0);
    },
  };
}

export type IndexTables = ReturnType<typeof createIndexTables>;

function toBytes(vector: number[]): Buffer {
  const f = Float32Array.from(vector, (x) => (Number.isFinite(x) ? x : 0));
  return Buffer.from(f.buffer, f.byteOffset, f.byteLength);
}

function fromBytes(bytes: Uint8Array, dimensions: number): Float32Array {
  if (bytes.byteLength !== dimensions * 4) {
    throw new Error(`a stored vector has ${bytes.byteLength / 4} dimensions, the index ${dimensions}`);
  }
  // A copy: the driver's buffer may sit at an offset that is not a multiple of 4.
  const out = new Float32Array(dimensions);
  new Uint8Array(out.buffer).set(bytes);
  return out;
}
