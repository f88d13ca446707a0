import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { ingestDocs } from '../ingest/ingest.js';
import { LocalEmbedder } from '../local/local-embedder.js';
import { createLogger } from '../../platform/logger.js';
import { ExtractiveGenerator } from '../generators/extractive-generator.js';
import { createQueryService, type QueryEvent, type QueryService } from '../query-service.js';
import type { Level, Reader } from '../types.js';
import {
  createHybridRetriever,
  type Fusion,
  type HybridRetrieverOptions,
  type Retriever,
} from './hybrid-retriever.js';
import { InMemoryVectorStore } from './in-memory-store.js';

/**
 * Quality on a question set: retrieval (hit@1, hit@5, MRR against the page each question was
 * written from), abstention on questions the book does not cover, and the answers readers see
 * (does the answer cite the right page, does it hold the expected words). The bench reuses
 * evaluateCorpus; run directly it prints the figures for one docs folder:
 *
 *   npx tsx src/rag/retrieval/evaluate.ts <docs-dir> <questions.json> [out-of-scope.json] [--fusion mix3] [--vector-weight 0.5]
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

export async function evaluateRetrieval(
  retriever: Retriever,
  questions: EvalQuestion[],
  k = 5,
): Promise<RetrievalReport> {
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
  return {
    questions: questions.length,
    hitAt1: hit1 / n,
    hitAt5: hitK / n,
    mrr: reciprocal / n,
    falseAbstentions,
    misses,
  };
}

export interface AbstentionReport {
  questions: number;
  /** Share of out-of-scope questions the retriever marked as not covered. */
  abstentionRate: number;
  answered: { question: string; coverage: number }[];
}

export async function evaluateAbstention(
  retriever: Retriever,
  questions: { question: string }[],
): Promise<AbstentionReport> {
  const answered: AbstentionReport['answered'] = [];
  for (const q of questions) {
    const result = await retriever.retrieve(q.question, 5);
    if (result.covered) answered.push({ question: q.question, coverage: result.coverage });
  }
  const n = Math.max(1, questions.length);
  return { questions: questions.length, abstentionRate: (questions.length - answered.length) / n, answered };
}

export interface AnswerReport {
  questions: number;
  /** Questions whose answer cites the page they were written from. */
  citedSourceRate: number;
  /** Average share of each question's `answer_contains` words found in its answer. */
  keywordRecall: number;
  /** In-scope questions answered with "the textbook doesn't seem to cover this". */
  notCovered: number;
}

/** End-to-end: what the reader sees (the extractive answer and its citations), at one level. */
export async function evaluateAnswers(
  service: QueryService,
  questions: EvalQuestion[],
  reader: Reader,
): Promise<AnswerReport> {
  let cited = 0;
  let recall = 0;
  let notCovered = 0;
  for (const q of questions) {
    let done: Extract<QueryEvent, { type: 'done' }> | undefined;
    for await (const event of service.answer({ query: q.question, max_results: 5 }, reader)) {
      if (event.type === 'done') done = event;
    }
    const answer = done?.answer.toLowerCase() ?? '';
    if (done?.citations.some((c) => c.source_path === q.source_path)) cited++;
    if (!done?.citations.length) notCovered++;
    const expected = q.answer_contains ?? [];
    recall += expected.length
      ? expected.filter((w) => answer.includes(w.toLowerCase())).length / expected.length
      : 1;
  }
  const n = Math.max(1, questions.length);
  return { questions: questions.length, citedSourceRate: cited / n, keywordRecall: recall / n, notCovered };
}

export interface CorpusEvaluation {
  chunks: number;
  retrieval: RetrievalReport;
  abstention?: AbstentionReport;
  /** Out-of-scope questions through the whole service (retrieval rule, then the generator's own). */
  outOfScopeAnswers?: AnswerReport;
  /** By reader level: the default persona and the three levels. */
  answers: Record<Level | 'default', AnswerReport>;
}

/**
 * Everything for one docs folder: the real ingest pipeline with the local embedder into an
 * in-memory store (the figures measure retrieval and answers, not a database), then the three
 * evaluations. The bench calls this.
 */
