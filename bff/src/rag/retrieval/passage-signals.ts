import { isAsideSection } from '../generators/extractive/non-content.js';
import type { ChunkPayload } from '../types.js';
import { contentTerms, isContentToken, stem, tokenize } from './terms.js';

/**
 * What makes one chunk of a section the answering one rather than a neighbour on the same topic,
 * read from the chunk itself and the question's words (any book, any subject):
 *   - its headings name what is asked ("Topics" for "What is a ROS 2 topic?");
 *   - it defines the subject ("A topic is a named, typed channel…", "Topic: …");
 *   - the question's words meet in one place (a sentence or two), not scattered over the chunk;
 *   - it is not an aside (exercises, objectives, summary, references), which names everything the
 *     page covers without answering any of it.
 */
export interface PassageSignals {
  /** IDF-weighted share of the subject's words in the chunk's headings, in [0, 1]. */
  heading: number;
  /**
   * How closely the chunk's own heading (the last of its path) says what the question asks: the
   * IDF-weighted Dice overlap of the question's words and the heading's, in [0, 1]. "What is
   * Physical AI?" over its section scores 1 for "What is physical AI?" even where every heading of
   * the book names physical AI; "Physical AI vs Traditional AI" below it scores less.
   */
  ownHeading: number;
  /** IDF-weighted share of the subject's words a definition in the chunk defines, in [0, 1]. */
  definition: number;
  /** Best IDF-weighted share of the question's words within two consecutive sentences, in [0, 1]. */
  window: number;
  /** Distinct question words in that best window. */
  windowMatched: number;
  aside: boolean;
  /** Share of the chunk's characters outside fenced code, in [0, 1]. */
  prose: number;
}

interface ChunkShape {
  /** Stemmed content words of the chunk's headings (title and sections above it included). */
  heading: Set<string>;
  /** Stemmed content words of the chunk's own heading alone. */
  own: string[];
  sentenceCount: number;
  /**
   * Each content word's sentence, or sentences (indices, ascending): windows are scored from the
   * words asked. Most words of a chunk are in one sentence, so one index is kept as a number.
   */
  where: Map<string, number | number[]>;
  /** The content words each definition in the chunk defines ("a ROS 2 topic is…" → ros, 2, topic). */
  defined: Set<string>[];
  aside: boolean;
  prose: number;
}

/** The question's side of the signals: its words, their IDF weights and the weights' sums (in word order). */
export interface AskedWords {
  subject: string[];
  subjectWeights: number[];
  subjectTotal: number;
  terms: string[];
  weights: number[];
  termTotal: number;
  idf: (term: string) => number;
}

export function askedWords(subject: string[], terms: string[], idf: (term: string) => number): AskedWords {
  const subjectWeights = subject.map(idf);
  let subjectTotal = 0;
  for (const w of subjectWeights) subjectTotal += w;
  const weights = terms.map(idf);
  let termTotal = 0;
  for (const w of weights) termTotal += w;
  return { subject, subjectWeights, subjectTotal, terms, weights, termTotal, idf };
}

/** IDF-weighted share of the subject's words in `present`, in [0, 1]. */
function subjectShare(asked: AskedWords, present: Set<string>): number {
  if (asked.subjectTotal === 0) return 0;
  let held = 0;
  for (let i = 0; i < asked.subject.length; i++)
    if (present.has(asked.subject[i]!)) held += asked.subjectWeights[i]!;
  return held / asked.subjectTotal;
}

/** A definition's subject is at most this many words long ("The zero moment point (ZMP) is…"). */
const DEFINED_WORDS = 8;
/** Chunk shapes kept; a book has a few thousand chunks, the cache is keyed by content hash. */
const SHAPE_CACHE = 20_000;

