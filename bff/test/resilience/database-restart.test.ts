import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { ApiClient, aSignup } from '../support/client.js';
import type { TestDatabase } from '../support/databases.js';
import { ownPostgres, type OwnPostgres } from './support/own-postgres.js';

// PostgreSQL stopped (pg_ctl stop -m fast) and started again while readers sign up and edit their
// profiles: meanwhile the answer is 503 database_unavailable with Retry-After, never a 500; the
// BFF recovers by itself; nothing acknowledged is lost and nothing is half-written.

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const WORKERS = 6;

interface Outcome {
  status: number;
  code?: string;
  retryAfter: string | null;
}

describe('PostgreSQL stopped and restarted under load', () => {
  let pg: OwnPostgres;
  let database: TestDatabase;
  let app: TestApp;
  beforeAll(async () => {
    pg = await ownPostgres();
    database = await pg.createDatabase(`ta_res_${Date.now()}`);
    app = await startTestApp({ database, env: { BCRYPT_COST: '10' } });
  });
  afterAll(async () => {
    await app?.close();
    await database?.drop();
    await pg?.destroy();
  });

  it('when the database goes away and comes back, then requests get 503 meanwhile, the BFF recovers and no acknowledged write is lost', async () => {
    const outcomes: Outcome[] = [];
    const acknowledgedSignups: string[] = [];
    const readers = await Promise.all(
      Array.from({ length: WORKERS }, async () => {
        const client = new ApiClient(app.baseUrl);
        expect((await client.post('/api/v1/auth/signup', aSignup())).status).toBe(201);
        return { client, lastAcked: 0, lastTried: 0 };
      }),
    );
    const record = (res: { status: number; body: unknown; headers: Headers }) => {
      const code = (res.body as { error?: { code?: string } } | undefined)?.error?.code;
      outcomes.push({ status: res.status, code, retryAfter: res.headers.get('retry-after') });
    };
    let running = true;
    const worker = async (reader: (typeof readers)[number]) => {
      while (running) {
        const n = reader.lastTried + 1;
        reader.lastTried = n;
        const put = await reader.client.put('/api/v1/profile', { interests: [`v${n}`] }).catch(() => null);
        if (put) record(put);
        if (put?.status === 200) reader.lastAcked = n;
        const body = aSignup();
        const signup = await new ApiClient(app.baseUrl).post('/api/v1/auth/signup', body).catch(() => null);
        if (signup) record(signup);
        if (signup?.status === 201) acknowledgedSignups.push(body.email);
        const get = await reader.client.get('/api/v1/profile').catch(() => null);
        if (get) record(get);
        await sleep(20);
      }
    };
    const load = Promise.all(readers.map(worker));

    await sleep(1500);
    await pg.stop();
    const downAt = outcomes.length;
    await sleep(3000);
    const readyWhileDown = await new ApiClient(app.baseUrl).get<Record<string, any>>('/readyz');
    await pg.start();
    // Recovery without a restart of the BFF: the next profile read succeeds within seconds.
    const upAt = Date.now();
    let recoveredAfterMs = -1;
    while (Date.now() - upAt < 30_000) {
      const res = await readers[0]!.client.get('/api/v1/profile');
      if (res.status === 200) {
        recoveredAfterMs = Date.now() - upAt;
        break;
      }
      await sleep(100);
    }
    await sleep(1500);
    running = false;
    await load;

    const during = outcomes.slice(downAt);
    const byStatus = outcomes.reduce<Record<number, number>>(
      (acc, o) => ({ ...acc, [o.status]: (acc[o.status] ?? 0) + 1 }),
      {},
    );
    console.log(
      `[db-restart] ${outcomes.length} requests, statuses ${JSON.stringify(byStatus)}, recovered ${recoveredAfterMs} ms after restart`,
    );
    expect(readyWhileDown.status).toBe(503);
    expect(readyWhileDown.body.checks.database.status).toBe('down');
    expect(recoveredAfterMs).toBeGreaterThanOrEqual(0);
    expect(outcomes.filter((o) => o.status >= 500 && o.status !== 503)).toEqual([]);
    const unavailable = during.filter((o) => o.status === 503);
    expect(unavailable.length).toBeGreaterThan(0);
    for (const o of unavailable)
      expect(o).toEqual({ status: 503, code: 'database_unavailable', retryAfter: '5' });
    expect(outcomes.filter((o) => o.status === 500)).toEqual([]);

    // Nothing acknowledged is lost, nothing is half-written.
    const knex = database.db.knex;
    const stored = await knex('users').whereIn('email', acknowledgedSignups).select('email');
    expect(stored.length).toBe(acknowledgedSignups.length);
    const orphans = await knex('users as u')
      .leftJoin('user_profiles as p', 'p.user_id', 'u.id')
      .whereNull('p.user_id');
    expect(orphans).toEqual([]);
    for (const reader of readers) {
      const res = await reader.client.get<{ profile: { interests: string[] } }>('/api/v1/profile');
      expect(res.status).toBe(200);
      const stored = Number(res.body.profile.interests[0]!.slice(1));
      expect(stored).toBeGreaterThanOrEqual(reader.lastAcked);
      expect(stored).toBeLessThanOrEqual(reader.lastTried);
    }
    // The database check is ok again (this BFF has no ingested book, so /readyz as a whole stays 503
    // on its `index` check by design).
    const readyAfter = await new ApiClient(app.baseUrl).get<Record<string, any>>('/readyz');
    expect(readyAfter.body.checks.database.status).toBe('ok');
  });
});
