import type { Evidence } from './keyword-index.js';

/**
 * When does the book cover a question? Embedder scores are no guide (the local embedder's
 * cosines and Cohere's live on different scales), so the rule reads the question's own content
 * words in the best retrieved passages. One passage must hold
 *   - half of the question's IDF weight, or
 *   - two of its words, at least half of them, carrying 30% of the weight, or
 *   - three or more of its words.
 * Off-topic questions ("a recipe for vegetable lasagna") share one or two incidental words with
 * the book at most; paraphrased real questions share several. Tuned on the sample book's and the
 * real textbook's question sets (bench/eval and bench/retrieval.ts record the figures).
 */
export const ABSTENTION_RULE = {
  strongCoverage: 0.5,
  pairCoverage: 0.3,
  manyWords: 3,
} as const;

export function isCovered(evidence: Evidence[], rule = ABSTENTION_RULE): boolean {
  return evidence.some(
    (e) =>
      e.coverage >= rule.strongCoverage ||
      (e.matched >= 2 && e.matched * 2 >= e.terms && e.coverage >= rule.pairCoverage) ||
      e.matched >= rule.manyWords,
  );
}
