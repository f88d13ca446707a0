import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { ingestDocs } from '../ingest/ingest.js';
import { LocalEmbedder } from '../local/local-embedder.js';
import { createHybridRetriever, type Fusion, type Retriever } from './hybrid-retriever.js';
import { InMemoryVectorStore } from './in-memory-store.js';

/**
 * Retrieval quality on a question set: hit@1, hit@5 and MRR against the page each question was
 * written from, and the abstention rate on questions the book does not cover. The bench reuses
 * these functions; run directly it prints the figures for one docs folder:
 *
 *   npx tsx src/rag/retrieval/evaluate.ts <docs-dir> <questions.json> [out-of-scope.json] [--fusion rrf|mix|coverage]
 */

export interface EvalQuestion {
  question: string;
  /** The page (relative to the docs folder) that answers it. */
  source_path: string;
  answer_contains?: string[];
}

export interface RetrievalReport {
  questions: number;
  hitAt1: number;
  hitAt5: number;
  mrr: number;
  /** In-scope questions the abstention rule wrongly refused. */
  falseAbstentions: { question: string; coverage: number }[];
  misses: { question: string; expected: string; got: string[] }[];
}

export async function evaluateRetrieval(retriever: Retriever, questions: EvalQuestion[], k = 5): Promise<RetrievalReport> {
  let hit1 = 0;
  let hitK = 0;
  let reciprocal = 0;
  const falseAbstentions: RetrievalReport['falseAbstentions'] = [];
  const misses: RetrievalReport['misses'] = [];
  for (const q of questions) {
    const result = await retriever.retrieve(q.question, k);
    const pages = result.hits.map((h) => h.payload.source_path);
    const rank = pages.indexOf(q.source_path) + 1;
    if (rank === 1) hit1++;
    if (rank >= 1) {
      hitK++;
      reciprocal += 1 / rank;
    } else {
      misses.push({ question: q.question, expected: q.source_path, got: pages });
    }
    if (!result.covered) falseAbstentions.push({ question: q.question, coverage: result.coverage });
  }
  const n = Math.max(1, questions.length);
  return { questions: questions.length, hitAt1: hit1 / n, hitAt5: hitK / n, mrr: reciprocal / n, falseAbstentions, misses };
}

export interface AbstentionReport {
  questions: number;
  /** Share of out-of-scope questions the retriever marked as not covered. */
  abstentionRate: number;
  answered: { question: string; coverage: number }[];
}

export async function evaluateAbstention(retriever: Retriever, questions: { question: string }[]): Promise<AbstentionReport> {
  const answered: AbstentionReport['answered'] = [];
  for (const q of questions) {
    const result = await retriever.retrieve(q.question, 5);
    if (result.covered) answered.push({ question: q.question, coverage: result.coverage });
  }
  const n = Math.max(1, questions.length);
  return { questions: questions.length, abstentionRate: (questions.length - answered.length) / n, answered };
}

function formatReport(label: string, r: RetrievalReport): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  return `${label}: n=${r.questions} hit@1=${pct(r.hitAt1)} hit@5=${pct(r.hitAt5)} MRR=${r.mrr.toFixed(3)} false-abstentions=${r.falseAbstentions.length}`;
}

async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { fusion: { type: 'string' }, 'vector-weight': { type: 'string' } } });
  const fusion = values.fusion as Fusion | undefined;
  const [docsDir, questionsFile, outOfScopeFile] = positionals;
  if (!docsDir || !questionsFile) throw new Error('usage: evaluate.ts <docs-dir> <questions.json> [out-of-scope.json] [--fusion rrf|mix|coverage]');
  const embedder = new LocalEmbedder();
  const store = new InMemoryVectorStore();
  // The real ingest pipeline into an in-memory store: the figures measure retrieval, not a database.
  const { chunks } = await ingestDocs({ docsDir, baseUrl: 'https://book.example.org/docs/', embedder, store });
  const vectorWeight = values['vector-weight'] ? Number(values['vector-weight']) : undefined;
  const retriever = createHybridRetriever(embedder, store, { fusion, vectorWeight });
  const questions = JSON.parse(await readFile(questionsFile, 'utf8')) as EvalQuestion[];
  const report = await evaluateRetrieval(retriever, questions);
  console.log(`${chunks} chunks, fusion=${fusion ?? 'default'}`);
  console.log(formatReport('retrieval', report));
  for (const a of report.falseAbstentions) console.log(`  refused: ${a.question} (coverage ${a.coverage.toFixed(2)})`);
  for (const miss of report.misses) console.log(`  miss: ${miss.question} → expected ${miss.expected}, got ${miss.got.slice(0, 3).join(', ')}`);
  if (outOfScopeFile) {
    const abstention = await evaluateAbstention(retriever, JSON.parse(await readFile(outOfScopeFile, 'utf8')) as { question: string }[]);
    console.log(`out-of-scope: n=${abstention.questions} abstained=${(abstention.abstentionRate * 100).toFixed(1)}%`);
    for (const a of abstention.answered) console.log(`  answered: ${a.question} (coverage ${a.coverage.toFixed(2)})`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 1;
  });
}
