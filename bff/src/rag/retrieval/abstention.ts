import type { ChunkPayload } from '../types.js';
import { lacksDate, lacksDoer, lacksPay } from './abstain-asked.js';
import { lacksAmount, lacksCount, lacksDuration, lacksVersion } from './abstain-count.js';
import type { Evidence } from './keyword-index.js';
import { PassageScorer } from './passage-signals.js';
import { attributeForms, holdsFocus, isMeasure, type FocusPassage } from './question-focus.js';
import { compoundParts, contentTerms, isContentToken, rawWords, stem } from './terms.js';

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
 * A question is not read for a syntactic focus (what it asks for, from its wh-phrase): that rule
 * declined paraphrases on books it was not tuned on and nothing more (question-focus.ts says how).
 * Two readings of the wording stay, both general English: a "how do I" verb with its preposition is
 * an idiom ("deal with", "go about"), so it is never what the book lacks; "who VERB" asks for a
 * person in that relation, so a book that never uses the verb does not answer. An attribute word the book
 * never uses ("tall", "downside") needs a passage with its family or an amount in its units.
 */
/**
 * True when `word` and one of `others` meet in the passage: in two consecutive sentences, or one in
 * its headings and the other in its text (PassageScorer.cooccurs).
 */
export type Near = (payload: ChunkPayload, word: string, others: string[]) => boolean;

let defaultScorer: PassageScorer | undefined;
const nearInPassage: Near = (payload, word, others) =>
  (defaultScorer ??= new PassageScorer()).cooccurs(payload, word, others);

export function coversQuestion(
  question: string,
  questionTerms: string[],
  index: TermStatistics,
  passages: RankedPassage[],
  near: Near = nearInPassage,
): boolean {
  // How it is asked ("stand for", "in plain terms") is not what it asks about.
  const terms = questionTerms.filter((t) => !isQuestionWording(question, t));
  const knownTerms = terms.filter((t) => index.knows(t));
  if (knownTerms.length === 0) return false;
  const mostlyKnown = knownTerms.length * 2 > terms.length || knownTerms.length + 1 === terms.length;
  // Half the words unknown: only two telling words the book knows, met in one passage, decide
  // ("What price is Tesla aiming for with Optimus?": Tesla and Optimus; "a good recipe for
  // sourdough bread" has only "good").
  const telling = knownTerms.filter((t) => isTelling(t, index));
  if (!mostlyKnown && telling.length < 2) return false;
  // "Who invented …" asks for a person in that relation: a book without the verb does not say who.
  const relation = personRelation(question);
  if (relation && terms.includes(relation) && !index.knows(relation)) return false;
  const lacking = terms.filter(
    (t) =>
      !index.knows(t) &&
      !FUNCTION_WORDS.has(t) &&
      !isPrepositionalHowTo(question, t) &&
      !isPhrasalVerb(question, t) &&
      !isComparativeOfKnown(question, t, index) &&
      !isPlainSense(question, t) &&
      !isWrittenApart(t, terms, index, passages.slice(0, EVIDENCE_DEPTH)) &&
      !LIGHT_VERBS.has(t) &&
      !isClippedHeading(question, t, passages.slice(0, EVIDENCE_DEPTH)),
  );
  // An attribute word ("weaknesses", "tall") is held by another word of its family or an amount in
  // its units (question-focus.ts), unless it only picks out the thing meant ("the old format"); any
  // other word the book never uses is explained only as paraphrase.
  const attributes = lacking.filter(
    (t) => attributeForms(t).length > 1 && !isModifier(question, t) && asksAttribute(question, t, terms),
  );
  const unexplained = lacking.filter((t) => !attributes.includes(t));
  // Words in a quarter of the book's chunks or more ("Redux", "robot") are its topic and say nothing
  // of what is asked; function words ("usually") name nothing asked either.
  const specific = knownTerms.filter((t) => !isTopicWord(t, index) && !FUNCTION_WORDS.has(t));
  // A word the book never uses is forgiven as paraphrase only beside two words that name what is
  // asked: with nothing but the book's own topic words left ("How do I get a Redux certification?"
  // in the Redux docs, whose every page says Redux), the unknown word is what is asked. Those two
  // need not be rare: "if my workspace has a package named like an installed one, which wins?"
  // names a chapter's common words, each in a tenth of the book's chunks.
  if (unexplained.length > 0 && specific.length < 2) return false;
  const held = attributes.length
    ? passages.slice(0, FOCUS_DEPTH).filter((p) => holdsFocus(attributes, focusPassage(p.payload)))
    : passages.slice(0, EVIDENCE_DEPTH);
  // Beside a word the book lacks, one word of the question met in a passage is no evidence that
  // the passage answers ("What colour is the Redux logo?": a page on colours in the Redux docs);
  // two met together are ("a fixed transform for a camera mounted on the robot"), topic and
  // function words not among them. The two must meet near each other (two consecutive sentences,
  // or a heading and its text), not anywhere in a long chunk: "How many weekly downloads does Redux
  // have on npm?" finds a page naming npm in its install steps and "download" in its changelog.
  if (unexplained.length > 0 && !held.some((p) => meets(specific, p, near))) return false;
  // A measurable attribute the book knows ("How heavy is a 3D LiDAR?" in a book that weighs a
  // gripper) must meet what it is asked of: one of its family's words near one of the question's
  // other specific words, or an amount in its units in a passage that names one of them.
  const measured = knownTerms.filter((t) => isMeasure(t) && asksAttribute(question, t, terms));
  const measuredOf = specific.filter((t) => !measured.includes(t));
  if (measured.length > 0 && measuredOf.length > 0) {
    const forms = measured.flatMap(attributeForms);
    const found = passages
      .slice(0, FOCUS_DEPTH)
      .some(
        (p) =>
          measuredOf.some((t) => near(p.payload, t, forms)) ||
          (index.evidence(measuredOf, p.id).matched > 0 && holdsFocus(measured, focusPassage(p.payload))),
      );
    if (!found) return false;
  }
  // "How many students take …": a count the best passages never give (abstain-count.ts); "who
  // designed …", "when will … be released": a doer or a date they never name (abstain-asked.ts).
  const best = passages.slice(0, FOCUS_DEPTH).map((p) => p.payload);
  if (
    lacksCount(question, best) ||
    lacksAmount(question, best) ||
    lacksDuration(question, best) ||
    lacksVersion(question, best) ||
    lacksDoer(question, best) ||
    lacksDate(question, best) ||
    lacksPay(question, best)
  )
    return false;
  if (mostlyKnown) return isCovered(held.map((p) => index.evidence(knownTerms, p.id)));
  return held.some((p) => index.evidence(telling, p.id).matched >= 2);
}

