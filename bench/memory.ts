/**
 * Memory: the BFF as its own process (bff/src/main.ts), RSS from /proc/<pid>/status, idle and
 * under query load (local mode, 10 concurrent readers), on PostgreSQL and on the embedded default
 * (one PGlite for users and the index), alternating which goes first each round.
 *
 *   pnpm bench:memory          (BENCH_MEMORY_SECONDS default 10, BENCH_MEMORY_ROUNDS default 2)
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import type { Database } from '../bff/src/platform/db/database.js';
import { join, resolve } from 'node:path';
import { ingestDocs } from '../bff/src/rag/ingest/ingest.js';
import { LocalEmbedder } from '../bff/src/rag/local/local-embedder.js';
import { MemoryIndexStore } from '../bff/src/rag/stores/memory-index-store.js';
import { connectPostgres, openDatabase } from '../bff/src/platform/db/database.js';
import { migrateLatest } from '../bff/src/platform/db/migrations.js';
import { createEmptyPostgresDatabase } from '../bff/test/support/databases.js';
import { benchDir } from './lib/env.js';
import { runBenchmark } from './lib/main.js';
import { loadNote, machine, recordRun, table } from './lib/report.js';
import { runLoad } from './lib/load.js';
import { fmt, median } from './lib/stats.js';
import { BENCH_SECRET, JSON_HEADERS, RAISED_LIMITS } from './lib/bff.js';
import { BASE_URL, requireCorpus } from './lib/corpus-index.js';
import { rssMb, sampleRss, startChildBff } from './lib/child-bff.js';

const SECONDS = Number(process.env.BENCH_MEMORY_SECONDS ?? 10);
const ROUNDS = Number(process.env.BENCH_MEMORY_ROUNDS ?? 2);
/** Readers for the RSS-under-load figure; the latency table runs each of READERS. */
const CONCURRENCY = 20;
const READERS = (process.env.BENCH_MEMORY_READERS ?? '1,20,50').split(',').map(Number);
type Kind = 'postgres' | 'pglite';

/** The production start (ops: `pnpm build`, then plain node); BENCH_ENTRY=bff/src/main.ts for tsx. */
const ENTRY = process.env.BENCH_ENTRY ?? 'bff/dist/main.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function idleRss(pid: number): Promise<number> {
  const sampler = sampleRss(pid);
  await sleep(2_000);
  return median(sampler.stop());
}

interface Figures {
  idle: number;
  loadMedian: number;
  loadPeak: number;
  after: number;
  hwm: number;
  answers: number;
  readyMs: number;
  /** readers → p50, p99 ms and answers/s, one fixed-count run each. */
  latency: Map<number, { p50: number; p99: number; rps: number }>;
}

async function ingestInto(knex: Database['knex'], docs: string): Promise<void> {
  const store = new MemoryIndexStore(knex, { pollMs: 0 });
  await ingestDocs({ docsDir: docs, baseUrl: BASE_URL, embedder: new LocalEmbedder(), store });
  await store.close();
}

