import { contentTerms } from './terms.js';

/** One earlier turn of the conversation, oldest first (the request's `history`). */
export interface Turn {
  role: 'user' | 'assistant';
  content: string;
}

/** A follow-up this short (in content words) cannot name its own subject. */
const SHORT_FOLLOW_UP_TERMS = 2;
/** Longer questions still lean on the previous one when they refer back, up to this size. */
const REFERRING_FOLLOW_UP_TERMS = 5;

/** Openings that continue the previous question rather than start a new one. */
const CONTINUATION =
  /^\s*(and|but|so|also|then|what about|how about|why|why not|how come|what else|anything else)\b/i;
/** Words that point back at something said before. */
const REFERENCE =
  /\b(it|its|it's|itself|this|that|these|those|they|them|their|theirs|he|she|his|her|one|ones|the same|such|above|previous|earlier|former|latter)\b/i;

/**
 * The text retrieval should search for: the question itself, or, when it is a short or referring
 * follow-up ("why?", "give an example", "what about its default?"), the previous user question
 * followed by this one, so the subject asked about before is searched for again. Both are kept:
 * the new words still say what is wanted now.
 */
export function resolveFollowUp(question: string, history: readonly Turn[] = []): string {
  const previous = [...history].reverse().find((t) => t.role === 'user' && t.content.trim());
  if (!previous) return question;
  if (!isFollowUp(question)) return question;
  return `${previous.content.trim()}\n${question.trim()}`;
}

/** True when the question cannot stand on its own. */
export function isFollowUp(question: string): boolean {
  const terms = contentTerms(question).length;
  if (terms <= SHORT_FOLLOW_UP_TERMS) return true;
  if (terms > REFERRING_FOLLOW_UP_TERMS) return false;
  return CONTINUATION.test(question) || REFERENCE.test(question);
}
