import { readdir } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import type { Knex } from 'knex';
import { MIGRATION_EXTENSION, MIGRATIONS_DIR } from '../paths.js';

interface MigrationModule {
  up(knex: Knex): Promise<void>;
  down(knex: Knex): Promise<void>;
}

/**
 * The top-level migrations/ folder is the only place the schema is defined. Loads them by import: the TypeScript files under tsx and vitest, their compiled .js in the
 * production bundle. A migration is named by its source file (`…_accounts.ts`) either way, so a
 * database migrated from source and one migrated by the bundle agree on what has run.
 */
class FolderMigrationSource implements Knex.MigrationSource<string> {
  async getMigrations(): Promise<string[]> {
    const files = await readdir(MIGRATIONS_DIR);
    return files
      .filter((f) => /^\d+_[\w-]+\.[jt]s$/.test(f) && f.endsWith(MIGRATION_EXTENSION))
      .map((f) => `${f.slice(0, -MIGRATION_EXTENSION.length)}.ts`)
      .sort();
  }
  getMigrationName(migration: string): string {
    return migration;
  }
  async getMigration(migration: string): Promise<MigrationModule> {
    const file = `${migration.slice(0, -'.ts'.length)}${MIGRATION_EXTENSION}`;
    return (await import(pathToFileURL(join(MIGRATIONS_DIR, file)).href)) as MigrationModule;
  }
}

export const migrationConfig: Knex.MigratorConfig = {
  migrationSource: new FolderMigrationSource(),
  tableName: 'knex_migrations',
};

/**
 * Whether the database has recorded exactly the folder's migrations, in one query. knex's own
 * latest/list first check (and create) its two tables and read the lock: a handful of round trips
 * on every start for the common case, a database already current. Anything else (a fresh
 * database, pending migrations, or recorded ones the folder lacks, which knex reports as a corrupt
 * directory) is left to knex.
 */
async function isCurrent(knex: Knex): Promise<boolean> {
  const files = await migrationConfig.migrationSource!.getMigrations([]);
  let rows: { name: string }[];
  try {
    rows = await knex(migrationConfig.tableName!).select('name');
  } catch (err) {
    if ((err as { code?: string }).code === UNDEFINED_TABLE) return false;
    throw err;
  }
  const recorded = new Set(rows.map((r) => r.name));
  return recorded.size === files.length && files.every((f) => recorded.has(String(f)));
}

const UNDEFINED_TABLE = '42P01';

export async function migrateLatest(knex: Knex): Promise<string[]> {
  if (await isCurrent(knex)) return [];
  const [, applied] = (await knex.migrate.latest(migrationConfig)) as [number, string[]];
  return applied;
}

export async function pendingMigrations(knex: Knex): Promise<string[]> {
  if (await isCurrent(knex)) return [];
  // With a custom migration source, knex lists the source's own entries: our file names.
  const [, pending] = (await knex.migrate.list(migrationConfig)) as [
    unknown[],
    (string | { file: string })[],
  ];
  return pending.map((p) => (typeof p === 'string' ? p : p.file));
}

export async function rollbackAll(knex: Knex): Promise<void> {
  await knex.migrate.rollback(migrationConfig, true);
}
