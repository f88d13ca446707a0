import { contentTerms } from './terms.js';

/**
 * A question that asks two things at once ("What is a topic and how do I publish on one?", "What
 * does DDS stand for? Why does ROS 2 use it?") is two questions for retrieval: each part is
 * searched on its own and their best passages merged, so the second part's answer is not crowded
 * out by the first's. Read from the question's form only: a second question sentence, or "and"
 * (", and", "; and", "but") followed by a question word.
 */

/** Question words that open a second question after "and". */
const QUESTION_WORD =
  '(?:how|what|why|when|where|which|who|whom|whose|does|do|did|is|are|was|were|can|could|should|would|will|must)';
const JOINT = new RegExp(
  `\\s*(?:[,;]\\s*)?\\b(?:and|but|also|plus)\\s+(?=(?:also\\s+)?${QUESTION_WORD}\\b)`,
  'i',
);
/** A question mark (or full stop) followed by another sentence. */
const SENTENCE = /(?<=[?.!])\s+(?=\S)/;
/** The auxiliary or copula a question clause carries ("is", "does", "can", "should", …). */
const VERB =
  /\b(?:is|are|was|were|isn't|aren't|does|do|did|doesn't|don't|can|could|should|would|will|must|has|have|means?)\b/i;
/** At most this many parts: a longer list is one question about several things. */
const MAX_PARTS = 3;

/**
 * The parts of a compound question, or the question alone when it asks one thing. A part that
 * names nothing of its own ("and why?", "and what does it do?") leans on the one before, so it is
 * joined back to it: the pair is then searched together, as the whole question would be.
 */
export function questionParts(question: string): string[] {
  const pieces = question
    .split(SENTENCE)
    .flatMap((sentence) => sentence.split(JOINT))
    .map((p) => p.trim())
    .filter(Boolean);
  const parts: string[] = [];
  for (const piece of pieces) {
    if (parts.length > 0 && contentTerms(piece).length === 0) parts[parts.length - 1] += ` and ${piece}`;
    else parts.push(piece);
  }
  if (parts.length < 2 || parts.length > MAX_PARTS) return [question];
  // Each part is a clause with a verb of its own; "What GPU and how much VRAM does it need?" asks
  // about two things that share one verb, so it is one question.
  if (!parts.every((part) => VERB.test(part) || contentTerms(part).length >= 3)) return [question];
  return parts;
}

/**
 * Merges ranked lists, one per part: each part's best first, in turn, each id once, until `limit`.
 * Round-robin keeps every part among the top passages whatever their score scales.
 */
export function interleave<T extends { id: string }>(lists: T[][], limit: number): T[] {
  const out: T[] = [];
  const seen = new Set<string>();
  for (let rank = 0; out.length < limit && lists.some((l) => rank < l.length); rank++) {
    for (const list of lists) {
      const item = list[rank];
      if (!item || seen.has(item.id)) continue;
      seen.add(item.id);
      out.push(item);
      if (out.length === limit) break;
    }
  }
  return out;
}
