import { LocalEmbedder } from '../local/local-embedder.js';
import { InMemoryVectorStore } from './in-memory-store.js';
import { ingestDocs } from '../ingest/ingest.js';
import { createHybridRetriever } from './hybrid-retriever.js';
import { ExtractiveGenerator } from '../generators/extractive-generator.js';
import { buildPersona } from '../personalize/persona.js';
const [docs, q, interests] = process.argv.slice(2);
const e = new LocalEmbedder(); const s = new InMemoryVectorStore();
await ingestDocs({ docsDir: docs!, baseUrl: 'https://book.example.org/docs/', embedder: e, store: s });
const r = createHybridRetriever(e, s);
const x = await r.retrieve(q!, 5);
console.log('covered', x.covered, x.hits.map((h) => h.payload.url + ' ' + h.score));
const g = new ExtractiveGenerator();
for (const level of ['Beginner', 'Intermediate', 'Advanced', null] as const) {
  const persona = buildPersona({ userId: 'u', profile: level ? { software_experience: level, hardware_experience: 'None', interests: interests ? interests.split(',') : [] } : null });
  const out = g.compose({ query: q!, persona, documents: x.hits });
  console.log(`\n===== ${persona.level} answered=${out.answered} cites=${JSON.stringify(out.citations)}\n${out.text}`);
}
