import type { Retriever } from '../../../bff/src/rag/retrieval/hybrid-retriever.js';
import { normalise } from './text.js';

/** A question and the pages (relative to the docs folder) any of which answers it. */
export interface RetrievalQuestion {
  id?: string;
  question: string;
  pages: string[];
  /** The answering phrase(s): a passage hit is a returned chunk that holds one. */
  phrases?: string[];
}

export interface RetrievalReport {
  questions: number;
  hitAt1: number;
  hitAt5: number;
  mrr: number;
  /**
   * The answering passage itself (a chunk holding the answering phrase) first, or in the top k:
   * the writer answers from the top passages, so a right page with the wrong chunk still misses.
   */
  passageAt1: number;
  passageAt5: number;
  /** Answerable questions the retriever marked as not covered. */
  falseAbstentions: { question: string; coverage: number }[];
  misses: { id?: string; question: string; expected: string[]; got: string[] }[];
}

/** hit@1, hit@k and MRR: the rank of the first hit from an expected page. */
export async function evaluateRetrieval(
  retriever: Retriever,
  questions: RetrievalQuestion[],
  k = 5,
): Promise<RetrievalReport> {
  let hit1 = 0;
  let hitK = 0;
  let reciprocal = 0;
  let passage1 = 0;
  let passageK = 0;
  const falseAbstentions: RetrievalReport['falseAbstentions'] = [];
  const misses: RetrievalReport['misses'] = [];
  for (const q of questions) {
    const result = await retriever.retrieve(q.question, k);
    const pages = result.hits.map((h) => h.payload.source_path);
    const rank = pages.findIndex((p) => q.pages.includes(p)) + 1;
    if (rank === 1) hit1++;
    if (rank >= 1) {
      hitK++;
      reciprocal += 1 / rank;
    } else {
      misses.push({ id: q.id, question: q.question, expected: q.pages, got: pages });
    }
    const phrases = (q.phrases ?? []).map(normalise);
    const passageRank =
      result.hits.findIndex((h) => {
        const text = normalise(h.payload.text);
        return phrases.some((p) => text.includes(p));
      }) + 1;
    if (passageRank === 1) passage1++;
    if (passageRank >= 1) passageK++;
    if (!result.covered) falseAbstentions.push({ question: q.question, coverage: result.coverage });
  }
  const n = Math.max(1, questions.length);
  return {
    questions: questions.length,
    hitAt1: hit1 / n,
    hitAt5: hitK / n,
    mrr: reciprocal / n,
    passageAt1: passage1 / n,
    passageAt5: passageK / n,
    falseAbstentions,
    misses,
  };
}

export interface AbstentionReport {
  questions: number;
  /** Share of unanswerable questions the retriever marked as not covered. */
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