async function measure(kind: Kind, docs: string, questions: string[]): Promise<Figures> {
  const dataDir = await mkdtemp(join(tmpdir(), 'ta-bench-mem-'));
  let dropDb = async () => undefined as void;
  try {
    const env: Record<string, string> = {
      NODE_ENV: 'production',
      DATA_DIR: dataDir,
      BETTER_AUTH_SECRET: BENCH_SECRET,
      LOG_LEVEL: 'warn',
      ...RAISED_LIMITS,
    };
    if (kind === 'postgres') {
      const empty = await createEmptyPostgresDatabase();
      dropDb = empty.drop;
      const migrator = connectPostgres(empty.url);
      await migrateLatest(migrator);
      await ingestInto(migrator, docs);
      await migrator.destroy();
      env.DATABASE_URL = empty.url;
    } else {
      // Created, migrated and ingested here, so the BFF reopens it as it would on every later start.
      const db = await openDatabase({ dataDir, databaseUrl: undefined });
      await ingestInto(db.knex, docs);
      await db.close();
    }
    const bff = await startChildBff(ENTRY, env);
    try {
      await sleep(3_000);
      const idle = await idleRss(bff.pid);
      const sampler = sampleRss(bff.pid);
      // The first query opens the vector store and builds the keyword index: not timed, but sampled.
      const first = await fetch(`${bff.baseUrl}/api/v1/query`, {
        method: 'POST',
        headers: JSON_HEADERS,
        body: JSON.stringify({ query: questions[0] }),
      });
      if (first.status !== 200)
        throw new Error(
          `POST /api/v1/query answered ${first.status} on ${kind}: ${(await first.text()).slice(0, 200)}`,
        );
      await first.arrayBuffer();
      let next = 0;
      const result = await runLoad(
        bff.baseUrl,
        {
          method: 'POST',
          path: '/api/v1/query',
          headers: JSON_HEADERS,
          body: () => JSON.stringify({ query: questions[next++ % questions.length] }),
        },
        CONCURRENCY,
        { seconds: SECONDS },
      );
      const during = sampler.stop();
      if (result.ok === 0) throw new Error(`no query answered on ${kind} (${result.failed} failures)`);
      const latency = new Map<number, { p50: number; p99: number; rps: number }>();
      for (const c of READERS) {
        const r = await runLoad(
          bff.baseUrl,
          {
            method: 'POST',
            path: '/api/v1/query',
            headers: JSON_HEADERS,
            body: () => JSON.stringify({ query: questions[next++ % questions.length] }),
          },
          c,
          { amount: 5 * c + 20 },
        );
        latency.set(c, { p50: r.p50, p99: r.p99, rps: r.rps });
      }
      await sleep(3_000);
      const after = await idleRss(bff.pid);
      return {
        readyMs: bff.readyMs,
        latency,
        idle,
        loadMedian: median(during),
        loadPeak: Math.max(...during),
        after,
        hwm: rssMb(bff.pid, 'VmHWM'),
        answers: result.rps,
      };
    } finally {
      await bff.stop();
    }
  } finally {
    await dropDb();
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const docs = requireCorpus();
  const before = machine();
  const questions = (
    JSON.parse(await readFile(resolve(benchDir, 'rag/corpus-questions.json'), 'utf8')) as {
      question: string;
    }[]
  ).map((q) => q.question);
  const results: Record<Kind, Figures[]> = { postgres: [], pglite: [] };
  for (let round = 0; round < ROUNDS; round++) {
    for (const kind of (round % 2 === 0 ? ['postgres', 'pglite'] : ['pglite', 'postgres']) as Kind[]) {
      results[kind].push(await measure(kind, docs, questions));
      console.log(`  memory: ${kind} round ${round + 1}/${ROUNDS}`);
    }
  }
  const label = { postgres: 'PostgreSQL (DATABASE_URL)', pglite: 'embedded PGlite (default)' };
  const row = (kind: Kind) => {
    const r = results[kind];
    const m = (f: (x: Figures) => number) => fmt(median(r.map(f)), 0);
    return [
      label[kind],
      m((x) => x.readyMs),
      m((x) => x.idle),
      m((x) => x.loadMedian),
      m((x) => x.loadPeak),
      m((x) => x.after),
      m((x) => x.hwm),
      fmt(median(r.map((x) => x.answers)), 1),
    ];
  };
  const latencyRows = (['postgres', 'pglite'] as Kind[]).flatMap((kind) =>
    READERS.map((c) => {
      const cell = (f: (v: { p50: number; p99: number; rps: number }) => number, digits: number) =>
        fmt(median(results[kind].map((x) => f(x.latency.get(c)!))), digits);
      return [label[kind], c, cell((v) => v.rps, 1), cell((v) => v.p50, 0), cell((v) => v.p99, 0)];
    }),
  );
  recordRun(
    'Memory',
    [
      loadNote(before),
      `The BFF as its own process: \`node ${ENTRY}\`${ENTRY.endsWith('.ts') ? ' with the tsx loader' : ' (the production build, plain node)'}, ` +
        'NODE_ENV=production, LOG_LEVEL=warn, local mode (local embedder, the index loaded into memory from the main database, extractive answers), ' +
        'the textbook ingested beforehand. Ready = spawn to the first 200 on /readyz (polled every 10 ms; the index is loaded by then). ' +
        'VmRSS sampled every 200 ms: idle = 2 s median from 3 s after ready (before any query); ' +
        `under load = POST /api/v1/query, ${CONCURRENCY} concurrent readers, ${SECONDS} s; after = idle again 3 s after the latency runs. ` +
        `Medians of ${ROUNDS} rounds, alternating order. On the embedded default the database was created and ingested beforehand, so this is a reopen.`,
      '',
      table(
        [
          'database',
          'start→/readyz ms',
          'idle MB',
          'under load MB (median)',
          'peak MB',
          'idle after MB',
          'VmHWM MB',
          'answers/s',
        ],
        [row('postgres'), row('pglite')],
      ),
      '',
      `POST /api/v1/query against the same process, the 68 textbook questions in turn, 5 × c + 20 requests per cell (autocannon, closed loop, in the benchmark's process):`,
      '',
      table(['database', 'readers', 'answers/s', 'p50 ms', 'p99 ms'], latencyRows),
    ].join('\n'),
    before,
  );
}

runBenchmark('memory', main);
