import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ingestDocs } from '../../src/rag/ingest/ingest.js';
import { LocalEmbedder } from '../../src/rag/local/local-embedder.js';
import { createHybridRetriever, type Retriever } from '../../src/rag/retrieval/hybrid-retriever.js';
import { InMemoryVectorStore } from '../../src/rag/retrieval/in-memory-store.js';

export const SAMPLE_BOOK = fileURLToPath(new URL('../../../examples/textbook', import.meta.url));
export const BOOK_URL = 'https://book.example.org/docs/';

function fixture<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8')) as T;
}

/** A question of the fixture set, with the page it was written from. */
export interface SampleQuestion {
  question: string;
  source_path: string;
  answer_contains?: string[];
}

export const sampleQuestions = () =>
  fixture<SampleQuestion[]>('sample-book-questions.json').map((q) => ({ ...q, pages: [q.source_path] }));
export const outOfScopeQuestions = () => fixture<{ question: string }[]>('out-of-scope-questions.json');

/** The sample book through the real ingest pipeline and local embedder, held in memory. */
export async function sampleBookRetriever(): Promise<{ retriever: Retriever; store: InMemoryVectorStore }> {
  const embedder = new LocalEmbedder();
  const store = new InMemoryVectorStore();
  await ingestDocs({ docsDir: SAMPLE_BOOK, baseUrl: BOOK_URL, embedder, store });
  return { retriever: createHybridRetriever(embedder, store), store };
}
