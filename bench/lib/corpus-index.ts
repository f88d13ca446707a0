import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import MiniSearch from 'minisearch';
import { ingestDocs, type IngestSummary } from '../../bff/src/rag/ingest/ingest.js';
import { LocalEmbedder } from '../../bff/src/rag/local/local-embedder.js';
import { PgvectorStore } from '../../bff/src/rag/stores/pgvector-store.js';
import type { Retriever } from '../../bff/src/rag/retrieval/hybrid-retriever.js';
import type { ChunkPayload, SearchHit } from '../../bff/src/rag/types.js';
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

/**
 * The baseline: plain BM25 from MiniSearch with its defaults (its tokenizer, lower-casing, no
 * stemming, no synonyms, OR of the query's words) over exactly the chunks we indexed, with the
 * section headings as a field. It never abstains unless no word matches.
 */
export function bm25Retriever(chunks: { id: string; payload: ChunkPayload }[]): Retriever {
  const mini = new MiniSearch<{ id: string; title: string; headings: string; text: string }>({
    fields: ['title', 'headings', 'text'],
  });
  mini.addAll(
    chunks.map(({ id, payload }) => ({
      id,
      title: payload.title,
      headings: payload.heading_path.join(' '),
      text: payload.text,
    })),
  );
  const byId = new Map(chunks.map((c) => [c.id, c.payload]));
  return {
    invalidate() {},
    async retrieve(query, maxResults) {
      const found = mini.search(query).slice(0, maxResults);
      const hits: SearchHit[] = found.map((r) => ({
        id: String(r.id),
        score: r.score,
        payload: byId.get(String(r.id))!,
      }));
      return { hits, terms: [], coverage: hits.length ? 1 : 0, covered: hits.length > 0 };
    },
  };
}
