/**
 * Ingestion: a full ingest of the textbook into a fresh database (local embedder, the index as rows
 * of PostgreSQL or of the embedded PGlite) in MB of Markdown per minute, then an unchanged re-ingest
 * and a one-page edit, in seconds. Runs on a temporary copy of the corpus so the edit never touches
 * ../shared. Alternates PostgreSQL and PGlite each round. CPU time is the process's user + system,
 * parse threads included: less sensitive to the machine's load than the wall time.
 *
 *   pnpm bench:ingest          (BENCH_INGEST_ROUNDS, default 3; BENCH_INGEST_PARSE_WORKERS: unset, the
 *                               ingest's own choice, a parse pool when the changed pages pay for it;
 *                               0 parses in-process, for a side-by-side)
 */
import { cp, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ingestDocs, listDocFiles, type IngestProgress } from '../bff/src/rag/ingest/ingest.js';
import { LocalEmbedder } from '../bff/src/rag/local/local-embedder.js';
import { MemoryIndexStore } from '../bff/src/rag/stores/memory-index-store.js';
import { createTestDatabase, type TestDatabase } from '../bff/test/support/databases.js';
import { runBenchmark } from './lib/main.js';
import { loadNote, machine, recordRun, table } from './lib/report.js';
import { fmt, median } from './lib/stats.js';
import { BASE_URL, requireCorpus } from './lib/corpus-index.js';
import { updateRagSummary } from './lib/rag-summary.js';

const rounds = Number(process.env.BENCH_INGEST_ROUNDS ?? 3);
const parseWorkers = workersSetting(process.env.BENCH_INGEST_PARSE_WORKERS);

function workersSetting(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^\d+$/.test(raw.trim()))
    throw new Error(
      `BENCH_INGEST_PARSE_WORKERS must be a whole number of threads (0 = in-process), not "${raw}"`,
    );
  return Number(raw);
}

interface Timed {
  seconds: number;
  /** User + system CPU of the process (main thread and parse threads). */
  cpuSeconds: number;
  /** From the start to the first embed event: reading, hashing, parsing, chunking and the manifest. */
  parseSeconds: number;
  embedded: number;
  deleted: number;
}

type Kind = 'postgres' | 'pglite';

async function timedIngest(docsDir: string, store: MemoryIndexStore): Promise<Timed> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  let parseEnd = 0;
  const onProgress = (p: IngestProgress) => {
    if (p.phase === 'embed' && parseEnd === 0) parseEnd = performance.now();
  };
  const summary = await ingestDocs({
    docsDir,
    baseUrl: BASE_URL,
    embedder: new LocalEmbedder(),
    store,
    parseWorkers,
    onProgress,
  });
  const end = performance.now();
  const used = process.cpuUsage(cpu);
  return {
    seconds: (end - started) / 1000,
    cpuSeconds: (used.user + used.system) / 1e6,
    parseSeconds: ((parseEnd || end) - started) / 1000,
    embedded: summary.added + summary.updated,
    deleted: summary.deleted,
  };
}

