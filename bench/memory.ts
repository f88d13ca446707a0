/**
 * Memory: the BFF as its own process (bff/src/main.ts), RSS from /proc/<pid>/status, idle and
 * under query load (local mode, 10 concurrent readers), on PostgreSQL and on the embedded default
 * (one PGlite for users and the index), alternating which goes first each round.
 *
 *   pnpm bench:memory          (BENCH_MEMORY_SECONDS default 10, BENCH_MEMORY_ROUNDS default 2)
 */
import { runBenchmark } from './lib/main.js';
import { loadNote, machine, recordRun, table } from './lib/report.js';
import { runLoad, type LoadRequest } from './lib/load.js';
import { fmt, median } from './lib/stats.js';
import { JSON_HEADERS } from './lib/bff.js';
import { corpusQuestions, requireCorpus } from './lib/corpus-index.js';
import { rssMb, sampleRss, startChildBff } from './lib/child-bff.js';
import { DATABASE_LABEL, indexedDatabase, type DatabaseKind } from './lib/indexed-database.js';

const SECONDS = Number(process.env.BENCH_MEMORY_SECONDS ?? 10);
const ROUNDS = Number(process.env.BENCH_MEMORY_ROUNDS ?? 2);
/** Readers for the RSS-under-load figure; the latency table runs each of READERS. */
const CONCURRENCY = 20;
const READERS = (process.env.BENCH_MEMORY_READERS ?? '1,20,50').split(',').map(Number);
type Kind = DatabaseKind;

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

/** POST /api/v1/query with the next of `questions` each time. */
function queries(questions: string[]): LoadRequest {
  let next = 0;
  return {
    method: 'POST',
    path: '/api/v1/query',
    headers: JSON_HEADERS,
    body: () => JSON.stringify({ query: questions[next++ % questions.length] }),
  };
}

async function measure(kind: Kind, docs: string, questions: string[]): Promise<Figures> {
  const database = await indexedDatabase(kind, docs);
  try {
    const bff = await startChildBff(ENTRY, database.env);
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
      const request = queries(questions);
      const result = await runLoad(bff.baseUrl, request, CONCURRENCY, { seconds: SECONDS });
      const during = sampler.stop();
      if (result.ok === 0) throw new Error(`no query answered on ${kind} (${result.failed} failures)`);
      const latency = new Map<number, { p50: number; p99: number; rps: number }>();
      for (const c of READERS) {
        const r = await runLoad(bff.baseUrl, request, c, { amount: 5 * c + 20 });
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
    await database.dispose();
  }
}

async function main(): Promise<void> {
  const docs = requireCorpus();
  const before = machine();
  const questions = (await corpusQuestions()).map((q) => q.question);
  const results: Record<Kind, Figures[]> = { postgres: [], pglite: [] };
  for (let round = 0; round < ROUNDS; round++) {
    for (const kind of (round % 2 === 0 ? ['postgres', 'pglite'] : ['pglite', 'postgres']) as Kind[]) {
      results[kind].push(await measure(kind, docs, questions));
      console.log(`  memory: ${kind} round ${round + 1}/${ROUNDS}`);
    }
  }
  const label = DATABASE_LABEL;
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
