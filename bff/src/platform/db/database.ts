import knexFactory, { type Knex } from 'knex';
import pg from 'pg';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
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
export async function openDatabase(
  config: Pick<Config, 'databaseUrl' | 'dataDir'>,
  logger?: Logger,
): Promise<Database> {
  if (config.databaseUrl) {
    const knex = connectPostgres(config.databaseUrl, logger);
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
    // Known from the data directory: saves knex's `select version()` on the first connection.
    version: embedded.serverVersion,
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

export function connectPostgres(url: string, logger?: Logger): Knex {
  return knexFactory({
    client: 'pg',
    ...(logger ? { log: knexLog(logger) } : {}),
    connection: { connectionString: url, connectionTimeoutMillis: 5_000 },
    pool: { min: 0, max: 10, acquireTimeoutMillis: 10_000 },
    acquireConnectionTimeout: 10_000,
  });
}

/**
 * knex's own messages ("Connection Error: …" while the database is down, deprecations) as structured
 * log lines, instead of knex printing them to the console beside the JSON log.
 */
export function knexLog(logger: Logger): Knex.Config['log'] {
  const log = logger.child({ component: 'knex' });
  const text = (message: unknown) => (message instanceof Error ? message.message : String(message));
  return {
    warn: (message: unknown) => log.warn({ knex: text(message) }, 'knex warning'),
    error: (message: unknown) => log.error({ knex: text(message) }, 'knex error'),
    deprecate: (method: string, alternative: string) =>
      log.warn({ knex: `${method} is deprecated, use ${alternative}` }, 'knex deprecation'),
    debug: (message: unknown) => log.debug({ knex: text(message) }, 'knex debug'),
  };
}
