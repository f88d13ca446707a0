import { readFileSync } from 'node:fs';
import { LocalEmbedder } from '../local/local-embedder.js';
import { InMemoryVectorStore } from './in-memory-store.js';
import { ingestDocs } from '../ingest/ingest.js';
import { createHybridRetriever } from './hybrid-retriever.js';
import { ExtractiveGenerator } from '../generators/extractive-generator.js';
import { createQueryService, type QueryEvent } from '../query-service.js';
import { createLogger } from '../../platform/logger.js';
const [docs, qf, level] = process.argv.slice(2);
const e = new LocalEmbedder(); const s = new InMemoryVectorStore();
await ingestDocs({ docsDir: docs!, baseUrl: 'https://book.example.org/docs/', embedder: e, store: s });
const svc = createQueryService({ retriever: createHybridRetriever(e, s), generator: new ExtractiveGenerator(), queryLog: { insert: async () => {}, setFeedback: async () => true }, logger: createLogger({ logLevel: 'silent' }) });
const qs = JSON.parse(readFileSync(qf!, 'utf8')) as { question: string; source_path: string; answer_contains: string[] }[];
let cited = 0, contains = 0, answered = 0, partial = 0;
for (const q of qs) {
  let done: Extract<QueryEvent, { type: 'done' }> | undefined;
  const reader = level ? { userId: 'u', profile: { software_experience: level as 'Beginner', hardware_experience: 'None' as const, interests: [] } } : { userId: null, profile: null };
  for await (const ev of svc.answer({ query: q.question, max_results: 5 }, reader)) if (ev.type === 'done') done = ev;
  const a = done!.answer.toLowerCase();
  if (done!.citations.length) answered++;
  if (done!.citations.some((c) => c.source_path === q.source_path)) cited++;
  const hits = q.answer_contains.filter((w) => a.includes(w)).length;
  if (hits === q.answer_contains.length) contains++; else if (process.env.V) console.log('MISSING', q.answer_contains.filter((w) => !a.includes(w)), q.question, '\n   ', done!.answer.slice(0, 300).replace(/\n/g, ' '));
  partial += hits / q.answer_contains.length;
}
console.log({ n: qs.length, answered, cited, allContained: contains, wordRecall: (partial / qs.length).toFixed(2) });