/** Two distinct words of `words` meet near each other in the passage. */
function meets(words: string[], passage: RankedPassage, near: Near): boolean {
  return words.some((w, i) => near(passage.payload, w, words.slice(i + 1)));
}

/**
 * English prepositions, conjunctions and adverbs the tokenizer keeps as content words but that
 * never name what is asked: a book that never writes "onto" or "though" still answers with them.
 */
const FUNCTION_WORDS = new Set(
  `although though onto unto toward towards apart quite usually whole entire
  typically generally normally simply exactly probably maybe perhaps anyway somehow already still
  even ever never always sometimes`
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => stem(w)),
);

/**
 * English light verbs, in their forms: their object says what is done ("put its foot" is where the
 * foot is placed, "took a step", "keep it level"), and a book says the same in a verb of its own
 * ("place", "step", "hold"), so a light verb is never the word the book lacks.
 */
const LIGHT_VERBS = new Set(
  'put puts putting take takes took taken taking make makes made making keep keeps kept keeping bring brings brought bringing give gives gave given giving'
    .split(' ')
    .map((w) => stem(w)),
);

/**
 * A word of the question that names nothing asked about a name: a function word ("onto"), or the
 * verb of "how do I VERB …", which books paraphrase most ("switch" for "swap", "set up" for
 * "configure"). The rare-name check (hybrid-retriever unsupportedNames) does not look for it.
 */
export function namesNoRelation(question: string, term: string): boolean {
  return FUNCTION_WORDS.has(term) || isProcedureVerb(question, term);
}

/** "How do I VERB …", "how to VERB …", and the preposition after the verb, if one follows. */
const HOW_TO =
  /^\s*(?:how (?:do|can|should|would|could) (?:i|we|you|one)|how to) ([a-z]+)(?: (with|about|for|on|to|into|at|from|around)\b)?/i;

