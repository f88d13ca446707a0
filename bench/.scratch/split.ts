import { ingestLocal, requireCorpus } from '../lib/corpus-index.js';
import { KeywordIndex } from '../../bff/src/rag/retrieval/keyword-index.js';
import { contentTerms } from '../../bff/src/rag/retrieval/terms.js';
import { readFileSync } from 'node:fs';
import { median } from '../lib/stats.js';
const qs = (JSON.parse(readFileSync('rag/corpus-questions.json', 'utf8')) as { question: string }[]).map((q) => q.question);
const idx = await ingestLocal(requireCorpus());
const chunks = await idx.store.payloads();
const kw = new KeywordIndex(chunks);
const t = { embed: [] as number[], info: [] as number[], search: [] as number[], kw: [] as number[], ev: [] as number[] };
for (let r = 0; r < 3; r++) for (const q of qs) {
  let a = performance.now(); const [v] = await idx.embedder.embed([q], 'search_query'); t.embed.push(performance.now() - a);
  a = performance.now(); await idx.store.info(); t.info.push(performance.now() - a);
  a = performance.now(); await idx.store.search(v!, 20); t.search.push(performance.now() - a);
  a = performance.now(); kw.search(q, 20); t.kw.push(performance.now() - a);
  a = performance.now(); const terms = contentTerms(q); for (const c of chunks.slice(0, 40)) kw.evidence(terms, c.id); t.ev.push(performance.now() - a);
}
for (const [k, v] of Object.entries(t)) console.log(k, median(v).toFixed(2));
await idx.dispose();
