import type { Knex } from 'knex';
import type { Config } from '../platform/config.js';
import type { Logger } from '../platform/logger.js';
import type { HealthCheck } from '../platform/health-routes.js';
import { createEmbedder, createVectorStore } from './providers.js';
import { CohereGenerator } from './generators/cohere-generator.js';
import { ExtractiveGenerator } from './generators/extractive-generator.js';
import { createHybridRetriever, type Retriever } from './retrieval/hybrid-retriever.js';
import { createQueryLogStore } from './query-log-store.js';
import { createQueryService, type QueryService } from './query-service.js';
import type { Embedder, Generator, VectorStore } from './types.js';

export interface Rag {
  embedder: Embedder;
  store: VectorStore;
  generator: Generator;
  retriever: Retriever;
  queries: QueryService;
  readiness: HealthCheck[];
  close(): Promise<void>;
}

/** Cohere and Qdrant when configured, otherwise the local embedder, extractive answers and pgvector. */
export function createRag(config: Config, logger: Logger, knex: Knex): Rag {
  const embedder = createEmbedder(config);
  const store = createVectorStore(config);
  const generator: Generator = config.cohere
    ? new CohereGenerator(config.cohere, config.providerTimeoutMs)
    : new ExtractiveGenerator();
  const retriever = createHybridRetriever(embedder, store);
  const queries = createQueryService({ retriever, generator, queryLog: createQueryLogStore(knex), logger });
  const readiness: HealthCheck[] = [{ name: 'vector_store', check: (signal) => store.ping(signal) }];
  if (generator.ping) readiness.push({ name: 'generator', check: (signal) => generator.ping!(signal) });
  return { embedder, store, generator, retriever, queries, readiness, close: () => store.close() };
}
