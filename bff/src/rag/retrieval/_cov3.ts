import { readFileSync } from 'node:fs';
import { LocalEmbedder } from '../local/local-embedder.js';
import { InMemoryVectorStore } from './in-memory-store.js';
import { indexDocs } from './evaluate.js';
import { createHybridRetriever } from './hybrid-retriever.js';
import { contentTerms } from './terms.js';
const [docs, qf, of] = process.argv.slice(2);
const e = new LocalEmbedder(); const s = new InMemoryVectorStore();
await indexDocs(docs!, e, s);
const r = createHybridRetriever(e, s);
for (const [label, f] of [['IN', qf], ['OOS', of]] as const) {
  const qs = JSON.parse(readFileSync(f!, 'utf8')) as { question: string }[];
  const rows: string[] = [];
  for (const q of qs) {
    const x = await r.retrieve(q.question, 5);
    let best = 0; let bestTerms: string[] = [];
    for (const h of x.hits) {
      const terms = new Set(contentTerms(h.payload.heading_path.join(' ') + ' ' + h.payload.text));
      const m = x.terms.filter((t) => terms.has(t));
      if (m.length > best) { best = m.length; bestTerms = m; }
    }
    rows.push(`${best} ${x.coverage.toFixed(2)} ${bestTerms.join(',')} | ${q.question.slice(0, 60)}`);
  }
  console.log(label); console.log(rows.sort().join('\n'));
}
