import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import knexFactory from 'knex';
import { connectPostgres, openDatabase, type Database } from '../../src/platform/db/database.js';
import { migrateLatest } from '../../src/platform/db/migrations.js';

/** The PostgreSQL these machines run; each test file gets a database of its own. */
export const ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  db: Database;
  url?: string;
  dataDir: string;
  drop(): Promise<void>;
}

export async function createEmptyPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `ta_test_${randomBytes(6).toString('hex')}`;
  const admin = knexFactory({ client: 'pg', connection: ADMIN_URL, pool: { min: 0, max: 1 } });
  await admin.raw(`CREATE DATABASE ${name}`);
  await admin.destroy();
  const url = ADMIN_URL.replace(/\/[^/]*$/, `/${name}`);
  return {
    url,
    async drop() {
      const a = knexFactory({ client: 'pg', connection: ADMIN_URL, pool: { min: 0, max: 1 } });
      await a.raw(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.destroy();
    },
  };
}

/** A fresh, migrated database: real PostgreSQL, or the embedded PGlite default in a temp DATA_DIR. */
export async function createTestDatabase(kind: 'postgres' | 'pglite'): Promise<TestDatabase> {
  const dataDir = await mkdtemp(join(tmpdir(), 'ta-test-'));
  if (kind === 'pglite') {
    const db = await openDatabase({ dataDir, databaseUrl: undefined });
    return {
      db,
      dataDir,
      async drop() {
        await db.close();
        await rm(dataDir, { recursive: true, force: true });
      },
    };
  }
  const empty = await createEmptyPostgresDatabase();
  const migrator = connectPostgres(empty.url);
  await migrateLatest(migrator);
  await migrator.destroy();
  const db = await openDatabase({ dataDir, databaseUrl: empty.url });
  return {
    db,
    url: empty.url,
    dataDir,
    async drop() {
      await db.close();
      await empty.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
