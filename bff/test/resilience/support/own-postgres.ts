import { execFile } from 'node:child_process';
import { chmod, chown, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import knexFactory from 'knex';
import { connectPostgres, openDatabase } from '../../../src/platform/db/database.js';
import { migrateLatest } from '../../../src/platform/db/migrations.js';
import type { TestDatabase } from '../../support/databases.js';
import { freePort } from '../../support/free-port.js';

export { freePort };

const run = promisify(execFile);
const BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';

/** initdb and pg_ctl refuse root: as root they run as the `postgres` user. */
async function asPostgres(cmd: string, args: string[]) {
  const root = process.getuid?.() === 0;
  return root ? run('runuser', ['-u', 'postgres', '--', join(BIN, cmd), ...args]) : run(join(BIN, cmd), args);
}

export interface OwnPostgres {
  port: number;
  url(database: string): string;
  start(): Promise<void>;
  /** `pg_ctl stop -m fast`: open transactions roll back, connections are cut. */
  stop(): Promise<void>;
  /** A migrated database on this server, opened the way the BFF opens DATABASE_URL. */
  createDatabase(name: string): Promise<TestDatabase>;
  destroy(): Promise<void>;
}

/** A PostgreSQL 15 of our own on a spare port, which a test may stop and start at will. */
export async function ownPostgres(): Promise<OwnPostgres> {
  const dir = await mkdtemp(join(tmpdir(), 'ta-pg-'));
  await chmod(dir, 0o755);
  if (process.getuid?.() === 0) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    await chown(dir, Number(stdout.trim()), Number(gid.trim()));
  }
  const data = join(dir, 'data');
  const port = await freePort();
  await asPostgres('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8']);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=60`;
  const self: OwnPostgres = {
    port,
    url: (database) => `postgres://postgres@127.0.0.1:${port}/${database}`,
    async start() {
      await asPostgres('pg_ctl', [
        '-D',
        data,
        '-o',
        options,
        '-l',
        join(dir, 'log'),
        '-w',
        '-t',
        '60',
        'start',
      ]);
    },
    async stop() {
      await asPostgres('pg_ctl', ['-D', data, '-m', 'fast', '-w', '-t', '60', 'stop']);
    },
    async createDatabase(name) {
      const admin = knexFactory({ client: 'pg', connection: self.url('postgres'), pool: { min: 0, max: 1 } });
      await admin.raw(`CREATE DATABASE ${name}`);
      await admin.destroy();
      const migrator = connectPostgres(self.url(name));
      await migrateLatest(migrator);
      await migrator.destroy();
      const dataDir = await mkdtemp(join(tmpdir(), 'ta-res-'));
      const db = await openDatabase({ dataDir, databaseUrl: self.url(name) });
      return {
        db,
        url: self.url(name),
        dataDir,
        async drop() {
          await db.close();
          await rm(dataDir, { recursive: true, force: true });
        },
      };
    },
    async destroy() {
      await self.stop().catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    },
  };
  await self.start();
  return self;
}
