import { readFileSync } from 'node:fs';
import { LocalEmbedder } from '../local/local-embedder.js';
import { InMemoryVectorStore } from './in-memory-store.js';
import { indexDocs } from './evaluate.js';
import { KeywordIndex } from './keyword-index.js';
import { createHybridRetriever } from './hybrid-retriever.js';
const [docs, ...files] = process.argv.slice(2);
const e = new LocalEmbedder(); const s = new InMemoryVectorStore();
await indexDocs(docs!, e, s);
const idx = new KeywordIndex(await s.payloads());
const r = createHybridRetriever(e, s);
for (const f of files) {
  const qs = JSON.parse(readFileSync(f, 'utf8')) as { question: string }[];
  for (const q of qs) {
    const x = await r.retrieve(q.question, 5);
    const ev = x.hits.map((h) => idx.evidence(x.terms, h.id));
    const best = ev.reduce((a, b) => (b.matched * 10 + b.coverage > a.matched * 10 + a.coverage ? b : a));
    const bestCov = ev.reduce((a, b) => (b.coverage > a.coverage ? b : a));
    console.log(`${x.covered ? 'Y' : 'N'} m=${best.matched}/${x.terms.length} c=${best.coverage.toFixed(2)} | maxc=${bestCov.coverage.toFixed(2)} m=${bestCov.matched} ${q.question.slice(0, 60)}`);
  }
}
