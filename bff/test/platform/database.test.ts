import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { connectPostgres, openDatabase } from '../../src/platform/db/database.js';
import {
  migrateLatest,
  migrationConfig,
  pendingMigrations,
  rollbackAll,
} from '../../src/platform/db/migrations.js';
import { ConfigError } from '../../src/platform/errors.js';
import { DirectoryLockedError } from '../../src/platform/db/data-dir-lock.js';
import { createEmptyPostgresDatabase } from '../support/databases.js';
import { runCommand } from '../support/run-command.js';

const TABLES = ['chatbot_queries', 'sessions', 'user_profiles', 'users'];

describe('migrations', () => {
  it('when migrated up, down and up again on PostgreSQL, then the schema comes and goes cleanly', async () => {
    const empty = await createEmptyPostgresDatabase();
    const knex = connectPostgres(empty.url);
    try {
      await migrateLatest(knex);
      for (const t of TABLES) expect(await knex.schema.hasTable(t)).toBe(true);
      const types = await knex('pg_type').whereIn('typname', ['software_experience', 'hardware_experience']);
      expect(types).toHaveLength(2);
      await rollbackAll(knex);
      for (const t of TABLES) expect(await knex.schema.hasTable(t)).toBe(false);
      expect(
        await knex('pg_type').whereIn('typname', ['software_experience', 'hardware_experience']),
      ).toHaveLength(0);
      await migrateLatest(knex);
      expect(await pendingMigrations(knex)).toEqual([]);
      // Cascades: deleting a user takes its profile and sessions; its queries stay, anonymised.
      const [user] = await knex('users').insert({ email: 'c@x.org', hashed_password: 'h' }).returning('id');
      await knex('user_profiles').insert({
        user_id: user.id,
        software_experience: 'Beginner',
        hardware_experience: 'None',
        interests: JSON.stringify(['a']),
      });
      await knex('sessions').insert({
        user_id: user.id,
        family_id: user.id,
        refresh_hash: 'x',
        expires_at: new Date(),
      });
      await knex('chatbot_queries').insert({
        user_id: user.id,
        query: 'q',
        level: 'Beginner',
        mode: 'extractive',
        latency_ms: 1,
      });
      await knex('users').where('id', user.id).delete();
      expect(await knex('user_profiles').where('user_id', user.id)).toHaveLength(0);
      expect(await knex('sessions').where('user_id', user.id)).toHaveLength(0);
      expect((await knex('chatbot_queries').first()).user_id).toBeNull();
      await expect(
        knex('user_profiles').insert({
          user_id: user.id,
          software_experience: 'Guru',
          hardware_experience: 'None',
        }),
      ).rejects.toThrow(/invalid input value for enum/);
    } finally {
      await knex.destroy();
      await empty.drop();
    }
  });

  it(
    'when migrated up, down and up again on PGlite, then it works the same',
    { timeout: 120_000 },
    async () => {
      const dataDir = await mkdtemp(join(tmpdir(), 'ta-mig-'));
      const db = await openDatabase({ dataDir, databaseUrl: undefined });
      try {
        // knex is told the data directory's major version rather than asking `select version()`.
        const { rows } = await db.knex.raw<{ rows: { server_version: string }[] }>('SHOW server_version');
        const major = rows[0]!.server_version.split('.')[0];
        expect((db.knex.client as { version?: string }).version).toBe(major);
        for (const t of TABLES) expect(await db.knex.schema.hasTable(t)).toBe(true);
        await rollbackAll(db.knex);
        for (const t of TABLES) expect(await db.knex.schema.hasTable(t)).toBe(false);
        await migrateLatest(db.knex);
        expect(await pendingMigrations(db.knex)).toEqual([]);
      } finally {
        await db.close();
        await rm(dataDir, { recursive: true, force: true });
      }
    },
  );

  it('when the database is already current, then the start-up check is one statement, and a pending or unknown migration still goes to knex', async () => {
    const empty = await createEmptyPostgresDatabase();
    const knex = connectPostgres(empty.url);
    const seen: string[] = [];
    const onQuery = (q: { sql: string }) => seen.push(q.sql);
    try {
      await migrateLatest(knex);
      knex.on('query', onQuery);
      expect(await migrateLatest(knex)).toEqual([]);
      expect(await pendingMigrations(knex)).toEqual([]);
      expect(seen).toHaveLength(2);
      knex.off('query', onQuery);
      // One migration forgotten by the database: pending, and applied again by latest.
      const last = await knex('knex_migrations').orderBy('id', 'desc').first('name');
      const migration = (await migrationConfig.migrationSource!.getMigration(last.name)) as unknown as {
        down(k: typeof knex): Promise<void>;
      };
      await migration.down(knex);
      await knex('knex_migrations').where({ name: last.name }).delete();
      expect(await pendingMigrations(knex)).toEqual([last.name]);
      expect(await migrateLatest(knex)).toEqual([last.name]);
      // A recorded migration the folder lacks (a newer release's): knex's corrupt-directory error.
      await knex('knex_migrations').insert({
        name: '99999999999999_from_the_future.ts',
        batch: 99,
        migration_time: new Date(),
      });
      await expect(migrateLatest(knex)).rejects.toThrow(/missing.*from_the_future/s);
      await expect(pendingMigrations(knex)).rejects.toThrow(/missing.*from_the_future/s);
    } finally {
      knex.off('query', onQuery);
      await knex.destroy();
      await empty.drop();
    }
  });

  it('when DATABASE_URL points at an unmigrated database, then opening refuses with a message naming pnpm migrate', async () => {
    const empty = await createEmptyPostgresDatabase();
    try {
      const err = await openDatabase({ dataDir: tmpdir(), databaseUrl: empty.url }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ConfigError);
      expect((err as Error).message).toMatch(/not migrated.*pnpm migrate/);
    } finally {
      await empty.drop();
    }
  });

  it('when `pnpm migrate` runs against DATABASE_URL, then the BFF can open it afterwards', async () => {
    const empty = await createEmptyPostgresDatabase();
    try {
      const res = await runCommand(['node_modules/.bin/tsx', 'bff/src/platform/db/migrate-cli.ts'], {
        DATABASE_URL: empty.url,
        BETTER_AUTH_SECRET: 'y'.repeat(32),
      });
      expect(res.out).toMatch(/Applied: .*accounts/);
      expect(res.code).toBe(0);
      const db = await openDatabase({ dataDir: tmpdir(), databaseUrl: empty.url });
      await db.close();
    } finally {
      await empty.drop();
    }
  });

  it(
    'when a second opener takes a PGlite directory in use, then it fails at once with a clear message',
    { timeout: 120_000 },
    async () => {
      const dataDir = await mkdtemp(join(tmpdir(), 'ta-lock-'));
      const first = await openDatabase({ dataDir, databaseUrl: undefined });
      try {
        const err = await openDatabase({ dataDir, databaseUrl: undefined }).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(DirectoryLockedError);
        expect((err as Error).message).toMatch(/in use by another process/);
        // And another process, the way a second `pnpm start` would.
        const res = await runCommand(['node_modules/.bin/tsx', 'bff/src/main.ts'], {
          DATA_DIR: dataDir,
          PORT: '0',
        });
        expect(res.code).toBe(1);
        expect(res.out).toMatch(/in use by another process/);
        expect(res.out).not.toMatch(/\n\s+at /);
      } finally {
        await first.close();
      }
      const reopened = await openDatabase({ dataDir, databaseUrl: undefined });
      await reopened.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  );

  it('when the BFF starts with a bad variable, then it exits 1 with one line naming it', async () => {
    const res = await runCommand(['node_modules/.bin/tsx', 'bff/src/main.ts'], {
      PORT: 'not-a-port',
      DATA_DIR: tmpdir(),
    });
    expect(res.code).toBe(1);
    expect(res.out.trim().split('\n')).toHaveLength(1);
    expect(res.out).toContain('PORT');
  });
});

describe('embedded directory lock', () => {
  it('when the owning process died without releasing, then the next opener takes the stale lock', async () => {
    const { lockDirectory } = await import('../../src/platform/db/data-dir-lock.js');
    const { writeFileSync } = await import('node:fs');
    const dir = await mkdtemp(join(tmpdir(), 'ta-stale-'));
    // A pid that cannot be running: beyond the kernel's pid_max.
    writeFileSync(`${join(dir, 'db')}.lock`, JSON.stringify({ pid: 2 ** 31 - 2 }));
    const release = await lockDirectory(join(dir, 'db'), 'test store');
    await expect(lockDirectory(join(dir, 'db'), 'test store')).rejects.toThrow(/in use by another process/);
    await release();
    const again = await lockDirectory(join(dir, 'db'), 'test store');
    await again();
    await rm(dir, { recursive: true, force: true });
  });
});
