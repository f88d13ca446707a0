import { ingestDocs } from '../../../bff/src/rag/ingest/ingest.js';
import { LocalEmbedder } from '../../../bff/src/rag/local/local-embedder.js';
import { ExtractiveGenerator } from '../../../bff/src/rag/generators/extractive-generator.js';
import { createQueryService, type QueryService } from '../../../bff/src/rag/query-service.js';
import { createHybridRetriever, type Retriever } from '../../../bff/src/rag/retrieval/hybrid-retriever.js';
import { InMemoryVectorStore } from '../../../bff/src/rag/retrieval/in-memory-store.js';
import type { ChunkPayload } from '../../../bff/src/rag/types.js';

export interface LocalStack {
  chunks: { id: string; payload: ChunkPayload }[];
  retriever: Retriever;
  service: QueryService;
}

/**
 * The local (offline) mode as the BFF composes it: the real ingest pipeline and local embedder,
 * the hybrid retriever and the extractive answer writer behind the real query service. Only the
 * vector store is the in-memory one, so the figures measure answers rather than a database.
 */
export async function localStack(docsDir: string, baseUrl: string): Promise<LocalStack> {
  const embedder = new LocalEmbedder();
  const store = new InMemoryVectorStore();
  await ingestDocs({ docsDir, baseUrl, embedder, store });
  const retriever = createHybridRetriever(embedder, store);
  const service = createQueryService({
    retriever,
    generator: new ExtractiveGenerator({ chunks: () => store.payloads() }),
    queryLog: { record: () => undefined, setFeedback: async () => false },
  });
  return { chunks: await store.payloads(), retriever, service };
}
