import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, aSignup } from '../support/client.js';
import type { TestDatabase } from '../support/databases.js';
import { TEST_SECRET } from '../support/test-app.js';
import { startBffProcess, type BffProcess } from './support/bff-process.js';
import { freePort, ownPostgres, type OwnPostgres } from './support/own-postgres.js';

// A real BFF process (its stdout and stderr are what an operator's log collector reads) while its
// PostgreSQL goes away and comes back: knex's own "Connection Error: …" messages, which it prints
// with console.warn unless given a logger, arrive as pino JSON lines like every other line, and
// nothing the process writes holds the DATABASE_URL password.

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
// The server trusts every local connection, so this password is sent and ignored: it is in
// DATABASE_URL only to show that no log line repeats it.
const PASSWORD = 'pg-pass-9f3c1e77d2';

describe('knex connection errors during a database outage', () => {
  let pg: OwnPostgres;
  let database: TestDatabase;
  let bff: BffProcess | undefined;

  beforeAll(async () => {
    pg = await ownPostgres();
    database = await pg.createDatabase(`ta_outage_log_${Date.now()}`);
    const url = database.url!.replace('postgres@', `postgres:${PASSWORD}@`);
    bff = await startBffProcess(await freePort(), {
      DATABASE_URL: url,
      DATA_DIR: database.dataDir,
      BETTER_AUTH_SECRET: TEST_SECRET,
      BCRYPT_COST: '10',
      LOG_LEVEL: 'info',
    });
  });
  afterAll(async () => {
    if (bff && bff.child.exitCode === null) {
      bff.child.kill('SIGTERM');
      await bff.exited;
    }
    await database?.drop();
    await pg?.destroy();
  });

  it('when PostgreSQL stops under pooled connections and starts again, then knex says so in pino JSON without the password', async () => {
    const reader = new ApiClient(bff!.baseUrl);
    // Several connections in knex's pool, idle when the server goes away.
    const readers = await Promise.all(
      Array.from({ length: 4 }, async () => {
        const client = new ApiClient(bff!.baseUrl);
        expect((await client.post('/api/v1/auth/signup', aSignup())).status).toBe(201);
        return client;
      }),
    );
    await Promise.all(readers.map((r) => r.get('/api/v1/profile')));

    await pg.stop();
    await sleep(500);
    // Acquiring a pooled connection that the server cut is where knex logs "Connection Error".
    for (const r of readers) expect((await r.get('/api/v1/profile')).status).toBe(503);
    await pg.start();
    const deadline = Date.now() + 30_000;
    let recovered = false;
    while (!recovered && Date.now() < deadline) {
      recovered = (await reader.post('/api/v1/auth/signup', aSignup())).status === 201;
      if (!recovered) await sleep(200);
    }
    expect(recovered).toBe(true);

    const output = bff!.output();
    const lines = output.split('\n').filter((l) => l.trim() !== '');
    const notJson = lines.filter((l) => {
      try {
        return typeof JSON.parse(l) !== 'object';
      } catch {
        return true;
      }
    });
    expect(notJson).toEqual([]);
    const records = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    const fromKnex = records.filter((r) => r.component === 'knex');
    expect(fromKnex.length).toBeGreaterThan(0);
    expect(fromKnex.some((r) => String(r.knex).startsWith('Connection Error:'))).toBe(true);
    for (const r of fromKnex) {
      expect(r.level).toBe(40); // pino's warn
      expect(typeof r.time).toBe('number');
      expect(r.msg).toMatch(/^knex /);
    }
    expect(output).not.toContain(PASSWORD);
  });
});