const SENTENCE_END = /(?<=[.!?])\s+(?=[A-Z0-9`*"'([])|\n+/;
/** "X is a…", "X are…", "X means…", "X refers to…", "X, also called Y, is…": the copula that defines. */
const COPULA =
  /^(.{1,120}?)\s+(?:is|are|was|means|refers to|stands for|describes|denotes|is called|are called|is known as|represents)\s+(?:an?\s+|the\s+|not\s+|when\s+|how\s+|what\s+|one\s+|any\s+|\w)/i;
/** "Topic: a named channel…", "**Topic** — a named channel…", "Definition: …" under a heading. */
const LABEL = /^(?:[-*+]\s+|\d+[.)]\s+)?(?:\*\*|__)?([^:\n—–=]{1,80}?)(?:\*\*|__)?\s*(?::|—|–|=|\s-\s)\s*\S/;

export class PassageScorer {
  private readonly shapes = new Map<string, ChunkShape>();

  signals(
    payload: ChunkPayload,
    subject: string[],
    terms: string[],
    idf: (term: string) => number,
  ): PassageSignals {
    return this.signalsFor(payload, askedWords(subject, terms, idf));
  }

  /** signals() for one search: the question's weights come from askedWords(), made once for all its chunks. */
  signalsFor(payload: ChunkPayload, asked: AskedWords): PassageSignals {
    const shape = this.shape(payload);
    const { terms, weights, termTotal, idf } = asked;
    const { window, windowMatched } = bestWindow(shape, terms, weights, termTotal);
    let definition = 0;
    for (const defined of shape.defined) definition = Math.max(definition, subjectShare(asked, defined));
    let shared = 0;
    for (let t = 0; t < terms.length; t++) if (shape.own.includes(terms[t]!)) shared += weights[t]!;
    let ownWeight = 0;
    for (const t of shape.own) ownWeight += idf(t);
    const ownTotal = termTotal + ownWeight;
    return {
      heading: subjectShare(asked, shape.heading),
      ownHeading: ownTotal === 0 ? 0 : (2 * shared) / ownTotal,
      definition,
      window,
      windowMatched,
      aside: shape.aside,
      prose: shape.prose,
    };
  }

  /**
   * True when `name` and at least one of `others` meet in the chunk: in two consecutive sentences,
   * in the chunk's own heading, or one of them in the chunk's headings and the other in its text.
   */
  cooccurs(payload: ChunkPayload, name: string, others: string[]): boolean {
    const { where, heading, own, sentenceCount } = this.shape(payload);
    // The chunk's own heading says them together ('Gazebo crashes with "libGL error"' over a fix
    // given as code): a heading above it, shared with every chunk of its page, would not.
    if (own.includes(name) && others.some((t) => own.includes(t))) return true;
    if (sentenceCount === 0) return false;
    // Named in the headings: any of the others anywhere in the text will do.
    if (heading.has(name)) return others.some((t) => where.has(t) || (heading.has(t) && where.has(name)));
    const at = placesOf(where, name);
    if (at.length === 0) return false;
    // The sentence before and after too: a code line's meaning is often in the line above it.
    return others.some(
      (t) => heading.has(t) || placesOf(where, t).some((j) => at.some((i) => Math.abs(i - j) <= 1)),
    );
  }

  /** Share of `compounds` (compoundPatterns of a question) the chunk's headings or text write, in [0, 1]. */
  compoundShare(payload: ChunkPayload, compounds: RegExp[]): number {
    if (compounds.length === 0) return 0;
    const heading = payload.heading_path.join('\n');
    let held = 0;
    for (const c of compounds) if (c.test(heading) || c.test(payload.text)) held++;
    return held / compounds.length;
  }

  /** True when the chunk's prose (fenced code aside: a timeout in a listing is no answer) holds `amount`. */
  holdsAmount(payload: ChunkPayload, amount: RegExp): boolean {
    return amount.test(payload.text.replace(FENCED, ' '));
  }

  private shape(payload: ChunkPayload): ChunkShape {
    const key = payload.content_hash;
    let shape = this.shapes.get(key);
    if (!shape) {
      shape = shapeOf(payload);
      if (this.shapes.size >= SHAPE_CACHE) this.shapes.clear();
      this.shapes.set(key, shape);
    }
    return shape;
  }
}

function shapeOf(payload: ChunkPayload): ChunkShape {
  const path = payload.heading_path;
  const ownHeading = path.length > 1 ? path.at(-1)! : (path[0] ?? payload.title);
  const sentences = sentencesOf(payload.text);
  const defined: Set<string>[] = [];
  // A section whose heading is a term ("Zero Moment Point (ZMP)") and that opens on its meaning
  // defines the heading; "Definition: …" under it says so outright.
  for (const sentence of sentences) {
    const subject = definedSubject(sentence);
    if (subject) defined.push(new Set(contentTerms(/^definition$/i.test(subject) ? ownHeading : subject)));
  }
  const where = new Map<string, number | number[]>();
  sentences.forEach((sentence, i) => {
    for (const word of contentTerms(sentence)) {
      const at = where.get(word);
      if (at === undefined) where.set(word, i);
      else if (typeof at === 'number') where.set(word, [at, i]);
      else at.push(i);
    }
  });
  return {
    heading: new Set(contentTerms(path.join(' '))),
    own: contentTerms(ownHeading),
    sentenceCount: sentences.length,
    where,
    defined,
    aside: isAsideSection(path),
    prose: proseShare(payload.text),
  };
}

/**
 * The question's hyphenated, underscored and dotted compounds ("redux-saga", "node_modules", "RT-2",
 * "Immutable.js", "prettier.config.ts"), each as a pattern that finds it written whole in a chunk:
 * case aside, with a hyphen, an underscore, a dot or a space between its parts ("real-time" and
 * "real time" are one spelling), and not as the middle of a longer word ("xredux-saga"). A longer
 * compound that begins with it ("redux-saga-test-plan") still writes it. A dot joins only when a
 * letter follows it: "2.5" is a number and "Redux." ends a sentence.
 */
export function compoundPatterns(question: string): RegExp[] {
  const found = question.toLowerCase().match(/[a-z0-9]+(?:[-_][a-z0-9]+|\.[a-z][a-z0-9]*)+/g) ?? [];
  return [...new Set(found)].map(
    (compound) => new RegExp(`(?<![a-z0-9])${compound.split(/[-_.]/).join('[-_.\\s]')}(?![a-z0-9])`, 'i'),
  );
}

const NOWHERE: number[] = [];

function placesOf(where: Map<string, number | number[]>, word: string): readonly number[] {
  const at = where.get(word);
  return at === undefined ? NOWHERE : typeof at === 'number' ? [at] : at;
}

/** Per-call arrays, reused: one per sentence of the longest chunk seen. */
let scratch = newScratch(64);

function newScratch(n: number) {
  return { found: new Float64Array(n), matched: new Uint16Array(n), last: new Int32Array(n) };
}

/** Term t, of weight w, in sentence j: counted once in each window holding j (windows j - 1 and j). */
function countIn(windows: typeof scratch, t: number, j: number, w: number): void {
  const { found, matched, last } = windows;
  for (let i = Math.max(0, j - 1); i <= j; i++) {
    if (last[i] === t) continue;
    last[i] = t;
    found[i]! += w;
    matched[i]!++;
  }
}

/**
 * The best two consecutive sentences (sentence i and i + 1): the IDF-weighted share of the
 * question's words they hold, and how many distinct words. Scored from where the asked words occur,
 * so a long chunk costs no more than the words it shares with the question; the first best window
 * wins a tie.
 */
function bestWindow(
  shape: ChunkShape,
  terms: string[],
  weights: number[],
  termTotal: number,
): { window: number; windowMatched: number } {
  const n = shape.sentenceCount;
  if (termTotal <= 0 || n === 0) return { window: 0, windowMatched: 0 };
  if (scratch.found.length < n) scratch = newScratch(n);
  const { found, matched, last } = scratch;
  found.fill(0, 0, n);
  matched.fill(0, 0, n);
  // The term last counted in each window: a word in both of its sentences counts once.
  last.fill(-1, 0, n);
  for (let t = 0; t < terms.length; t++) {
    const at = shape.where.get(terms[t]!);
    if (at === undefined) continue;
    if (typeof at === 'number') countIn(scratch, t, at, weights[t]!);
    else for (const j of at) countIn(scratch, t, j, weights[t]!);
  }
  let window = 0;
  let windowMatched = 0;
  for (let i = 0; i < n; i++) {
    if (found[i]! / termTotal > window) {
      window = found[i]! / termTotal;
      windowMatched = matched[i]!;
    }
  }
  return { window, windowMatched };
}

const FENCED = /(`{3,}|~{3,})[\s\S]*?(?:\1|$)/g;

/**
 * Share of a chunk's characters (spaces collapsed) outside fenced code. Display math counts as
 * prose: a formula is how a book states a law or a transform.
 */
export function proseShare(text: string): number {
  const collapse = (t: string) => t.replace(/\s+/g, ' ').trim();
  const all = collapse(text).length;
  return all === 0 ? 0 : collapse(text.replace(FENCED, ' ')).length / all;
}

/** Sentences and lines of a chunk's prose; code is left out (its identifiers are not sentences). */
function sentencesOf(text: string): string[] {
  return text
    .replace(FENCED, '\n')
    .split(SENTENCE_END)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** The words a sentence defines, when it is a definition; undefined otherwise. */
export function definedSubject(sentence: string): string | undefined {
  const plain = sentence.replace(/\*\*|__|`/g, '').trim();
  const copula = COPULA.exec(plain);
  if (copula && isSubjectPhrase(copula[1]!)) return copula[1]!;
  const label = LABEL.exec(sentence.trim());
  if (label && isSubjectPhrase(label[1]!)) return label[1]!;
  return undefined;
}

/** A noun phrase short enough to be a term, not a clause ("When the robot falls, it…"). */
function isSubjectPhrase(phrase: string): boolean {
  // Parenthesised expansions ("DDS (Data Distribution Service)") and appositives are part of the name.
  const bare = phrase.replace(/\([^)]*\)/g, ' ').replace(/,[^,]*,/g, ' ');
  const words = tokenize(bare);
  if (words.length === 0 || words.length > DEFINED_WORDS) return false;
  // A clause opener or a verb-like function word inside means it is not a name.
  if (
    /^(?:if|when|while|because|since|although|after|before|once|so|but|and|or|this|that|it|there|here|we|you|i)$/i.test(
      words[0]!,
    )
  )
    return false;
  return words.some((w) => isContentToken(w) && stem(w).length > 0);
}
