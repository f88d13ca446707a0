import type { Knex } from 'knex';
import type { Config } from '../platform/config.js';
import { ExtractiveGenerator } from './generators/extractive-generator.js';
import { LocalEmbedder } from './local/local-embedder.js';
import { MemoryIndexStore } from './stores/memory-index-store.js';
import type { Embedder, Generator, VectorStore } from './types.js';

// Cohere and Qdrant are imported only when configured: in local mode their client libraries are
// never loaded (start-up time and memory). The production build keeps them in chunks of their own.

/** Cohere when COHERE_API_KEY is set, otherwise the offline local embedder (DESIGN.md, RAG). */
export async function createEmbedder(config: Config): Promise<Embedder> {
  if (!config.cohere) return new LocalEmbedder();
  const { CohereEmbedder } = await import('./cohere-embedder.js');
  return new CohereEmbedder(config.cohere, config.providerTimeoutMs);
}

/**
 * Qdrant when QDRANT_URL is set (libraries larger than memory), otherwise the index held in
 * memory, loaded from rows of the main database that `knex` reaches (not needed for Qdrant).
 */
export async function createVectorStore(config: Config, knex: Knex | undefined): Promise<VectorStore> {
  if (!config.qdrant) {
    if (!knex) throw new Error('the in-memory index needs the main database');
    return new MemoryIndexStore(knex);
  }
  const { QdrantStore } = await import('./stores/qdrant-store.js');
  return new QdrantStore(config.qdrant, config.providerTimeoutMs);
}

/** Cohere chat when configured, otherwise extractive answers from the retrieved passages. */
export async function createGenerator(config: Config, store: VectorStore): Promise<Generator> {
  // The extractive writer reads the book's definitions from the whole index once (Beginner answers).
  if (!config.cohere) return new ExtractiveGenerator({ chunks: () => store.payloads() });
  const { CohereGenerator } = await import('./generators/cohere-generator.js');
  return new CohereGenerator(config.cohere, config.providerTimeoutMs);
}
