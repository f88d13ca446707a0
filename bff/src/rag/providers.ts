import type { Config } from '../platform/config.js';
import { CohereEmbedder } from './cohere-embedder.js';
import { LocalEmbedder } from './local/local-embedder.js';
import { PgvectorStore } from './stores/pgvector-store.js';
import { QdrantStore } from './stores/qdrant-store.js';
import type { Embedder, VectorStore } from './types.js';

/** Cohere when COHERE_API_KEY is set, otherwise the offline local embedder (DESIGN.md, RAG). */
export function createEmbedder(config: Config): Embedder {
  if (config.cohere) return new CohereEmbedder(config.cohere, config.providerTimeoutMs);
  return new LocalEmbedder();
}

/**
 * Qdrant when QDRANT_URL is set, otherwise pgvector in an embedded PGlite under DATA_DIR/vectors.
 * The embedded store opens lazily: its directory lock is taken on first use, not here.
 */
export function createVectorStore(config: Config): VectorStore {
  if (config.qdrant) return new QdrantStore(config.qdrant, config.providerTimeoutMs);
  return new PgvectorStore({ dataDir: config.dataDir });
}
