import knexFactory, { type Knex } from 'knex';
import pg from 'pg';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import type { Config } from '../config.js';
import { ConfigError } from '../errors.js';
import { openPGlite } from './pglite.js';
import { migrateLatest, pendingMigrations } from './migrations.js';

// Timestamps and counts as the domain expects them: Date objects and numbers, not strings.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

export interface Database {
  knex: Knex;
  kind: 'postgres' | 'pglite';
  close(): Promise<void>;
}

/**
 * DATABASE_URL → that PostgreSQL, which must already be migrated (`pnpm migrate`).
 * No DATABASE_URL → an embedded PGlite under DATA_DIR/db that migrates itself.
 */
export async function openDatabase(config: Pick<Config, 'databaseUrl' | 'dataDir'>): Promise<Database> {
  if (config.databaseUrl) {
    const knex = connectPostgres(config.databaseUrl);
    try {
      const pending = await pendingMigrations(knex);
      if (pending.length > 0) {
        throw new ConfigError(
          `The database at DATABASE_URL is not migrated (${pending.length} pending: ${pending.join(', ')}). Run \`pnpm migrate\` first.`,
        );
      }
    } catch (err) {
      await knex.destroy();
      if (err instanceof ConfigError) throw err;
      throw new ConfigError(`Cannot reach the database at DATABASE_URL: ${(err as Error).message}`);
    }
    return { knex, kind: 'postgres', close: () => knex.destroy() };
  }
  const embedded = await openPGlite(config.dataDir, 'db');
  const knex = knexFactory({
    client: 'pg',
    connection: createPgConfig(embedded.pg) as unknown as Knex.PgConnectionConfig,
    pool: { min: 1, max: 1 },
  });
  try {
    await migrateLatest(knex);
  } catch (err) {
    await knex.destroy();
    await embedded.close();
    throw err;
  }
  return {
    knex,
    kind: 'pglite',
    async close() {
      await knex.destroy();
      await embedded.close();
    },
  };
}

export function connectPostgres(url: string): Knex {
  return knexFactory({
    client: 'pg',
    connection: { connectionString: url, connectionTimeoutMillis: 5_000 },
    pool: { min: 0, max: 10, acquireTimeoutMillis: 10_000 },
    acquireConnectionTimeout: 10_000,
  });
}
