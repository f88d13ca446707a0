/**
 * Scale: libraries of 1×, 10× and 50× the shared corpus (its bytes of Markdown), built from the
 * corpus, the real books under BENCH_BOOKS (default /work/books, where the evaluation keeps them) and
 * renamed copies of all of them. For each: full ingest into a fresh PostgreSQL database (seconds,
 * MB/min), index size in the database, what loading it costs this process (RSS, typed arrays,
 * seconds), and retrieval latency in-process (no HTTP) with 1 reader and with 20 at once.
 *
 *   pnpm bench:scale      (BENCH_SCALES default 1,10,50; BENCH_BOOKS)
 */
import { cp, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { ingestDocs, listDocFiles } from '../bff/src/rag/ingest/ingest.js';
import { LocalEmbedder } from '../bff/src/rag/local/local-embedder.js';
import { createHybridRetriever } from '../bff/src/rag/retrieval/hybrid-retriever.js';
import { MemoryIndexStore } from '../bff/src/rag/stores/memory-index-store.js';
import { buildVectorMatrix } from '../bff/src/rag/stores/vector-matrix.js';
import { createTestDatabase } from '../bff/test/support/databases.js';
import { BASE_URL, corpusQuestions, requireCorpus } from './lib/corpus-index.js';
import { runBenchmark } from './lib/main.js';
import { loadNote, machine, recordRun, table } from './lib/report.js';
import { fmt, percentile } from './lib/stats.js';

const SCALES = (process.env.BENCH_SCALES ?? '1,10,50').split(',').map(Number);
const BOOKS = process.env.BENCH_BOOKS ?? '/work/books';

async function bytesOf(dir: string): Promise<number> {
  let total = 0;
  for (const f of await listDocFiles(dir)) total += (await stat(f)).size;
  return total;
}

/** Every docs folder of the books under BOOKS (a folder holding .md files, `docs` or `website/docs`). */
async function bookDirs(): Promise<string[]> {
  if (!existsSync(BOOKS)) return [];
  const out: string[] = [];
  for (const name of (await readdir(BOOKS)).sort()) {
    for (const sub of ['docs', 'website/docs']) {
      const dir = join(BOOKS, name, sub);
      if (existsSync(dir)) out.push(dir);
    }
  }
  return out;
}

/** A library of at least `factor` × the corpus's bytes: the corpus, the books, then copies under new names. */
async function buildLibrary(
  root: string,
  corpus: string,
  factor: number,
): Promise<{ dir: string; bytes: number }> {
  const dir = join(root, `library-${factor}x`);
  const sources = [corpus, ...(factor > 1 ? await bookDirs() : [])];
  const target = (await bytesOf(corpus)) * factor;
  let bytes = 0;
  for (let copy = 0; bytes < target * 0.98; copy++) {
    for (const [i, src] of sources.entries()) {
      if (bytes >= target * 0.98) break;
      const dest = join(dir, `copy-${copy}`, `book-${i}`);
      await cp(src, dest, { recursive: true });
      bytes += await bytesOf(dest);
    }
  }
  return { dir, bytes };
}

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Live JS heap plus typed arrays after a full collection: what holding the index costs. */
function liveMb(): number {
  gc();
  const m = process.memoryUsage();
  return (m.heapUsed + m.arrayBuffers) / 1e6;
}

/** ms per exact search over `rows` dense vectors of Cohere's width (1024): the scan Qdrant would replace. */
function denseScanMs(rows: number, dims = 1024): number {
  let seed = 1;
  const next = () => (seed = (seed * 16807) % 2147483647) / 2147483647 - 0.5;
  const vectors = Array.from({ length: rows }, () => Float32Array.from({ length: dims }, next));
  const matrix = buildVectorMatrix(vectors, dims);
  const query = Array.from({ length: dims }, next);
  matrix.search(query, 20);
  const t0 = performance.now();
  for (let i = 0; i < 5; i++) matrix.search(query, 20);
  return (performance.now() - t0) / 5;
}

async function measure(library: { dir: string; bytes: number }, questions: string[]) {
  const db = await createTestDatabase('postgres');
  try {
    const writer = new MemoryIndexStore(db.db.knex, { pollMs: 0 });
    const t0 = performance.now();
    const summary = await ingestDocs({
      docsDir: library.dir,
      baseUrl: BASE_URL,
      embedder: new LocalEmbedder(),
      store: writer,
    });
    const ingestS = (performance.now() - t0) / 1000;
    const r0 = performance.now();
    await ingestDocs({
      docsDir: library.dir,
      baseUrl: BASE_URL,
      embedder: new LocalEmbedder(),
      store: writer,
    });
    const reingestS = (performance.now() - r0) / 1000;
    const dbBytes = await writer.sizeBytes();
    await writer.close();

    const before = liveMb();
    const store = new MemoryIndexStore(db.db.knex, { pollMs: 0 });
    const embedder = new LocalEmbedder();
    const retriever = createHybridRetriever(embedder, store);
    const l0 = performance.now();
    await retriever.retrieve(questions[0]!, 5); // loads the index and builds the keyword side
    const loadS = (performance.now() - l0) / 1000;
    const loadedMb = liveMb() - before;
    const rssMb = process.memoryUsage().rss / 1e6;
    const one: number[] = [];
    for (const q of questions) {
      const s = performance.now();
      await retriever.retrieve(q, 5);
      one.push(performance.now() - s);
    }
    const twenty: number[] = [];
    for (let i = 0; i + 20 <= questions.length * 3; i += 20) {
      const started = performance.now();
      await Promise.all(
        Array.from({ length: 20 }, (_, j) =>
          retriever
            .retrieve(questions[(i + j) % questions.length]!, 5)
            .then(() => twenty.push(performance.now() - started)),
        ),
      );
    }
    const stats = store.stats()!;
    await store.close();
    return {
      summary,
      ingestS,
      reingestS,
      rssMb,
      dbBytes,
      loadS,
      loadedMb,
      one,
      twenty,
      stats,
      denseMs: denseScanMs(stats.chunks),
    };
  } finally {
    await db.drop();
  }
}

async function main(): Promise<void> {
  const corpus = requireCorpus();
  const before = machine();
  const questions = (await corpusQuestions()).map((q) => q.question);
  const root = await mkdtemp(join(tmpdir(), 'ta-bench-scale-'));
  const rows: (string | number)[][] = [];
  const perChunk: { chunks: number; mb: number; p99: number }[] = [];
  try {
    for (const factor of SCALES) {
      const library = await buildLibrary(root, corpus, factor);
      const m = await measure(library, questions);
      const mb = library.bytes / 1e6;
      rows.push([
        `${factor}×`,
        fmt(mb, 1),
        m.summary.chunks,
        fmt(m.ingestS, 1),
        fmt((mb / m.ingestS) * 60, 1),
        fmt(m.reingestS, 2),
        fmt(m.dbBytes / 1e6, 1),
        `${fmt(m.stats.vectorBytes / 1e6, 1)} (${m.stats.layout})`,
        fmt(m.loadedMb, 0),
        fmt(m.rssMb, 0),
        fmt(m.loadS, 2),
        `${fmt(percentile(m.one, 50), 2)} / ${fmt(percentile(m.one, 99), 2)}`,
        `${fmt(percentile(m.twenty, 50), 1)} / ${fmt(percentile(m.twenty, 99), 1)}`,
        fmt(m.denseMs, 1),
      ]);
      perChunk.push({ chunks: m.summary.chunks, mb: m.loadedMb, p99: percentile(m.one, 99) });
      await rm(library.dir, { recursive: true, force: true });
      console.log(`  scale ${factor}×: ${m.summary.chunks} chunks`);
    }
  } finally {
    await rm(root, { recursive: true, force: true });
  }
  const last = perChunk[perChunk.length - 1]!;
  const kbPerChunk = (last.mb * 1000) / last.chunks;
  recordRun(
    'Scale',
    [
      loadNote(before),
      `Libraries of ${SCALES.join('×, ')}× the bytes of ../shared/corpus: the corpus, the books under ${BOOKS} (from 10× on) and renamed ` +
        'copies of them (so later copies repeat text under other paths). Local embedder; full ingest into a fresh PostgreSQL database in this ' +
        'process, then an unchanged re-ingest; "loaded heap" = live JS heap + typed arrays (after a full GC) added by loading the index and building the keyword side (payloads, vectors, keyword postings from the term data stored at ingest); "process RSS" = the RSS of this benchmark process right after loading (it also holds what the ingest left behind and the bench code, so it is an upper bound for a BFF holding the index); ' +
        'latency = `retrieve()` in-process (embedding, vector scan, BM25, evidence; no HTTP, no answer writing), every question once with 1 reader, ' +
        'and 20 questions started at once (each timed from the batch start, so queueing on the one event loop counts). ' +
        'Last column: one exact search over as many random 1024-d vectors (the width of Cohere embed-english-v3.0), the dense scan Qdrant would replace.',
      '',
      table(
        [
          'library',
          'MB',
          'chunks',
          'ingest s',
          'MB/min',
          'unchanged re-ingest s',
          'in DB MB',
          'vectors MB',
          'loaded heap MB',
          'process RSS MB',
          'load s',
          '1 reader p50 / p99 ms',
          '20 at once p50 / p99 ms',
          '1024-d dense scan ms',
        ],
        rows,
      ),
      '',
      `Memory per chunk at the largest library: ${fmt(kbPerChunk, 1)} KB of live heap.`,
    ].join('\n'),
    before,
  );
}

runBenchmark('scale', main);
