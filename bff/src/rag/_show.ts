import { LocalEmbedder } from '/work/main/bff/src/rag/local/local-embedder.js';
import { InMemoryVectorStore } from '/work/main/bff/src/rag/retrieval/in-memory-store.js';
import { ingestDocs } from '/work/main/bff/src/rag/ingest/ingest.js';
import { createHybridRetriever } from '/work/main/bff/src/rag/retrieval/hybrid-retriever.js';
import { ExtractiveGenerator } from '/work/main/bff/src/rag/generators/extractive-generator.js';
import { createQueryService } from '/work/main/bff/src/rag/query-service.js';
import { createLogger } from '/work/main/bff/src/platform/logger.js';
const [docs, ...qs] = process.argv.slice(2);
const e = new LocalEmbedder();
const s = new InMemoryVectorStore();
await ingestDocs({ docsDir: docs!, baseUrl: 'https://book.example.org/docs/', embedder: e, store: s });
const svc = createQueryService({
  retriever: createHybridRetriever(e, s),
  generator: new ExtractiveGenerator(),
  queryLog: { insert: async () => {}, setFeedback: async () => true },
  logger: createLogger({ logLevel: 'silent' }),
});
for (const q of qs)
  for (const level of ['Beginner', 'Advanced'] as const) {
    for await (const ev of svc.answer(
      { query: q, max_results: 5 },
      {
        userId: 'u',
        profile: {
          software_experience: level,
          hardware_experience: 'None',
          interests: ['humanoid locomotion'],
        },
      },
    )) {
      if (ev.type === 'done')
        console.log(
          `\n##### ${level}: ${q}\n${ev.answer}\n-- ${ev.citations.map((c) => c.source_path + ' ' + c.score).join(' | ')}`,
        );
    }
  }
