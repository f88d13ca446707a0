import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/support/databases.js';
import { createQueryLogStore, type QueryLogEntry } from './query-log-store.js';

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

describe.each(['postgres', 'pglite'] as const)('query log store on %s', (kind) => {
  let test: TestDatabase;
  const inserts: number[] = [];
  beforeAll(async () => {
    test = await createTestDatabase(kind);
    test.db.knex.on('query', (q: { sql: string; bindings?: unknown[] }) => {
      if (/^insert into "chatbot_queries"/i.test(q.sql)) inserts.push(q.bindings?.length ?? 0);
    });
  }, 120_000);
  afterAll(() => test?.drop());

  it('when 20 answers record their rows at once, then every row is committed when its call resolves, in fewer INSERTs than rows', async () => {
    const store = createQueryLogStore(test.db.knex);
    inserts.length = 0;
    const entries = Array.from({ length: 20 }, (_, i) => entry({ query: `question ${i}` }));
    await Promise.all(
      entries.map(async (e) => {
        await store.insert(e);
        // Resolved means written: the row is there for a 👍 right after the answer.
        const row = await test.db.knex('chatbot_queries').where({ id: e.id }).first('query');
        expect(row?.query).toBe(e.query);
      }),
    );
    expect(inserts.length).toBeLessThan(entries.length);
    const [counted] = await test.db
      .knex('chatbot_queries')
      .whereIn(
        'id',
        entries.map((e) => e.id),
      )
      .count({ n: '*' });
    expect(Number(counted?.n)).toBe(20);
  });

  it('when one row of a batch cannot be written, then only its caller fails and the others are committed', async () => {
    const store = createQueryLogStore(test.db.knex);
    const good = Array.from({ length: 5 }, () => entry());
    // Not a UUID: PostgreSQL rejects the whole multi-row INSERT it lands in.
    const bad = entry({ id: 'not-a-uuid' });
    const first = store.insert(entry()); // in flight, so the next six queue up as one batch
    const results = await Promise.allSettled(
      [...good.slice(0, 3), bad, ...good.slice(3)].map((e) => store.insert(e)),
    );
    await first;
    expect(results.map((r) => r.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'fulfilled',
      'rejected',
      'fulfilled',
      'fulfilled',
    ]);
    const ids = (
      await test.db
        .knex('chatbot_queries')
        .whereIn(
          'id',
          good.map((e) => e.id),
        )
        .select('id')
    ).map((r: { id: string }) => r.id);
    expect(ids.sort()).toEqual(good.map((e) => e.id).sort());
  });
});
