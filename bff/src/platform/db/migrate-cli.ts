import 'dotenv/config';
import { loadConfig } from '../config.js';
import { ConfigError } from '../errors.js';
import { connectPostgres, openDatabase } from './database.js';
import { migrateLatest, migrationConfig } from './migrations.js';

/** `pnpm migrate [--down]`: migrates DATABASE_URL (the embedded default migrates itself on start). */
async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const down = process.argv.includes('--down');
  if (!config.databaseUrl) {
    const db = await openDatabase(config);
    console.log('Embedded database under DATA_DIR is migrated.');
    await db.close();
    return;
  }
  const knex = connectPostgres(config.databaseUrl);
  try {
    if (down) {
      const [, rolledBack] = (await knex.migrate.rollback(migrationConfig)) as [number, string[]];
      console.log(rolledBack.length ? `Rolled back: ${rolledBack.join(', ')}` : 'Nothing to roll back.');
    } else {
      const applied = await migrateLatest(knex);
      console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Already up to date.');
    }
  } finally {
    await knex.destroy();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof ConfigError ? err.message : `Migration failed: ${(err as Error).message}`);
  process.exit(1);
});