/** The how-to's verb, when it is this term, and whether a preposition follows it. */
function howToVerb(question: string, term: string): { prepositional: boolean } | undefined {
  const match = HOW_TO.exec(question);
  if (!match || stem(match[1]!.toLowerCase()) !== term) return undefined;
  return { prepositional: match[2] !== undefined };
}

/** "How do I VERB …, "how to VERB …": the verb is paraphrased most ("deal with", "go about"). */
function isProcedureVerb(question: string, term: string): boolean {
  return howToVerb(question, term) !== undefined;
}

/**
 * "How do I deal with …", "how do I go about …": a how-to verb with its preposition is an idiom the
 * book says in a word of its own ("handle", "do"), so the verb is not a word the book lacks. A verb
 * with its object ("How do I paint the cover?", "uninstall it") is what is asked: a book that never
 * uses it is held to it as to any other word it lacks.
 */
function isPrepositionalHowTo(question: string, term: string): boolean {
  return howToVerb(question, term)?.prepositional === true;
}

/**
 * Idioms of how a question is asked, not of what it asks about: "What does VSLAM stand for?",
 * "short for", "the acronym for" ask for a name's expansion, which a book gives without writing
 * "stand" or "acronym"; "in plain terms", "in simple words" ask for a plain answer. Each idiom's own
 * words are not words the book lacks.
 */
