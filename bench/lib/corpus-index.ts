import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { existsSync } from 'node:fs';
import { ingestDocs, type IngestSummary } from '../../bff/src/rag/ingest/ingest.js';
import { LocalEmbedder } from '../../bff/src/rag/local/local-embedder.js';
import { MemoryIndexStore } from '../../bff/src/rag/stores/memory-index-store.js';
import { openDatabase, type Database } from '../../bff/src/platform/db/database.js';
import { benchDir, corpusDir, SkipBenchmark } from './env.js';

export const BASE_URL = 'https://book.example.org/docs/';

export function requireCorpus(): string {
  if (!existsSync(corpusDir)) throw new SkipBenchmark(`the corpus is not at ${corpusDir}`);
  return corpusDir;
}

export interface CorpusQuestion {
  question: string;
  /** The page (source path under the docs folder) that answers it. */
  source_path: string;
}

/** The textbook's 68 questions with the page that answers each (bench/rag/corpus-questions.json). */
export async function corpusQuestions(): Promise<CorpusQuestion[]> {
  return JSON.parse(
    await readFile(resolve(benchDir, 'rag/corpus-questions.json'), 'utf8'),
  ) as CorpusQuestion[];
}

/** Questions the textbook does not cover (bench/rag/out-of-scope-questions.json). */
export async function outOfScopeQuestions(): Promise<{ question: string }[]> {
  return JSON.parse(await readFile(resolve(benchDir, 'rag/out-of-scope-questions.json'), 'utf8')) as {
    question: string;
  }[];
}

export interface LocalIndex {
  dataDir: string;
  embedder: LocalEmbedder;
  db: Database;
  store: MemoryIndexStore;
  summary: IngestSummary;
  dispose(): Promise<void>;
}

/**
 * A full ingest of a docs folder with the embedded default: local embedder, the index as rows of
 * the embedded PGlite, held in memory.
 */
export async function ingestLocal(docsDir: string): Promise<LocalIndex> {
  const dataDir = await mkdtemp(join(tmpdir(), 'ta-bench-'));
  const embedder = new LocalEmbedder();
  const db = await openDatabase({ dataDir, databaseUrl: undefined });
  const store = new MemoryIndexStore(db.knex, { pollMs: 0 });
  const summary = await ingestDocs({ docsDir, baseUrl: BASE_URL, embedder, store });
  return {
    dataDir,
    embedder,
    db,
    store,
    summary,
    async dispose() {
      await store.close();
      await db.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export { bm25Retriever } from '../eval/lib/bm25.js';
