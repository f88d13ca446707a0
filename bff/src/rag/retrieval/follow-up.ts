import { contentTerms, isContentToken, tokenize } from './terms.js';

/** One earlier turn of the conversation, oldest first (the request's `history`). */
export interface Turn {
  role: 'user' | 'assistant';
  content: string;
}

/**
 * Past this many content words a question names its own subject, whatever pronoun it also holds
 * ("How does Gazebo compute the real-time factor of it…" is rare; a long question that says "it"
 * usually means a thing it names itself).
 */
const REFERRING_FOLLOW_UP_TERMS = 6;

/**
 * Openings that continue the previous question with a new subject or a new angle ("and for a
 * service?", "what about the default?", "in Python?"): the relation asked before carries over.
 */
const CONTINUATION =
  /^\s*(?:and|but|also|what about|how about|what else|anything else|same for|(?:and |but )?(?:in|for|with|on|using|without|inside|under) (?!order\b))\b/i;

/** Personal pronouns that point back at something said before (possessives included). */
const PRONOUN = /^(?:it|its|itself|they|them|their|theirs|themselves)$/;
/** Demonstratives: referring when they stand for a thing ("why is that?", "does this…"). */
const DEMONSTRATIVE = /^(?:this|that|these|those)$/;
/** Phrases that only make sense after something else was said. */
const BACK_REFERENCE =
  /\b(?:the same|the former|the latter|the other one|which one|which ones|the previous|as above|mentioned above|you (?:said|mentioned)|the last answer)\b/i;
/**
 * "It" that refers to nothing: "is it possible to…", "how long does it take to…", "does it matter
 * which…". Recognised by the predicate after it and the clause that follows; "how does it compare
 * to X?" still points back.
 */
const EXPLETIVE_IT =
  /\bit(?:'s|\s+is|\s+was|\s+be)?\s+(?:a\s+(?:good|bad)\s+idea|possible|necessary|better|best|worse|safe|okay|ok|wise|good|bad|hard|harder|easy|easier|important|true|required|recommended|normal|common|take|takes|cost|costs|make\s+sense|matter|matters)\s+(?:\w+\s+){0,3}?(?:to|that|whether|if|which|when|for)\b/i;

/**
 * The text retrieval should search for: the question itself, or, when it is a follow-up that
 * leans on the conversation ("why?", "give an example", "what about its default?", "and for a
 * service?"), the previous user question followed by this one, so the subject asked about before
 * is searched for again. Both are kept: the new words still say what is wanted now.
 */
export function resolveFollowUp(question: string, history: readonly Turn[] = []): string {
  const previous = [...history].reverse().find((t) => t.role === 'user' && t.content.trim());
  if (!previous) return question;
  if (!isFollowUp(question)) return question;
  return `${previous.content.trim()}\n${question.trim()}`;
}

/**
 * True when the question cannot stand on its own: it names nothing (ellipsis: "why?", "give an
 * example", "tell me more"), it continues the previous one ("and for X?", "what about X?", "in
 * Python?"), or it points back with a pronoun or demonstrative ("what does it return?", "why is
 * that?"). A short question that names its subject ("What is SLAM?") stands alone.
 */
export function isFollowUp(question: string): boolean {
  const terms = contentTerms(question).length;
  if (terms === 0) return true;
  if (terms > REFERRING_FOLLOW_UP_TERMS) return false;
  return CONTINUATION.test(question) || refersBack(question);
}

/** A pronoun, a demonstrative used as one, or a phrase such as "the latter". */
function refersBack(question: string): boolean {
  if (BACK_REFERENCE.test(question)) return true;
  const tokens = tokenize(question);
  const expletive = EXPLETIVE_IT.test(question);
  return tokens.some((token, i) => {
    if (PRONOUN.test(token)) return !(token === 'it' && expletive);
    if (!DEMONSTRATIVE.test(token)) return false;
    // "the node that publishes…", "a robot this size": after a content word a demonstrative
    // starts a clause or modifies it; after a function word (or first) it stands for a thing.
    const before = tokens[i - 1];
    return before === undefined || !isContentToken(before);
  });
}
