/**
 * Memory and the query path: the BFF as its own process (the production build), RSS from
 * /proc/<pid>/status, idle and under query load (local mode, 20 concurrent readers), on PostgreSQL
 * and on the embedded default (one PGlite for users and the index), alternating which goes first
 * each round. Latency twice: cold (the first 5 × c + 20 answers after start, JIT and first-use costs
 * included) and steady (a fixed duration per reader count once warm, p50/p99 from autocannon's
 * histogram of every answer in it), with the server's CPU time per answer.
 *
 *   pnpm bench:memory   (BENCH_MEMORY_SECONDS default 10, BENCH_MEMORY_CELL_SECONDS default 10,
 *                        BENCH_MEMORY_ROUNDS default 2, BENCH_MEMORY_READERS default 1,20,50)
 */
import { runBenchmark } from './lib/main.js';
import { loadNote, machine, recordRun, table } from './lib/report.js';
import { runLoad, type LoadRequest, type LoadResult } from './lib/load.js';
import { fmt, median } from './lib/stats.js';
import { JSON_HEADERS } from './lib/bff.js';
import { corpusQuestions, requireCorpus } from './lib/corpus-index.js';
import { cpuMs, productionNodeFlags, rssMb, sampleRss, startChildBff } from './lib/child-bff.js';
import { DATABASE_LABEL, indexedDatabase, type DatabaseKind } from './lib/indexed-database.js';

const SECONDS = Number(process.env.BENCH_MEMORY_SECONDS ?? 10);
/** Length of each steady latency cell. */
const CELL_SECONDS = Number(process.env.BENCH_MEMORY_CELL_SECONDS ?? 10);
const ROUNDS = Number(process.env.BENCH_MEMORY_ROUNDS ?? 2);
/** Readers for the RSS-under-load figure; the latency table runs each of READERS. */
const CONCURRENCY = 20;
const READERS = (process.env.BENCH_MEMORY_READERS ?? '1,20,50').split(',').map(Number);
type Kind = DatabaseKind;

/** The production start (ops: `pnpm build`, then plain node); BENCH_ENTRY=bff/src/main.ts for tsx. */
const ENTRY = process.env.BENCH_ENTRY ?? 'bff/dist/main.js';
/** start:prod's node flags (--max-semi-space-size), so the bench runs what users run. */
const NODE_FLAGS = productionNodeFlags();

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
  /** The first answer after start (it builds the keyword side), ms. */
  firstMs: number;
  /** The next 5 × c + 20 answers at CONCURRENCY readers, before anything warmed the process up. */
  cold: Cell;
  /** readers → a CELL_SECONDS run each, after the RSS load warmed the process up. */
  latency: Map<number, Cell>;
}

interface Cell {
  p50: number;
  p99: number;
  rps: number;
  /** Server CPU (user + system) per answer, ms: what the two shared cores cost, whatever the load. */
  cpu: number;
}

/** One latency run, with the CPU time the server spent on it. */
async function cell(
  pid: number,
  baseUrl: string,
  request: LoadRequest,
  c: number,
  length: Parameters<typeof runLoad>[3],
): Promise<Cell> {
  const cpuBefore = cpuMs(pid);
  const r: LoadResult = await runLoad(baseUrl, request, c, length);
  if (r.failed > 0) throw new Error(`${r.failed} of ${r.ok + r.failed} queries failed at ${c} readers`);
  return { p50: r.p50, p99: r.p99, rps: r.rps, cpu: (cpuMs(pid) - cpuBefore) / Math.max(1, r.ok) };
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
    const bff = await startChildBff(ENTRY, database.env, { nodeArgs: NODE_FLAGS });
    try {
      await sleep(3_000);
      const idle = await idleRss(bff.pid);
      const sampler = sampleRss(bff.pid);
      // The first query builds the keyword side of the index: timed on its own, and sampled.
      const firstStarted = performance.now();
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
      const firstMs = performance.now() - firstStarted;
      const request = queries(questions);
      const cold = await cell(bff.pid, bff.baseUrl, request, CONCURRENCY, { amount: 5 * CONCURRENCY + 20 });
      const result = await runLoad(bff.baseUrl, request, CONCURRENCY, { seconds: SECONDS });
      const during = sampler.stop();
      if (result.ok === 0) throw new Error(`no query answered on ${kind} (${result.failed} failures)`);
      const latency = new Map<number, Cell>();
      for (const c of READERS)
        latency.set(c, await cell(bff.pid, bff.baseUrl, request, c, { seconds: CELL_SECONDS }));
      await sleep(3_000);
      const after = await idleRss(bff.pid);
      return {
        readyMs: bff.readyMs,
        firstMs,
        cold,
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
  const cellRow = (kind: Kind, readers: number | string, of: (x: Figures) => Cell) => {
    const m = (f: (v: Cell) => number, digits: number) =>
      fmt(median(results[kind].map((x) => f(of(x)))), digits);
    return [
      label[kind],
      readers,
      m((v) => v.rps, 1),
      m((v) => v.p50, 0),
      m((v) => v.p99, 0),
      m((v) => v.cpu, 2),
    ];
  };
  const latencyRows = (['postgres', 'pglite'] as Kind[]).flatMap((kind) =>
    READERS.map((c) => cellRow(kind, c, (x) => x.latency.get(c)!)),
  );
  const coldRows = (['postgres', 'pglite'] as Kind[]).map((kind) => [
    ...cellRow(kind, CONCURRENCY, (x) => x.cold),
    fmt(median(results[kind].map((x) => x.firstMs)), 0),
  ]);
  recordRun(
    'Memory',
    [
      loadNote(before),
      `The BFF as its own process: \`node ${[...NODE_FLAGS, ENTRY].join(' ')}\`${ENTRY.endsWith('.ts') ? ' with the tsx loader' : ' (the production build, plain node)'}, ` +
        'NODE_ENV=production, LOG_LEVEL=warn, local mode (local embedder, the index loaded into memory from the main database, extractive answers), ' +
        'the textbook ingested beforehand. Ready = spawn to the first 200 on /readyz (polled every 10 ms; the index is loaded by then). ' +
        'VmRSS sampled every 200 ms: idle = 2 s median from 3 s after ready (before any query); ' +
        `under load = POST /api/v1/query, ${CONCURRENCY} concurrent readers, ${SECONDS} s (after the cold run below); after = idle again 3 s after the latency runs. ` +
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
      `POST /api/v1/query against the same process, the 68 textbook questions in turn (autocannon, closed loop, in the benchmark's process; ` +
        `server CPU = the BFF's user + system time per answer, from /proc/<pid>/stat). Steady: ${CELL_SECONDS} s per cell after the ${SECONDS} s load above, p50/p99 over every answer in it:`,
      '',
      table(['database', 'readers', 'answers/s', 'p50 ms', 'p99 ms', 'server CPU ms/answer'], latencyRows),
      '',
      `Cold: the first ${5 * CONCURRENCY + 20} answers at ${CONCURRENCY} readers right after start (after one first answer, timed alone), before any warm-up; its p99 is close to the slowest answer and includes the JIT compiling the query path:`,
      '',
      table(
        ['database', 'readers', 'answers/s', 'p50 ms', 'p99 ms', 'server CPU ms/answer', 'first answer ms'],
        coldRows,
      ),
    ].join('\n'),
    before,
  );
}

runBenchmark('memory', main);