export async function evaluateCorpus(options: {
  docsDir: string;
  questions: EvalQuestion[];
  outOfScope?: { question: string }[];
  retriever?: HybridRetrieverOptions;
}): Promise<CorpusEvaluation> {
  const embedder = new LocalEmbedder();
  const store = new InMemoryVectorStore();
  const { chunks } = await ingestDocs({
    docsDir: options.docsDir,
    baseUrl: 'https://book.example.org/docs/',
    embedder,
    store,
  });
  const retriever = createHybridRetriever(embedder, store, options.retriever);
  const service = createQueryService({
    retriever,
    generator: new ExtractiveGenerator(),
    queryLog: { insert: async () => undefined, setFeedback: async () => false },
    logger: createLogger({ logLevel: 'silent' }),
  });
  const readerAt = (level: Level | 'default'): Reader =>
    level === 'default'
      ? { userId: null, profile: null }
      : {
          userId: 'bench',
          profile: { software_experience: level, hardware_experience: 'None', interests: [] },
        };
  const answers = {} as CorpusEvaluation['answers'];
  for (const level of ['default', 'Beginner', 'Intermediate', 'Advanced'] as const) {
    answers[level] = await evaluateAnswers(service, options.questions, readerAt(level));
  }
  return {
    chunks,
    retrieval: await evaluateRetrieval(retriever, options.questions),
    abstention: options.outOfScope ? await evaluateAbstention(retriever, options.outOfScope) : undefined,
    outOfScopeAnswers: options.outOfScope
      ? await evaluateAnswers(
          service,
          options.outOfScope.map((q) => ({ ...q, source_path: '' })),
          readerAt('default'),
        )
      : undefined,
    answers,
  };
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

function printEvaluation(result: CorpusEvaluation): void {
  const r = result.retrieval;
  console.log(`${result.chunks} chunks`);
  console.log(
    `retrieval: n=${r.questions} hit@1=${pct(r.hitAt1)} hit@5=${pct(r.hitAt5)} MRR=${r.mrr.toFixed(3)} false-abstentions=${r.falseAbstentions.length}`,
  );
  for (const a of r.falseAbstentions)
    console.log(`  refused: ${a.question} (coverage ${a.coverage.toFixed(2)})`);
  for (const m of r.misses)
    console.log(`  miss: ${m.question} → expected ${m.expected}, got ${m.got.slice(0, 3).join(', ')}`);
  if (result.abstention) {
    console.log(
      `out-of-scope: n=${result.abstention.questions} abstained=${pct(result.abstention.abstentionRate)}`,
    );
    for (const a of result.abstention.answered)
      console.log(`  answered: ${a.question} (coverage ${a.coverage.toFixed(2)})`);
  }
  if (result.outOfScopeAnswers) {
    const o = result.outOfScopeAnswers;
    console.log(
      `out-of-scope end to end: "not covered" answers=${pct(o.notCovered / Math.max(1, o.questions))}`,
    );
  }
  for (const [level, a] of Object.entries(result.answers)) {
    console.log(
      `answers (${level}): cites-source=${pct(a.citedSourceRate)} keyword-recall=${pct(a.keywordRecall)} not-covered=${a.notCovered}`,
    );
  }
}

async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { fusion: { type: 'string' }, 'vector-weight': { type: 'string' } },
  });
  const [docsDir, questionsFile, outOfScopeFile] = positionals;
  if (!docsDir || !questionsFile) {
    throw new Error(
      'usage: evaluate.ts <docs-dir> <questions.json> [out-of-scope.json] [--fusion rrf|mix|coverage|mix3] [--vector-weight 0.5]',
    );
  }
  const readJson = async <T>(file: string) => JSON.parse(await readFile(file, 'utf8')) as T;
  const result = await evaluateCorpus({
    docsDir,
    questions: await readJson<EvalQuestion[]>(questionsFile),
    outOfScope: outOfScopeFile ? await readJson<{ question: string }[]>(outOfScopeFile) : undefined,
    retriever: {
      fusion: values.fusion as Fusion | undefined,
      vectorWeight: values['vector-weight'] ? Number(values['vector-weight']) : undefined,
    },
  });
  printEvaluation(result);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 1;
  });
}
