import type { ChunkPayload } from '../types.js';
import { AUXILIARY, CURRENCY, YEAR } from './question-focus.js';
import { stem } from './terms.js';

/**
 * Two questions whose wh-word says what kind of answer a book must give, whatever words the
 * question shares with it: "Who designed …?" is answered by a person (or a body of people) named
 * as the doer, "When will … be released?" by a date. Passages that hold the question's words and
 * never name the doer or give a date do not answer, however many of its words they hold.
 */

/** The particles of English phrasal verbs: "who came up with" is a paraphrase, not the verb. */
const PARTICLE = /^(?:up|out|off|back|over|down|away|through|on)$/;

/** "Who VERB …", "who first VERB …": the verb, when it is no auxiliary ("who is", "who can"). */
const WHO_VERB = /^\s*who (?:first |originally )?([a-z]+)(?: ([a-z]+))?/i;

/** A capitalised word: the start of a name ("Rudolf", "Open", "Masahiro"). */
const CAPITALISED = /^[A-Z][a-z]+/;

/**
 * How many words may come between the verb and "by" ("was first designed in 2007 by …"); the
 * name may come a few words after "by" ("by a team at Willow Garage").
 */
const BY_NEAR = 4;

/**
 * True when the question asks "who VERB …" and no passage names a doer of that verb: a form of the
 * verb followed closely by "by" and a capitalised name ("proposed by Masahiro Mori", "developed
 * in 1960 by Rudolf Kalman"), or a capitalised name just before it ("Kalman published"), not as the
 * first word of a sentence. A phrasal verb ("who came up with") is a paraphrase of the book's verb
 * ("proposed"), so it is left to the other checks.
 */
export function lacksDoer(question: string, passages: ChunkPayload[]): boolean {
  const match = WHO_VERB.exec(question);
  if (!match) return false;
  const verb = match[1]!.toLowerCase();
  if (AUXILIARY.test(verb) || (match[2] !== undefined && PARTICLE.test(match[2].toLowerCase()))) return false;
  const asked = stem(verb);
  return !passages.some((p) => namesDoer(p.text, asked));
}

function namesDoer(text: string, verb: string): boolean {
  const words = text.split(/\s+/).filter(Boolean);
  return words.some((raw, i) => {
    const word = raw.toLowerCase().replace(/[^a-z]/g, '');
    if (!word || stem(word) !== verb) return false;
    const after = words.slice(i + 1, i + 2 + BY_NEAR);
    const by = after.findIndex((w) => w.toLowerCase() === 'by');
    // "by Masahiro Mori", and as often "by a team at Willow Garage", "by researchers at Google".
    if (by >= 0 && words.slice(i + 2 + by, i + 6 + by).some((w) => CAPITALISED.test(w))) return true;
    const before = words[i - 1];
    const opensSentence = i < 2 || /[.!?:]$/.test(words[i - 2]!);
    return before !== undefined && CAPITALISED.test(before) && !opensSentence;
  });
}

/**
 * "When will Redux 6 be released?", "when is it coming out": a question of a release, which a book
 * answers with a date ("deprecated in 2026") or a plan ("planned for", "the roadmap"). Not "when
 * does the robot stop?" or "when will the planner replan?": events of the subject matter, answered
 * by a condition.
 */
const FUTURE_WHEN =
  /^\s*when (?:will|is|are|does|do)\b.*\b(?:releas\w*|com(?:e|es|ing) out|launch\w*|shipp?\w*|be available|deprecat\w*|end[- ]of[- ]life)\b/i;

const PLANNED = /\b(?:planned|roadmap|upcoming|scheduled)\b/i;

/** True when the question asks when a future event happens and no passage gives a date or a plan. */
export function lacksDate(question: string, passages: ChunkPayload[]): boolean {
  if (!FUTURE_WHEN.test(question)) return false;
  return !passages.some((p) => YEAR.test(p.text) || PLANNED.test(p.text));
}

/**
 * Nouns of what a person is paid ("the salary of a ROS 2 developer", "average wages"): an amount of
 * money, which a book that answers writes in a currency. The cost family (question-focus.ts) holds
 * what things cost; these hold what people earn.
 */
const PAY = /\b(?:salary|salaries|wage|wages|income|incomes|earnings|paycheck|stipend)\b/i;

/** True when the question asks what someone is paid and no passage gives an amount of money. */
export function lacksPay(question: string, passages: ChunkPayload[]): boolean {
  if (!PAY.test(question)) return false;
  return !passages.some((p) => CURRENCY.test(p.text));
}
