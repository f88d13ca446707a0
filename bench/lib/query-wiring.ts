import type { AppDeps } from '../../bff/src/app.js';
import { createEmbedder, createVectorStore } from '../../bff/src/rag/providers.js';
import { createHybridRetriever } from '../../bff/src/rag/retrieval/hybrid-retriever.js';
import { ExtractiveGenerator } from '../../bff/src/rag/generators/extractive-generator.js';
import { CohereGenerator } from '../../bff/src/rag/generators/cohere-generator.js';
import { createQueryLogStore } from '../../bff/src/rag/query-log-store.js';
import { createQueryService } from '../../bff/src/rag/query-service.js';
import { queryRoutes } from '../../bff/src/rag/query-routes.js';

function hasQueryRoute(routers: AppDeps['apiRouters']): boolean {
  return (routers ?? []).some((r) => r.stack.some((layer) => String(layer.path).endsWith('/query')));
}

/**
 * Mounts POST /api/v1/query the way the composition root is meant to, when it does not yet (the
 * query API was being wired while these benchmarks were written). Returns a closer for what it opened.
 */
export function mountQueryIfMissing(deps: AppDeps): () => Promise<void> {
  if (hasQueryRoute(deps.apiRouters)) return async () => undefined;
  const { config, logger } = deps;
  const store = createVectorStore(config);
  const retriever = createHybridRetriever(createEmbedder(config), store);
  const generator = config.cohere ? new CohereGenerator(config.cohere, config.providerTimeoutMs) : new ExtractiveGenerator();
  const queries = createQueryService({ retriever, generator, queryLog: createQueryLogStore(deps.db.knex), logger });
  deps.apiRouters = [...(deps.apiRouters ?? []), queryRoutes({ ...deps, queries })];
  return () => store.close();
}
