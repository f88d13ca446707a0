/**
 * Ingestion: a full ingest of the textbook into a fresh DATA_DIR (local embedder, pgvector in
 * PGlite) in MB of Markdown per minute, then an unchanged re-ingest and a one-page edit, in seconds.
 * Runs on a temporary copy of the corpus so the edit never touches ../shared.
 *
 *   pnpm bench:ingest          (BENCH_INGEST_ROUNDS, default 3)
 */
import { cp, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ingestDocs, listDocFiles, type IngestProgress } from '../bff/src/rag/ingest/ingest.js';
import { LocalEmbedder } from '../bff/src/rag/local/local-embedder.js';
import { PgvectorStore } from '../bff/src/rag/stores/pgvector-store.js';
import { runBenchmark } from './lib/main.js';
import { loadNote, machine, recordRun, table } from './lib/report.js';
import { fmt, median } from './lib/stats.js';
import { BASE_URL, requireCorpus } from './lib/corpus-index.js';
import { updateRagSummary } from './lib/rag-summary.js';

const rounds = Number(process.env.BENCH_INGEST_ROUNDS ?? 3);

interface Timed {
  seconds: number;
  /** Opening the store's PGlite (initdb on a fresh DATA_DIR). */
  openSeconds: number;
  /** From open to the first embed event: reading, parsing, chunking, ensure and the manifest. */
  parseSeconds: number;
  embedded: number;
  deleted: number;
}

async function timedIngest(docsDir: string, store: PgvectorStore): Promise<Timed> {
  const started = performance.now();
  await store.info(); // opens PGlite on first use
  const opened = performance.now();
  let parseEnd = 0;
  const onProgress = (p: IngestProgress) => {
    if (p.phase === 'embed' && parseEnd === 0) parseEnd = performance.now();
  };
  const summary = await ingestDocs({
    docsDir,
    baseUrl: BASE_URL,
    embedder: new LocalEmbedder(),
    store,
    onProgress,
  });
  const end = performance.now();
  return {
    seconds: (end - started) / 1000,
    openSeconds: (opened - started) / 1000,
    parseSeconds: (parseEnd - opened) / 1000,
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

  const full: Timed[] = [];
  const unchanged: Timed[] = [];
  const oneEdit: Timed[] = [];
  try {
    for (let round = 0; round < rounds; round++) {
      const dataDir = join(work, `data-${round}`);
      const store = new PgvectorStore({ dataDir });
      try {
        full.push(await timedIngest(docs, store));
        unchanged.push(await timedIngest(docs, store));
        await writeFile(
          edited,
          `${original}\n\n## Bench edit ${round}\n\nA paragraph added by the ingestion benchmark, round ${round}.\n`,
        );
        oneEdit.push(await timedIngest(docs, store));
      } finally {
        await writeFile(edited, original);
        await store.close();
        await rm(dataDir, { recursive: true, force: true });
      }
      process.stdout.write(`  ingest: round ${round + 1}/${rounds}\r`);
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  const fullS = median(full.map((t) => t.seconds));
  const row = (label: string, t: Timed[], extra: string) => [
    label,
    fmt(median(t.map((x) => x.seconds)), 2),
    fmt(median(t.map((x) => x.openSeconds)), 2),
    fmt(median(t.map((x) => x.parseSeconds)), 2),
    median(t.map((x) => x.embedded)),
    extra,
  ];
  recordRun(
    'Ingestion',
    [
      loadNote(before),
      `${files.length} pages, ${fmt(mb, 2)} MB of Markdown (a copy of ../shared/corpus/physical-ai-textbook/docs), local embedder, ` +
        `pgvector in a fresh PGlite DATA_DIR (first open, initdb included), in-process (the \`pnpm ingest\` CLI adds tsx start-up). ` +
        `Median of ${rounds} rounds; each round: full ingest, unchanged re-ingest, one page edited (a section appended).`,
      '',
      table(
        ['run', 'seconds', 'of which PGlite open s', 'parse+plan s', 'chunks embedded', 'throughput'],
        [
          row('full ingest (fresh DATA_DIR)', full, `${fmt((mb / fullS) * 60, 2)} MB/min`),
          row('re-ingest, nothing changed', unchanged, '–'),
          row('re-ingest, one page edited', oneEdit, '–'),
        ],
      ),
    ].join('\n'),
    before,
  );
  const m = machine();
  updateRagSummary(
    'ingest (full, fresh DATA_DIR)',
    `${fmt((mb / fullS) * 60, 2)} MB/min (${fmt(mb, 2)} MB in ${fmt(fullS, 1)} s)`,
    'bench:ingest',
    m,
  );
  updateRagSummary(
    'unchanged re-ingest / one-page edit',
    `${fmt(median(unchanged.map((t) => t.seconds)), 2)} s / ${fmt(median(oneEdit.map((t) => t.seconds)), 2)} s`,
    'bench:ingest',
    m,
  );
}

runBenchmark('ingest', main);
