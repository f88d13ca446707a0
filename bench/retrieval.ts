/**
 * Retrieval: our hybrid retriever (local embedder + exact vector search in memory + BM25 + coverage) against
 * plain MiniSearch BM25 over the same chunks, on the real textbook's 68 questions: hit@1, hit@5,
 * MRR, latency, and abstention on questions the book does not cover.
 *
 *   pnpm bench:retrieval       (BENCH_ROUNDS)
 */
import { createHybridRetriever, type Retriever } from '../bff/src/rag/retrieval/hybrid-retriever.js';
import { evaluateAbstention, evaluateRetrieval } from './eval/lib/retrieval-metrics.js';
import { settings } from './lib/env.js';
import { runBenchmark } from './lib/main.js';
import { loadNote, machine, recordRun, table } from './lib/report.js';
import { fmt, median, pct, percentile, ratio } from './lib/stats.js';
import {
  bm25Retriever,
  corpusQuestions,
  ingestLocal,
  outOfScopeQuestions,
  requireCorpus,
} from './lib/corpus-index.js';
import { updateRagSummary } from './lib/rag-summary.js';

async function latencies(retriever: Retriever, questions: string[]): Promise<number[]> {
  const out: number[] = [];
  for (const q of questions) {
    const t = performance.now();
    await retriever.retrieve(q, 5);
    out.push(performance.now() - t);
  }
  return out;
}

async function main(): Promise<void> {
  const docs = requireCorpus();
  const before = machine();
  const inScope = (await corpusQuestions()).map((q) => ({ question: q.question, pages: [q.source_path] }));
  const outOfScope = await outOfScopeQuestions();
  const index = await ingestLocal(docs);
  try {
    const hybrid = createHybridRetriever(index.embedder, index.store);
    const bm25 = bm25Retriever(await index.store.payloads());
    const sides = [
      { name: 'ours: hybrid (local embedder + in-memory vectors + BM25 + coverage)', retriever: hybrid },
      { name: 'baseline: MiniSearch BM25 (defaults)', retriever: bm25 },
    ];
    await hybrid.retrieve('warm-up', 5); // builds the keyword index once, as the BFF's first query does
    const all = [...inScope, ...outOfScope].map((q) => q.question);
    // One untimed pass of every question on each side: a serving BFF has answered queries before,
    // and the first calls of either side time V8 compiling it rather than the code it runs.
    for (const side of sides) await latencies(side.retriever, all);
    const times = sides.map(() => [] as number[]);
    const roundMedians = sides.map(() => [] as number[]);
    for (let round = 0; round < settings.rounds; round++) {
      for (let k = 0; k < sides.length; k++) {
        const i = (k + round) % sides.length;
        const t = await latencies(sides[i]!.retriever, all);
        times[i]!.push(...t);
        roundMedians[i]!.push(median(t));
      }
    }
    const rows: (string | number)[][] = [];
    const hitAt5: number[] = [];
    for (const [i, side] of sides.entries()) {
      const quality = await evaluateRetrieval(side.retriever, inScope, 5);
      const abstention = await evaluateAbstention(side.retriever, outOfScope);
      hitAt5.push(quality.hitAt5);
      rows.push([
        side.name,
        pct(quality.hitAt1),
        pct(quality.hitAt5),
        fmt(quality.mrr, 3),
        pct(abstention.abstentionRate),
        pct(quality.falseAbstentions.length / inScope.length),
        fmt(percentile(times[i]!, 50), 2),
        fmt(percentile(times[i]!, 99), 2),
      ]);
    }
    const p50 = sides.map((_, i) => percentile(times[i]!, 50));
    recordRun(
      'Retrieval',
      [
        loadNote(before),
        `Corpus: ../shared/corpus/physical-ai-textbook/docs (${index.summary.pages} pages, ${index.summary.chunks} chunks), ` +
          `${inScope.length} in-scope questions (bench/rag/corpus-questions.json, a hit = a chunk of the expected source_path), ` +
          `${outOfScope.length} out-of-scope (bench/rag/out-of-scope-questions.json). Both sides rank the same chunks, top 5. ` +
          `Latency: every question, ${settings.rounds} alternating rounds, in-process (no HTTP), after the first query built the keyword index and one untimed pass of every question on each side.`,
        '',
        table(
          [
            'retriever',
            'hit@1',
            'hit@5',
            'MRR',
            'abstains out-of-scope',
            'abstains in-scope (wrong)',
            'p50 ms',
            'p99 ms',
          ],
          rows,
        ),
        '',
        `Latency ratio ours/baseline at p50: ${ratio(p50[0]!, p50[1]!)}. The baseline has no abstention rule: it "abstains" only when ` +
          'no query word occurs in the book.',
      ].join('\n'),
      before,
    );
    updateRagSummary(
      'hit@5 (68 textbook questions)',
      `${pct(hitAt5[0]!)} ours vs ${pct(hitAt5[1]!)} MiniSearch BM25`,
      'bench:retrieval',
      machine(),
    );
  } finally {
    await index.dispose();
  }
}

runBenchmark('retrieval', main);