const WORDING_IDIOMS = [
  /\b(stand)s?\s+for\b/gi,
  /\b(short)\s+for\b/gi,
  /\b(abbreviation|acronym)s?\s+(?:of|for)\b/gi,
  /\bin\s+(plain|simple|simpler|layman'?s|everyday)\s+(terms|words|english|language)\b/gi,
];

function isQuestionWording(question: string, term: string): boolean {
  return WORDING_IDIOMS.some((idiom) =>
    [...question.matchAll(idiom)].some((m) =>
      m.slice(1).some((word) => word !== undefined && stem(word.toLowerCase().replace(/'s$/, '')) === term),
    ),
  );
}

/**
 * "ros2" asked of a book that writes "ROS 2": the tokenizer gives the compound and its parts
 * ("ros", "2"); a book that knows every part and writes them side by side in a passage retrieved
 * ("ROS 2", "ROS-2") names the same thing. Parts the book only uses elsewhere ("nav" and "2" for
 * "Nav2") do not.
 */
function isWrittenApart(
  term: string,
  terms: string[],
  index: TermStatistics,
  passages: RankedPassage[],
): boolean {
  const parts = compoundParts(term);
  if (parts.length < 2 || !parts.every((part) => terms.includes(stem(part)) && index.knows(stem(part))))
    return false;
  const apart = new RegExp(`(?<![a-z0-9])${parts.join('[\\s_-]+')}(?![a-z0-9])`, 'i');
  return passages.some(
    (p) => apart.test(p.payload.text) || p.payload.heading_path.some((h) => apart.test(h)),
  );
}

/**
 * "the stats tab" of a book headed "Statistics": readers name a section by a clipped form of its
 * heading's word ("stats", "specs", "sims"), the front of the word the book writes whole. The word
 * is clipped when a heading of a passage retrieved has a word that begins with it (less a plural
 * "s") and is more than twice as long ("lens" is no clipping of "Length"); an attribute word ("loud" of "loudspeaker") is held to its
 * family instead.
 */
function isClippedHeading(question: string, term: string, passages: RankedPassage[]): boolean {
  if (attributeForms(term).length > 1) return false;
  return rawWords(question).some((word) => {
    if (stem(word) !== term) return false;
    const front = word.length > 3 ? word.replace(/s$/, '') : word;
    if (front.length < 3) return false;
    return passages.some((p) =>
      [p.payload.title ?? '', ...p.payload.heading_path].some((heading) =>
        rawWords(heading).some((w) => w.length > 2 * front.length && w.startsWith(front)),
      ),
    );
  });
}

/**
 * "smoother", "bigger", "easiest": the comparative or superlative of an adjective the book uses
 * ("smooth", "big", "easy"). The stemmer leaves -er and -est on, so the book's word is another term.
 */
function isComparativeOfKnown(question: string, term: string, index: TermStatistics): boolean {
  return rawWords(question).some((word) => {
    if (stem(word) !== term) return false;
    const ending = /^(.{3,}?)(?:er|est)$/.exec(word);
    if (!ending) return false;
    const base = ending[1]!;
    const bases = [base, `${base}e`, base.replace(/i$/, 'y'), base.replace(/(.)\1$/, '$1')];
    return bases.some((b) => b !== word && index.knows(stem(b)));
  });
}

/**
 * An adjective between a determiner and the noun it describes ("the old number format", "a long
 * cable"): it picks out which thing is meant, it is not the attribute asked for ("how old", "the
 * age of"), so the book need not measure it.
 */
function isModifier(question: string, term: string): boolean {
  const words = rawWords(question);
  return words.some(
    (word, i) =>
      i > 0 &&
      stem(word) === term &&
      DETERMINERS.has(words[i - 1]!) &&
      words[i + 1] !== undefined &&
      isContentToken(words[i + 1]!) &&
      attributeForms(stem(words[i + 1]!)).length === 1,
  );
}

/**
 * Attribute words that are everyday verbs in another sense: "draw" is power only in "power draw" or
 * "how much current does it draw", not in "drawing a map" or "what can the tab draw"; "reach" is
 * range only in "how far can it reach", not in "reach the goal".
 */
const OTHER_SENSE = new Set(['draw', 'reach'].map((w) => stem(w)));

/**
 * Whether an attribute word asks for its attribute. A word with another everyday sense does only
 * beside another word of its family ("power draw") or in a question of amount ("how much", "how
 * far"); any other attribute word always does.
 */
function asksAttribute(question: string, term: string, terms: string[]): boolean {
  if (!OTHER_SENSE.has(term)) return true;
  const family = attributeForms(term);
  return /\bhow (?:much|many|far)\b/i.test(question) || terms.some((t) => t !== term && family.includes(t));
}

/**
 * "plain RRT", "vanilla Redux", "regular ROS": a word that asks for the thing in its ordinary sense,
 * before the thing's name. The book writes the name alone.
 */
function isPlainSense(question: string, term: string): boolean {
  const words = rawWords(question);
  return words.some(
    (word, i) =>
      PLAIN_SENSE.has(word) &&
      stem(word) === term &&
      words[i + 1] !== undefined &&
      isContentToken(words[i + 1]!),
  );
}

const PLAIN_SENSE = new Set(['plain', 'vanilla', 'regular', 'ordinary']);

const DETERMINERS = new Set('the a an my our your this that these those its their his her'.split(' '));

/** The particles of English phrasal verbs ("come up with", "figure out", "hand off", "hang on to"). */
const PARTICLE = '(?:up|out|off|back|over|down|away|through|on to|on with)';
const PHRASAL_VERB = new RegExp(`\\b([a-z]+) ${PARTICLE}\\b`, 'gi');
const PERSON_RELATION = new RegExp(`^\\s*who (?:first |originally )?([a-z]+)\\b(?! ${PARTICLE}\\b)`, 'i');

/**
 * The verb of "Who VERB …" as a stem ("Who first built …" → built), if the question is one. A
 * phrasal verb ("Who came up with …") is a paraphrase ("proposed", "coined"): no relation to hold.
 */
function personRelation(question: string): string | undefined {
  const verb = PERSON_RELATION.exec(question)?.[1];
  return verb === undefined ? undefined : stem(verb.toLowerCase());
}

/**
 * The verb of a phrasal verb ("came up with", "figure out", "hand off", "come back"): its meaning is
 * the pair's, which a book says in one word ("proposed", "determine", "delegate", "return"), so the
 * verb alone is not a word the book lacks.
 */
function isPhrasalVerb(question: string, term: string): boolean {
  return [...question.matchAll(PHRASAL_VERB)].some((m) => stem(m[1]!.toLowerCase()) === term);
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
  const df = chunkCount(term, index);
  return df <= 1 + 1e-6 || df < COMMON_SHARE * index.size;
}

/**
 * A word in this share of the book's chunks or more names the book's topic (in a book of a few
 * chunks, a word of one chunk still names that chunk).
 */
const TOPIC_SHARE = 0.25;

function isTopicWord(term: string, index: TermStatistics): boolean {
  const df = chunkCount(term, index);
  return df > 1 + 1e-6 && df >= TOPIC_SHARE * index.size;
}

/** The keyword index's IDF, ln(1 + (n + 1) / (df + 0.5)), read back as a chunk count. */
function chunkCount(term: string, index: TermStatistics): number {
  return (index.size + 1) / Math.expm1(index.idf(term)) - 0.5;
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
