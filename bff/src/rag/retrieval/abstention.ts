import type { ChunkPayload } from '../types.js';
import type { Evidence } from './keyword-index.js';
import { attributeForms, holdsFocus, questionFocus, type FocusPassage } from './question-focus.js';
import { contentTerms } from './terms.js';

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

/** What the decision needs of the keyword index. */
export interface TermStatistics {
  knows(term: string): boolean;
  idf(term: string): number;
  evidence(terms: string[], id: string): Evidence;
  /** The number of chunks. */
  readonly size: number;
}

export interface RankedPassage {
  id: string;
  payload: ChunkPayload;
}

/**
 * The coverage decision over the best passages (names the book never uses are checked apart, in
 * unknown-terms.ts).
 *
 * Words the book never uses weigh the most (their IDF is the highest) yet no passage can hold
 * them: an everyday word ("weaknesses" for the book's "limitations") would decline the question
 * on its own. So the decision weighs the words the book knows, so long as they are most of them or
 * all but one ("a good recipe for sourdough bread" is half unknown and stays declined).
 *
 * Only a passage that holds the question's focus (question-focus.ts: what is asked for, "the
 * price" of "the price of a Spot") counts: a page that names the subject without it does not answer.
 * A "how do I" verb is paraphrased too often to be held to, so it decides only when the book never
 * uses it at all ("How do I paint …" in a book without the word).
 */
export function coversQuestion(
  question: string,
  terms: string[],
  index: TermStatistics,
  passages: RankedPassage[],
): boolean {
  const knownTerms = terms.filter((t) => index.knows(t));
  if (knownTerms.length === 0) return false;
  const mostlyKnown = knownTerms.length * 2 > terms.length || knownTerms.length + 1 === terms.length;
  // Half the words unknown: only two telling words the book knows, met in one passage, decide
  // ("What price is Tesla aiming for with Optimus?": Tesla and Optimus; "a good recipe for
  // sourdough bread" has only "good").
  const telling = knownTerms.filter((t) => isTelling(t, index));
  if (!mostlyKnown && telling.length < 2) return false;
  // A word the book never uses is forgiven as paraphrase only beside a telling word: with nothing
  // but the book's own topic words left ("How do I get a Redux certification?" in the Redux docs,
  // whose every page says Redux), the unknown word is what is asked. An attribute word
  // ("weaknesses") is left to the focus check, which finds it in other words of its family.
  const unexplained = terms.filter((t) => !index.knows(t) && attributeForms(t).length === 1);
  if (telling.length === 0 && unexplained.length > 0) return false;
  const focus = questionFocus(question);
  if (focus.procedureVerb && focus.terms.every((t) => !index.knows(t))) return false;
  // A word of the asked-for phrase the book never uses is not forgiven as paraphrase is: "How
  // many weekly downloads …" in a book without "weekly" asks for what the book does not hold.
  if (focus.modifiers.some((t) => !index.knows(t))) return false;
  const asked = focus.procedureVerb ? [] : focus.terms;
  // The focus may sit in a passage ranked a little below the ones that name the subject most.
  const held = asked.length
    ? passages.slice(0, FOCUS_DEPTH).filter((p) => holdsFocus(asked, focusPassage(p.payload)))
    : passages.slice(0, EVIDENCE_DEPTH);
  if (mostlyKnown) return isCovered(held.map((p) => index.evidence(knownTerms, p.id)));
  return held.some((p) => index.evidence(telling, p.id).matched >= 2);
}

/**
 * Passages whose evidence decides, whatever max_results is (the retriever's rare-name check reads
 * as many); a question with a focus looks this deep for it.
 */
export const EVIDENCE_DEPTH = 5;
export const FOCUS_DEPTH = 10;

/**
 * A telling word is in under a tenth of the book's chunks, or in one only (in a book of a few
 * chunks every word is in a tenth of them): commoner words name the book's topic, not a section.
 */
const COMMON_SHARE = 0.1;

function isTelling(term: string, index: TermStatistics): boolean {
  // The keyword index's IDF, ln(1 + (n + 1) / (df + 0.5)), read back as a chunk count.
  const df = (index.size + 1) / Math.expm1(index.idf(term)) - 0.5;
  return df <= 1 + 1e-6 || df < COMMON_SHARE * index.size;
}

const termCache = new Map<string, FocusPassage>();
const TERM_CACHE_SIZE = 5_000;

/** A passage's stemmed content words and text (title, headings, body), kept by content hash. */
function focusPassage(payload: ChunkPayload): FocusPassage {
  const key = payload.content_hash;
  let passage = key ? termCache.get(key) : undefined;
  if (!passage) {
    const text = [payload.title, ...payload.heading_path, payload.text].join('\n');
    passage = { terms: new Set(contentTerms(text)), text };
    if (key) {
      if (termCache.size >= TERM_CACHE_SIZE) termCache.delete(termCache.keys().next().value!);
      termCache.set(key, passage);
    }
  }
  return passage;
}
