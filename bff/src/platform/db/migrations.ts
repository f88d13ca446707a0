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

export async function migrateLatest(knex: Knex): Promise<string[]> {
  const [, applied] = (await knex.migrate.latest(migrationConfig)) as [number, string[]];
  return applied;
}

export async function pendingMigrations(knex: Knex): Promise<string[]> {
  const [, pending] = (await knex.migrate.list(migrationConfig)) as [unknown[], { file: string }[]];
  return pending.map((p) => p.file);
}

export async function rollbackAll(knex: Knex): Promise<void> {
  await knex.migrate.rollback(migrationConfig, true);
}
