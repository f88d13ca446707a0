import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Knex } from 'knex';
import { connectPostgres, openDatabase } from '../../bff/src/platform/db/database.js';
import { migrateLatest } from '../../bff/src/platform/db/migrations.js';
import { ingestDocs } from '../../bff/src/rag/ingest/ingest.js';
import { LocalEmbedder } from '../../bff/src/rag/local/local-embedder.js';
import { MemoryIndexStore } from '../../bff/src/rag/stores/memory-index-store.js';
import { createEmptyPostgresDatabase } from '../../bff/test/support/databases.js';
import { BENCH_SECRET, RAISED_LIMITS } from './bff.js';
import { BASE_URL } from './corpus-index.js';

export type DatabaseKind = 'postgres' | 'pglite';

export const DATABASE_LABEL: Record<DatabaseKind, string> = {
  postgres: 'PostgreSQL (DATABASE_URL)',
  pglite: 'embedded PGlite (default)',
};

export interface IndexedDatabase {
  /** What a BFF process needs to serve it: DATA_DIR, DATABASE_URL on PostgreSQL, local mode, warn logs. */
  env: Record<string, string>;
  dispose(): Promise<void>;
}

async function ingestInto(knex: Knex, docs: string): Promise<void> {
  const store = new MemoryIndexStore(knex, { pollMs: 0 });
  await ingestDocs({ docsDir: docs, baseUrl: BASE_URL, embedder: new LocalEmbedder(), store });
  await store.close();
}

/**
 * A migrated database holding the index of `docs` (local embedder), for a BFF started as its own
 * process: a fresh PostgreSQL database, or an embedded PGlite in a fresh DATA_DIR created, migrated
 * and ingested here, so the BFF reopens it as it would on every later start.
 */
export async function indexedDatabase(kind: DatabaseKind, docs: string): Promise<IndexedDatabase> {
  const dataDir = await mkdtemp(join(tmpdir(), 'ta-bench-db-'));
  const env: Record<string, string> = {
    NODE_ENV: 'production',
    PUBLIC_APP_URL: 'https://book.example.org',
    DATA_DIR: dataDir,
    BETTER_AUTH_SECRET: BENCH_SECRET,
    LOG_LEVEL: 'warn',
    ...RAISED_LIMITS,
  };
  let drop = async (): Promise<void> => undefined;
  try {
    if (kind === 'postgres') {
      const empty = await createEmptyPostgresDatabase();
      drop = empty.drop;
      const migrator = connectPostgres(empty.url);
      await migrateLatest(migrator);
      await ingestInto(migrator, docs);
      await migrator.destroy();
      env.DATABASE_URL = empty.url;
    } else {
      const db = await openDatabase({ dataDir, databaseUrl: undefined });
      await ingestInto(db.knex, docs);
      await db.close();
    }
  } catch (err) {
    await drop();
    await rm(dataDir, { recursive: true, force: true });
    throw err;
  }
  return {
    env,
    async dispose() {
      await drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