async function main(): Promise<void> {
  const corpus = requireCorpus();
  const before = machine();
  const work = await mkdtemp(join(tmpdir(), 'ta-bench-ingest-'));
  const docs = join(work, 'docs');
  await cp(corpus, docs, { recursive: true });
  const files = await listDocFiles(docs);
  let bytes = 0;
  for (const f of files) bytes += (await stat(f)).size;
  const mb = bytes / 1_000_000;
  const edited = files.find((f) => f.endsWith('03-sensing-perception.md')) ?? files[0]!;
  const original = await readFile(edited, 'utf8');

  const results = { postgres: [] as Timed[][], pglite: [] as Timed[][] };
  const opens: Record<Kind, number[]> = { postgres: [], pglite: [] };
  try {
    for (let round = 0; round < rounds; round++) {
      for (const kind of (round % 2 === 0 ? ['postgres', 'pglite'] : ['pglite', 'postgres']) as Kind[]) {
        const t0 = performance.now();
        const test: TestDatabase = await createTestDatabase(kind);
        opens[kind].push((performance.now() - t0) / 1000);
        const store = new MemoryIndexStore(test.db.knex, { pollMs: 0 });
        try {
          const full = await timedIngest(docs, store);
          const unchanged = await timedIngest(docs, store);
          await writeFile(
            edited,
            `${original}\n\n## Bench edit ${round}\n\nA paragraph added by the ingestion benchmark, round ${round}.\n`,
          );
          results[kind].push([full, unchanged, await timedIngest(docs, store)]);
        } finally {
          await writeFile(edited, original);
          await store.close();
          await test.drop();
        }
      }
      process.stdout.write(`  ingest: round ${round + 1}/${rounds}\r`);
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  const at = (kind: Kind, i: number) => results[kind].map((r) => r[i]!);
  const fullS = (kind: Kind) => median(at(kind, 0).map((t) => t.seconds));
  const rows = (['postgres', 'pglite'] as Kind[]).flatMap((kind) => {
    const label = kind === 'postgres' ? 'PostgreSQL' : 'PGlite (embedded)';
    const row = (what: string, t: Timed[], extra: string) => [
      `${label}: ${what}`,
      fmt(median(t.map((x) => x.seconds)), 2),
      fmt(median(t.map((x) => x.cpuSeconds)), 2),
      fmt(median(t.map((x) => x.parseSeconds)), 2),
      median(t.map((x) => x.embedded)),
      extra,
    ];
    return [
      row(
        'full ingest',
        at(kind, 0),
        `${fmt((mb / fullS(kind)) * 60, 1)} MB/min, ${fmt(median(at(kind, 0).map((t) => t.cpuSeconds)) / mb, 2)} s CPU/MB`,
      ),
      row('re-ingest, nothing changed', at(kind, 1), '–'),
      row('re-ingest, one page edited', at(kind, 2), '–'),
    ];
  });
  recordRun(
    'Ingestion',
    [
      loadNote(before),
      `${files.length} pages, ${fmt(mb, 2)} MB of Markdown (a copy of ../shared/corpus/physical-ai-textbook/docs), local embedder, ` +
        'the index as rows of a fresh, migrated database (PostgreSQL 15 on 127.0.0.1, or PGlite in a fresh DATA_DIR), in-process ' +
        `(the \`pnpm ingest\` CLI adds Node start-up). Median of ${rounds} rounds, PostgreSQL and PGlite alternating; each round: full ingest, ` +
        'unchanged re-ingest, one page edited (a section appended). ' +
        (parseWorkers === undefined
          ? 'Pages parsed as the ingest chooses (a thread per core when the changed pages are ≥ 64 KB, threads kept warm between ingests). '
          : `Pages parsed with BENCH_INGEST_PARSE_WORKERS=${parseWorkers}${parseWorkers === 0 ? ' (in-process)' : ''}. `) +
        'Creating and migrating the database is not in the ingest time: ' +
        `${fmt(median(opens.postgres), 2)} s on PostgreSQL, ${fmt(median(opens.pglite), 2)} s for a fresh PGlite DATA_DIR.`,
      '',
      table(['run', 'seconds', 'CPU s', 'read+parse+plan s', 'chunks embedded', 'throughput'], rows),
    ].join('\n'),
    before,
  );
  const m = machine();
  updateRagSummary(
    'ingest (full, fresh database)',
    `${fmt((mb / fullS('postgres')) * 60, 1)} MB/min on PostgreSQL, ${fmt((mb / fullS('pglite')) * 60, 1)} on PGlite (${fmt(mb, 2)} MB)`,
    'bench:ingest',
    m,
  );
  updateRagSummary(
    'unchanged re-ingest / one-page edit',
    `${fmt(median(at('postgres', 1).map((t) => t.seconds)), 2)} s / ${fmt(median(at('postgres', 2).map((t) => t.seconds)), 2)} s (PostgreSQL)`,
    'bench:ingest',
    m,
  );
}

runBenchmark('ingest', main);
