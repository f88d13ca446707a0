import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../platform/logger.js';
import { createTestDatabase, type TestDatabase } from '../../test/support/databases.js';
import { createQueryLogStore, type QueryLogEntry, type QueryLogOptions } from './query-log-store.js';

const entry = (overrides: Partial<QueryLogEntry> = {}): QueryLogEntry => ({
  id: randomUUID(),
  user_id: null,
  query: 'What is a ROS topic?',
  level: 'default',
  personalization_applied: false,
  mode: 'extractive',
  latency_ms: 3,
  answered: true,
  ...overrides,
});

/** The store's warnings, as the objects it logged them with. */
function capturedLogger() {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger(
    { logLevel: 'warn' },
    { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) },
  );
  return { logger, lines };
}

describe.each(['postgres', 'pglite'] as const)('query log store on %s', (kind) => {
  let test: TestDatabase;
  /** Rows per INSERT into chatbot_queries, in the order they ran. */
  const inserts: number[] = [];
  const store = (options: Partial<QueryLogOptions> = {}) =>
    createQueryLogStore(test.db.knex, { logger: capturedLogger().logger, ...options });
  const stored = async (ids: string[]) =>
    (await test.db.knex('chatbot_queries').whereIn('id', ids).select('id', 'user_id', 'query')) as {
      id: string;
      user_id: string | null;
      query: string;
    }[];

  beforeAll(async () => {
    test = await createTestDatabase(kind);
    test.db.knex.on('query', (q: { sql: string; bindings?: unknown[] }) => {
      if (/^insert into "chatbot_queries"/i.test(q.sql)) inserts.push(q.bindings?.length ?? 0);
    });
  }, 120_000);
  afterAll(() => test?.drop());
  beforeEach(() => void (inserts.length = 0));

  it('when 20 answers record their rows at once, then none waits for the database and all 20 go in one INSERT shortly after', async () => {
    const log = store({ flushMs: 20 });
    const entries = Array.from({ length: 20 }, (_, i) => entry({ query: `question ${i}` }));
    for (const e of entries) expect(log.record(e)).toBeUndefined();
    expect(inserts).toEqual([]);
    await vi.waitFor(async () => expect(await stored(entries.map((e) => e.id))).toHaveLength(20), {
      timeout: 10_000,
    });
    expect(inserts).toHaveLength(1);
  });

  it('when a full batch is queued, then it is written without waiting for the timer, in INSERTs of at most maxBatch rows', async () => {
    const log = store({ flushMs: 600_000, maxBatch: 4 });
    const entries = Array.from({ length: 8 }, () => entry());
    for (const e of entries) log.record(e);
    await vi.waitFor(async () => expect(await stored(entries.map((e) => e.id))).toHaveLength(8), {
      timeout: 10_000,
    });
    const rows = inserts.map((bindings) => bindings / 9); // 9 columns a row
    expect(rows.reduce((a, b) => a + b, 0)).toBe(8);
    expect(Math.max(...rows)).toBeLessThanOrEqual(4);
  });

  it('when the process shuts down (close), then the rows still queued are written before it resolves', async () => {
    const log = store({ flushMs: 600_000 });
    const entries = Array.from({ length: 3 }, () => entry());
    for (const e of entries) log.record(e);
    expect(await stored(entries.map((e) => e.id))).toEqual([]);
    await log.close();
    expect(await stored(entries.map((e) => e.id))).toHaveLength(3);
  });

  it('when a reader rates an answer right after it, then the rating finds the row the answer queued', async () => {
    const log = store({ flushMs: 600_000 });
    const e = entry();
    log.record(e);
    await expect(log.setFeedback(e.id, null, 1)).resolves.toBe(true);
    const row = await test.db.knex('chatbot_queries').where({ id: e.id }).first('feedback');
    expect(row?.feedback).toBe(1);
    await expect(log.setFeedback(randomUUID(), null, 1)).resolves.toBe(false);
  });

  it('when a row is written later, then it keeps the time it was recorded', async () => {
    const log = store({ flushMs: 600_000 });
    const e = entry();
    const before = Date.now();
    log.record(e);
    await new Promise((r) => setTimeout(r, 300));
    await log.flush();
    const row = await test.db.knex('chatbot_queries').where({ id: e.id }).first('created_at');
    const at = new Date(row.created_at).getTime();
    expect(at).toBeGreaterThanOrEqual(before - 5);
    expect(at).toBeLessThan(before + 250);
  });

  it('when one row of a batch cannot be written, then the others are committed and the failure is logged, not thrown', async () => {
    const { logger, lines } = capturedLogger();
    const log = createQueryLogStore(test.db.knex, { logger, flushMs: 600_000 });
    const good = Array.from({ length: 5 }, () => entry());
    // Not a UUID: PostgreSQL rejects the whole multi-row INSERT it lands in.
    const bad = entry({ id: 'not-a-uuid' });
    for (const e of [...good.slice(0, 3), bad, ...good.slice(3)]) log.record(e);
    await expect(log.flush()).resolves.toBeUndefined();
    expect((await stored(good.map((e) => e.id))).map((r) => r.id).sort()).toEqual(
      good.map((e) => e.id).sort(),
    );
    expect(lines).toEqual([
      expect.objectContaining({
        queryId: 'not-a-uuid',
        msg: 'could not record the query in chatbot_queries',
      }),
    ]);
  });

  it('when the reader deleted their account before the row was written, then the row is kept anonymous', async () => {
    const [user] = await test.db
      .knex('users')
      .insert({ email: `${randomUUID()}@example.org`, hashed_password: 'x' })
      .returning('id');
    const log = store({ flushMs: 600_000 });
    const mine = entry({ user_id: user.id as string });
    const other = entry();
    log.record(mine);
    log.record(other);
    await test.db.knex('users').where({ id: user.id }).delete();
    await log.flush();
    expect(await stored([mine.id, other.id])).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: mine.id, user_id: null }),
        expect.objectContaining({ id: other.id, user_id: null }),
      ]),
    );
  });

  it('when more rows are recorded than the queue holds, then the extra ones are dropped and counted in a warning', async () => {
    const { logger, lines } = capturedLogger();
    const log = createQueryLogStore(test.db.knex, { logger, flushMs: 600_000, maxBatch: 100, maxQueued: 3 });
    const entries = Array.from({ length: 5 }, () => entry());
    for (const e of entries) log.record(e);
    await log.flush();
    expect((await stored(entries.map((e) => e.id))).map((r) => r.id).sort()).toEqual(
      entries
        .slice(0, 3)
        .map((e) => e.id)
        .sort(),
    );
    expect(lines).toEqual([expect.objectContaining({ dropped: 2, maxQueued: 3 })]);
  });
});

describe('query log store while the database is down', () => {
  it('when every INSERT fails, then record never throws, flush resolves, and each lost row is logged', async () => {
    const test = await createTestDatabase('postgres');
    const knex = test.db.knex;
    const { logger, lines } = capturedLogger();
    const log = createQueryLogStore(knex, { logger, flushMs: 600_000 });
    await knex.schema.renameTable('chatbot_queries', 'chatbot_queries_away');
    try {
      log.record(entry());
      log.record(entry());
      await expect(log.flush()).resolves.toBeUndefined();
      expect(lines.filter((l) => l.msg === 'could not record the query in chatbot_queries')).toHaveLength(2);
    } finally {
      await knex.schema.renameTable('chatbot_queries_away', 'chatbot_queries');
      await test.drop();
    }
  });
});
