import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { ingestDocs, type IngestSummary } from '../../bff/src/rag/ingest/ingest.js';
import { LocalEmbedder } from '../../bff/src/rag/local/local-embedder.js';
import { PgvectorStore } from '../../bff/src/rag/stores/pgvector-store.js';
import { corpusDir, SkipBenchmark } from './env.js';

export const BASE_URL = 'https://book.example.org/docs/';

export function requireCorpus(): string {
  if (!existsSync(corpusDir)) throw new SkipBenchmark(`the corpus is not at ${corpusDir}`);
  return corpusDir;
}

export interface LocalIndex {
  dataDir: string;
  embedder: LocalEmbedder;
  store: PgvectorStore;
  summary: IngestSummary;
  dispose(): Promise<void>;
}

/** A full ingest of a docs folder with the embedded default: local embedder, pgvector in PGlite. */
export async function ingestLocal(docsDir: string): Promise<LocalIndex> {
  const dataDir = await mkdtemp(join(tmpdir(), 'ta-bench-'));
  const embedder = new LocalEmbedder();
  const store = new PgvectorStore({ dataDir });
  const summary = await ingestDocs({ docsDir, baseUrl: BASE_URL, embedder, store });
  return {
    dataDir,
    embedder,
    store,
    summary,
    async dispose() {
      await store.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export { bm25Retriever } from '../eval/lib/bm25.js';
