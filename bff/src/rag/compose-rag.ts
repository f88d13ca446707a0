import type { Knex } from 'knex';
import type { Config } from '../platform/config.js';
import type { Logger } from '../platform/logger.js';
import type { HealthCheck } from '../platform/health-routes.js';
import { createEmbedder, createGenerator, createVectorStore } from './providers.js';
import { checkIndex, createHybridRetriever, type Retriever } from './retrieval/hybrid-retriever.js';
import { createQueryLogStore, type QueryLogStore } from './query-log-store.js';
import { createQueryService, type QueryService } from './query-service.js';
import type { Embedder, Generator, VectorStore } from './types.js';

export interface Rag {
  embedder: Embedder;
  store: VectorStore;
  generator: Generator;
  retriever: Retriever;
  queries: QueryService;
  /** The write-behind log of answers (chatbot_queries); `close` flushes it. */
  queryLog: QueryLogStore;
  readiness: HealthCheck[];
  close(): Promise<void>;
}

/**
 * Cohere and Qdrant when configured, otherwise the local embedder, extractive answers and the
 * index in memory, loaded from the main database (`knex`) and reloaded when an ingest bumps it.
 */
export async function createRag(config: Config, logger: Logger, knex: Knex): Promise<Rag> {
  const [embedder, store] = await Promise.all([createEmbedder(config), createVectorStore(config, knex)]);
  const generator = await createGenerator(config, store);
  const retriever = createHybridRetriever(embedder, store);
  // A re-ingest seen by the store (here or by another process) rebuilds the keyword side and the
  // extractive writer's definitions too.
  store.onReload?.(() => {
    retriever.invalidate();
    generator.invalidate?.();
    logger.info({ store: store.kind }, 'textbook index loaded');
  });
  const queryLog = createQueryLogStore(knex, { logger });
  const queries = createQueryService({ retriever, generator, queryLog });
  const readiness: HealthCheck[] = [
    { name: 'vector_store', check: (signal) => store.ping(signal) },
    // Ready means able to answer: not while nothing is ingested or the index is another embedder's.
    { name: 'index', check: () => checkIndex(embedder, store) },
  ];
  if (generator.ping) readiness.push({ name: 'generator', check: (signal) => generator.ping!(signal) });
  async function close(): Promise<void> {
    await queryLog.close(); // the queued rows, before the database closes
    await store.close();
  }
  return { embedder, store, generator, retriever, queries, queryLog, readiness, close };
}
