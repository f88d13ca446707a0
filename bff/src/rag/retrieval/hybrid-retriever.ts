import { AppError } from '../../platform/errors.js';
import type { Embedder, SearchHit, VectorStore } from '../types.js';
import { coversQuestion, EVIDENCE_DEPTH, FOCUS_DEPTH, namesNoRelation } from './abstention.js';
import { interleave, questionParts } from './compound.js';
import { isFollowUp } from './follow-up.js';
import { KeywordIndex, type Evidence } from './keyword-index.js';
import { readQuestion, type QuestionType } from '../generators/extractive/question.js';
import { askedWords, compoundPatterns, PassageScorer, type PassageSignals } from './passage-signals.js';
import { contentTerms } from './terms.js';
import { definersOf, type Definer } from './definers.js';
import { amountPattern, attributeForms, countPattern, quantityPhrase } from './question-focus.js';
import {
  bookVersions,
  englishWords,
  newerVersions,
  questionNames,
  unknownNames,
  unwrittenCompounds,
  type NamedVersions,
} from './unknown-terms.js';
import { bareQuestion } from './preamble.js';
import { correctSpelling, wordCounts, type BookSpelling, type Spelled } from './spelling.js';

export interface RetrievalResult {
  /** Best first, at most maxResults, each score in [0, 1]. */
  hits: SearchHit[];
  /** The query's stemmed content words. */
  terms: string[];
  /** Each query term's IDF in the book: rare words say more about what is asked. */
  termWeights?: Record<string, number>;
  /** Best share (IDF-weighted) of the query's words found in one of the hits, in [0, 1]. */
  coverage: number;
  /**
   * False when the book does not seem to cover the question: the answer should say so, and `hits`
   * are then the nearest sections, to be offered as citations. One decision for every reader level.
   */
  covered: boolean;
  /** Specific names in the question that the book never uses (a reason for covered = false). */
  unknownNames?: string[];
  /** Mistyped words the question was searched with as the book's words ("recieve" as "receive"). */
  corrections?: Spelled['corrections'];
}

export interface Retriever {
  retrieve(query: string, maxResults: number, signal?: AbortSignal): Promise<RetrievalResult>;
  /** Call after an ingest: the keyword index and the index check are rebuilt on the next query. */
  invalidate(): void;
}

/**
 * rrf: reciprocal-rank fusion of the two ranked lists.
 * mix: weighted sum of cosine and BM25 divided by the query's best BM25.
 * coverage: weighted sum of cosine and the IDF-weighted share of query words a chunk holds.
 * mix3 (default): cosine for half, the other half split between relative BM25 and coverage.
 *   Best hit@1 and MRR on both question sets (bench/eval; figures in bench/README.md), and
 *   three quarters of it (cosine, coverage) mean the same thing for every query.
 */
export type Fusion = 'rrf' | 'mix' | 'coverage' | 'mix3';

export interface HybridRetrieverOptions {
  fusion?: Fusion;
  /** Weight of the vector side in 'mix' and 'coverage'. */
  vectorWeight?: number;
  /** Candidates taken from each side per requested result. */
  candidateFactor?: number;
  /** Weights of the passage signals added to the fused score (passage-signals.ts); unset ones keep their defaults. */
  passage?: Partial<PassageWeights>;
}

export interface PassageWeights {
  /** The chunk's headings name the question's subject. */
  heading: number;
  /**
   * The chunk's own heading says what the question asks (PassageSignals.ownHeading): weighs even
   * where the subject names the whole book and so earns no `heading` bonus ("What is Redux?").
   */
  ownHeading: number;
  /** The chunk defines the subject (full weight for "what is X" questions, half for others). */
  definition: number;
  /** The question's words meet within two sentences. */
  window: number;
  /**
   * Subtracted from an aside (exercises, objectives, summary, references), which also earns no
   * heading or definition bonus: "Exercise 1: Reality gap analysis" names the subject in its
   * heading and defines the terms of its task without answering "What is the reality gap?".
   */
  aside: number;
  /**
   * Subtracted, times the chunk's share of code, when the question asks for no code (it is not a
   * "how do I" question and names no code, command or identifier), among the passages already
   * chosen: a listing of `ros2 service …` commands matches every word of "What is a service in
   * ROS 2?" and answers none of it.
   */
  code: number;
  /**
   * Times the share of the question's hyphenated, underscored or dotted compounds the chunk writes
   * whole ("redux-saga", "eslint-plugin-prettier", "node_modules", "Immutable.js"): a compound names
   * one thing, and BM25 and the coverage score read its parts as separate words, so a chunk that
   * writes "Redux" in one sentence and "saga" in another scores as high as the one about redux-saga.
   */
  compound: number;
  /**
   * Added when a quantity question's number has a unit ("how long", "how often", "how big", "how
   * much does it cost") and the chunk's prose gives an amount in one of its units (question-focus
   * amountPattern): "How long should the demo video be?" is answered by the section that says
   * "3-5 minutes", not by the one that names the demo and the video most. A count ("how many
   * joints") is held by a number before the counted word ("typically 20-40+ joints": countPattern).
   */
  amount: number;
}

const RRF_K = 60;

type RetrieverSettings = Required<Omit<HybridRetrieverOptions, 'passage'>> & { passage: PassageWeights };

export const DEFAULT_RETRIEVER_OPTIONS: RetrieverSettings = {
  fusion: 'mix3',
  vectorWeight: 0.5,
  candidateFactor: 4,
  passage: {
    heading: 0.15,
    ownHeading: 0.2,
    definition: 0.1,
    window: 0.1,
    aside: 0.1,
    code: 0.15,
    compound: 0.2,
    amount: 0.2,
  },
};

interface Candidate {
  id: string;
  hit?: SearchHit;
  vectorScore: number;
  vectorRank?: number;
  keywordScore: number;
  keywordRank?: number;
  evidence: Evidence;
  signals?: PassageSignals;
  /** Share of the question's compounds the chunk writes whole (compoundPatterns), in [0, 1]. */
  compounds?: number;
  /** The chunk's prose gives an amount of what a quantity question measures or counts. */
  amount?: boolean;
}

const RECHECK_MS = 30_000;

export function createHybridRetriever(
  embedder: Embedder,
  store: VectorStore,
  options: HybridRetrieverOptions = {},
): Retriever {
  const settings: RetrieverSettings = {
    ...DEFAULT_RETRIEVER_OPTIONS,
    ...withoutUndefined(options),
    passage: { ...DEFAULT_RETRIEVER_OPTIONS.passage, ...withoutUndefined(options.passage ?? {}) },
  };
  // One build shared by concurrent first queries; dropped on invalidate() or when it failed.
  let ready:
    | Promise<{
        index: KeywordIndex;
        hitsById: Map<string, SearchHit>;
        definers: Map<string, Definer[]>;
        spelling: BookSpelling;
        versions: () => Map<string, NamedVersions>;
        writes: (pattern: RegExp) => boolean;
      }>
    | undefined;
  let checkedAt = 0;
  const passages = new PassageScorer();

  async function prepare() {
    await checkIndex(embedder, store);
    checkedAt = Date.now();
    const chunks = await store.payloads();
    englishWords(); // built with the index, so no reader's query waits for it
    const hitsById = new Map(chunks.map((c) => [c.id, { id: c.id, score: 0, payload: c.payload }]));
    const index = new KeywordIndex(chunks);
    // The book's words as written, counted on the first question with a word to correct: most
    // questions have none, and the index is built from stored terms without reading the text.
    let counts: Map<string, number> | undefined;
    const spelling: BookSpelling = {
      knowsTerm: (term) => index.knows(term),
      count: (word) => {
        counts ??= wordCounts(chunks.map((c) => `${c.payload.heading_path.join('\n')}\n${c.payload.text}`));
        return counts.get(word) ?? 0;
      },
    };
    // Each chunk's headings and text, as the reader sees them.
    const texts = () => chunks.map((c) => `${c.payload.heading_path.join('\n')}\n${c.payload.text}`);
    // The versions the book names, read on the first question that names one.
    let versions: Map<string, NamedVersions> | undefined;
    const versionsOf = () => (versions ??= bookVersions(texts()));
    // The book's text in lower case, joined on the first question with a hyphen or an underscore.
    let text: string | undefined;
    const writes = (pattern: RegExp) => pattern.test((text ??= texts().join('\n').toLowerCase()));
    return { index, hitsById, definers: definersOf(chunks), spelling, versions: versionsOf, writes };
  }

  async function prepared() {
    if (!ready) {
      const building = prepare();
      ready = building;
      building.catch(() => {
        if (ready === building) ready = undefined;
      });
    }
    const current = await ready;
    // A shared Qdrant collection can be re-ingested by another process with another embedder:
    // the cheap index check is repeated now and then, not only when the keyword index is built.
    if (Date.now() - checkedAt > RECHECK_MS) {
      await checkIndex(embedder, store);
      checkedAt = Date.now();
    }
    return current;
  }

  return {
    invalidate() {
      ready = undefined;
    },
    async retrieve(typed, maxResults, signal) {
      const { spelling } = await prepared();
      // Each line a question (a follow-up comes after the one it continues), read as asked.
      const asked = typed.split('\n').map(bareQuestion).join('\n');
      const { text: query, corrections } = correctSpelling(asked, spelling);
      const found = await retrieveSpelled(query, maxResults, signal);
      return corrections.length ? { ...found, corrections } : found;
    },
  };

  async function retrieveSpelled(
    query: string,
    maxResults: number,
    signal?: AbortSignal,
  ): Promise<RetrievalResult> {
    const parts = query.includes('\n') ? [query] : questionParts(query);
    if (parts.length === 1) return search(query, maxResults, signal);
    // A compound question: the whole, and each part as its own question; a part that leans on
    // the one before ("…and how do I fix it?") is read after it, as a follow-up is.
    const whole = await search(query, maxResults, signal);
    const subs: RetrievalResult[] = [];
    for (const [i, part] of parts.entries()) {
      const resolved = i > 0 && isFollowUp(part) ? `${parts[i - 1]}\n${part}` : part;
      subs.push(await search(resolved, maxResults, signal));
    }
    const covered = whole.covered || subs.every((s) => s.covered);
    return {
      ...whole,
      hits: interleave([...subs.map((s) => s.hits), whole.hits], maxResults),
      coverage: Math.max(whole.coverage, ...subs.map((s) => s.coverage)),
      covered,
      unknownNames: covered ? [] : [...new Set(subs.flatMap((s) => s.unknownNames ?? []))],
    };
  }

  async function search(query: string, maxResults: number, signal?: AbortSignal): Promise<RetrievalResult> {
    const { index, hitsById, definers, versions, writes } = await prepared();
    const limit = maxResults * settings.candidateFactor;
    const [vector] = await embedder.embed([query], 'search_query', signal);
    if (!vector) throw new AppError('EMBEDDER_UNAVAILABLE', 'The embedder returned no vector for the query.');
    const vectorHits = await store.search(vector, limit, signal);
    const keywordHits = index.search(query, limit);
    const terms = contentTerms(query);
    const candidates = mergeCandidates(vectorHits, keywordHits, hitsById, (id) => index.evidence(terms, id));
    const asked = query.split('\n').at(-1) ?? query;
    const question = readQuestion(asked);
    const idf = (t: string) => index.idf(t);
    const subject = telling(question.subject.length ? question.subject : terms, index);
    const words = askedWords(subject, terms, idf);
    for (const c of candidates) c.signals = passages.signalsFor(c.hit!.payload, words);
    const compounds = /[-_.]/.test(asked) ? compoundPatterns(asked) : [];
    if (compounds.length > 0)
      for (const c of candidates) c.compounds = passages.compoundShare(c.hit!.payload, compounds);
    // "How long …?" is answered where the book gives a duration, "how big" where it gives a size.
    const amount =
      question.type === 'quantity'
        ? (amountPattern(asked, question.measure) ?? countPattern(asked))
        : undefined;
    if (amount) for (const c of candidates) c.amount = passages.holdsAmount(c.hit!.payload, amount);
    // A question naming an identifier as code writes it ("What arguments does createStore take?")
    // is answered by the API's code as often as by its prose.
    const prosePreferred = question.type !== 'procedure' && !question.wantsCode && !namesCode(asked);
    const definitional = question.type === 'definition';
    let ranked = rank(candidates, settings, definitional);
    // Code the question did not ask for only moves down among the passages chosen: a section's
    // code still comes with its prose (the writer reads them together), it just does not lead.
    if (prosePreferred) {
      const chosen = ranked.slice(0, maxResults).map((r) => r.candidate);
      const bestKeyword = Math.max(0, ...candidates.map((c) => c.keywordScore));
      ranked = [...rank(chosen, settings, definitional, true, bestKeyword), ...ranked.slice(maxResults)];
    }
    if (definitional) {
      const definer = definerFor(
        question.subject,
        subject,
        question.head ?? [],
        idf,
        ranked.slice(0, maxResults),
        definers,
        (id) => {
          const payload = hitsById.get(id)!.payload;
          const s = passages.signalsFor(payload, words);
          // A section headed by the question itself ("What is Redux?") is where the book answers it.
          const asks = readQuestion(payload.heading_path.at(-1) ?? '').type === 'definition' ? 0.5 : 0;
          return s.ownHeading + s.heading + asks + index.evidence(terms, id).coverage;
        },
      );
      if (definer) {
        const hit = hitsById.get(definer.id)!;
        const candidate: Candidate = {
          id: definer.id,
          hit,
          vectorScore: 0,
          keywordScore: 0,
          evidence: index.evidence(terms, definer.id),
          signals: passages.signalsFor(hit.payload, words),
        };
        const top = ranked[0]?.hit.score ?? 1;
        ranked = [
          { candidate, hit: { id: definer.id, score: top, payload: hit.payload } },
          ...ranked.filter((r) => r.hit.id !== definer.id),
        ];
      }
    }
    const evidence = ranked.slice(0, Math.max(EVIDENCE_DEPTH, maxResults)).map((r) => r.candidate.evidence);
    const unknown = unknownNames(query, (term) => index.knows(term));
    // A release newer than any the book names ("Redux 6" of a book at Redux 5) is not in it.
    const newer = /\d/.test(query) ? newerVersions(query, versions()) : [];
    // A compound the book never writes ("hand-eye calibration", "ROS_DOMAIN_ID") names what it lacks.
    const unwritten = /[-_]/.test(query) ? unwrittenCompounds(query, writes) : [];
    const unasked = unsupportedNames(
      query.split('\n').at(-1) ?? query,
      terms,
      question.type,
      index,
      (name, relation) =>
        ranked.slice(0, EVIDENCE_DEPTH).some((r) => passages.cooccurs(r.hit.payload, name, relation)),
    );
    return {
      hits: (prosePreferred ? fewBareCode(ranked) : ranked).slice(0, maxResults).map((r) => r.hit),
      terms,
      termWeights: Object.fromEntries(terms.map((t) => [t, index.idf(t)])),
      coverage: Math.max(0, ...evidence.map((e) => e.coverage)),
      covered:
        terms.length > 0 &&
        unknown.length === 0 &&
        unasked.length === 0 &&
        newer.length === 0 &&
        unwritten.length === 0 &&
        coversQuestion(
          query.split('\n').at(-1) ?? query,
          terms,
          index,
          ranked.slice(0, FOCUS_DEPTH).map((r) => r.hit),
          (payload, word, others) => passages.cooccurs(payload, word, others),
        ),
      unknownNames: [...unknown, ...unasked, ...newer, ...unwritten],
    };
  }
}

/**
 * "What is X?" is answered where the book says what X is. When none of the passages chosen states
 * it and another chunk does, that chunk leads them: a page about X can say everything about X but
 * what it is. When a chosen passage states it below others, it leads them too: the writer weighs
 * passages by their retrieval score, and "what is a service" was answered by the middleware section
 * that says "Data Distribution Service" ahead of the section headed "Services" in fifth place. X is the question's subject without the words that name the whole book ("an action in
 * Redux" in the Redux docs is an action), or the subject as asked, or what a scoped subject names ("a
 * service in ROS 2" is a service, in a book where every one of those words is common), or the subject
 * without its most common word. Of several chunks, the one whose headings and words best match the
 * question, then the one that defines earliest, then the first.
 */
function definerFor(
  asked: string[],
  telling: string[],
  head: string[],
  idf: (term: string) => number,
  chosen: { hit: SearchHit }[],
  definers: Map<string, Definer[]>,
  merit: (id: string) => number,
): Definer | undefined {
  const keys = [telling, asked, head, asked.length > 1 ? withoutMostCommon(asked, idf) : []];
  const key = keys.map((k) => k.join(' ')).find((k) => k && definers.has(k));
  if (!key) return undefined;
  const all = definers.get(key)!;
  // A sentence that says what X is beats a section headed X; a section headed X beats neither.
  const stated = all.filter((d) => d.at > 0);
  const found = stated.length > 0 ? stated : all;
  // A chosen passage that says what X is leads the others (retrieval may have put it last).
  const chosenDefiner = chosen.findIndex((c) => found.some((d) => d.id === c.hit.id));
  if (chosenDefiner >= 0)
    return chosenDefiner > 0 ? found.find((d) => d.id === chosen[chosenDefiner]!.hit.id) : undefined;
  // A chosen section headed "Defining X" or "What is X?" is the book's own answer already.
  if (chosen.some((c) => headingDefines(c.hit.payload.heading_path.at(-1) ?? '', key))) return undefined;
  let best: Definer | undefined;
  let bestMerit = -Infinity;
  for (const d of found) {
    const m = merit(d.id) - 0.01 * d.at;
    if (m > bestMerit) [best, bestMerit] = [d, m];
  }
  return best;
}

const DEFINING_HEADING =
  /^(?:[\d.]+\s+)?(?:what\s+(?:is|are)\s+(?:an?\s+|the\s+)?|defining\s+(?:an?\s+|the\s+)?|definition\s+of\s+(?:an?\s+|the\s+)?)(.+?)\??$/i;

function headingDefines(heading: string, key: string): boolean {
  const named = DEFINING_HEADING.exec(heading.replace(/[`*]/g, '').trim())?.[1];
  return named !== undefined && contentTerms(named).join(' ') === key;
}

/** The subject without its most common word in the book (the lowest IDF; the first of equals). */
function withoutMostCommon(asked: string[], idf: (term: string) => number): string[] {
  let drop = 0;
  for (let i = 1; i < asked.length; i++) if (idf(asked[i]!) < idf(asked[drop]!)) drop = i;
  return asked.filter((_, i) => i !== drop);
}

/** Refuses to answer from an index that is missing or was built by another embedder. */
export async function checkIndex(embedder: Embedder, store: VectorStore): Promise<void> {
  const info = await store.info();
  if (!info) {
    throw new AppError(
      'INDEX_NOT_READY',
      'No textbook has been ingested yet: run `pnpm ingest <docs-dir> --base-url <site>`',
    );
  }
  if (info.embedder !== embedder.id || info.dimensions !== embedder.dimensions) {
    throw new AppError(
      'INDEX_EMBEDDER_MISMATCH',
      `The index was built by ${info.embedder}, queries use ${embedder.id}: ` +
        're-ingest with `pnpm ingest <docs-dir> --base-url <site> --reset`',
    );
  }
}

function mergeCandidates(
  vectorHits: SearchHit[],
  keywordHits: { id: string; score: number }[],
  hitsById: Map<string, SearchHit>,
  evidenceOf: (id: string) => Evidence,
): Candidate[] {
  const byId = new Map<string, Candidate>();
  const candidate = (id: string): Candidate => {
    let c = byId.get(id);
    if (!c) {
      c = { id, vectorScore: 0, keywordScore: 0, evidence: evidenceOf(id), hit: hitsById.get(id) };
      byId.set(id, c);
    }
    return c;
  };
  vectorHits.forEach((hit, rankIndex) => {
    const c = candidate(hit.id);
    c.hit = hit;
    c.vectorScore = Math.max(0, Math.min(1, hit.score));
    c.vectorRank = rankIndex + 1;
  });
  keywordHits.forEach((hit, rankIndex) => {
    const c = candidate(hit.id);
    c.keywordScore = hit.score;
    c.keywordRank = rankIndex + 1;
  });
  // A keyword hit the vector store no longer holds (deleted since the index was built) is skipped.
  return [...byId.values()].filter((c) => c.hit !== undefined);
}

function rank(
  candidates: Candidate[],
  settings: RetrieverSettings,
  definitional = false,
  prosePreferred = false,
  bestKeyword = Math.max(0, ...candidates.map((c) => c.keywordScore)),
): { candidate: Candidate; hit: SearchHit }[] {
  const w = settings.passage;
  // The bonuses are added, then the sum is scaled back so every score stays in [0, 1]. The compound
  // and amount bonuses are left out of the scale (only questions that write a compound or ask for
  // an amount earn them), so other questions score as before; the rare sum above it is capped at 1.
  const scale = 1 + w.heading + w.ownHeading + w.definition + w.window;
  const scored = candidates.map((c) => ({
    c,
    score: Math.min(
      1,
      Math.max(
        0,
        fusedScore(c, bestKeyword, settings) +
          passageScore(c.signals, w, definitional, prosePreferred) +
          w.compound * (c.compounds ?? 0) +
          (c.amount ? w.amount : 0),
      ) / scale,
    ),
  }));
  // Ties break on id so the same index always gives the same order.
  scored.sort((a, b) => b.score - a.score || (a.c.id < b.c.id ? -1 : 1));
  return scored.map(({ c, score }) => ({
    candidate: c,
    hit: { id: c.id, score: round(score), payload: c.hit!.payload },
  }));
}

/**
 * A chunk that is nothing but code (a long block the chunker cut into pieces) says nothing a
 * question asked in words wants: the writer quotes code whole or not at all, so five pieces of one
 * block leave it no sentence to answer with. The best such chunk keeps its place; the others go after
 * every chunk with prose that holds a word of the question.
 */
function fewBareCode<T extends { candidate: Candidate }>(ranked: T[]): T[] {
  const bare = (r: T) => (r.candidate.signals?.prose ?? 1) < BARE_CODE_PROSE;
  const worded = (r: T) => !bare(r) && r.candidate.evidence.matched > 0;
  if (!ranked.some(worded)) return ranked;
  let kept = 0;
  const first: T[] = [];
  const later: T[] = [];
  for (const r of ranked) {
    if (worded(r) || (bare(r) && kept++ === 0)) first.push(r);
    else later.push(r);
  }
  return [...first, ...later];
}

/** Below this share of its characters outside fenced code, a chunk is code. */
const BARE_CODE_PROSE = 0.1;

function fusedScore(c: Candidate, bestKeyword: number, settings: RetrieverSettings): number {
  const w = settings.vectorWeight;
  switch (settings.fusion) {
    case 'rrf': {
      const rrf = (r?: number) => (r === undefined ? 0 : 1 / (RRF_K + r));
      // Divided by the best possible sum (first in both lists) to land in [0, 1].
      return (rrf(c.vectorRank) + rrf(c.keywordRank)) / (2 / (RRF_K + 1));
    }
    case 'mix':
      return w * c.vectorScore + (1 - w) * (bestKeyword > 0 ? c.keywordScore / bestKeyword : 0);
    case 'coverage':
      return w * c.vectorScore + (1 - w) * c.evidence.coverage;
    case 'mix3': {
      const bm25 = bestKeyword > 0 ? c.keywordScore / bestKeyword : 0;
      return w * c.vectorScore + ((1 - w) / 2) * (bm25 + c.evidence.coverage);
    }
  }
}

/**
 * A word found in more than this share of the book's chunks ("Redux" in the Redux docs, "ROS" in a
 * ROS book) names the book, not the section: a heading or definition holding it proves nothing.
 */
const COMMON_SHARE = 0.1;

/** The IDF of a word in COMMON_SHARE of the chunks: words below it are common in this book. */
function commonIdf(index: KeywordIndex): number {
  return Math.log(1 + (index.size + 1) / (COMMON_SHARE * index.size + 0.5));
}

function telling(subject: string[], index: KeywordIndex): string[] {
  const threshold = commonIdf(index);
  return subject.filter((t) => index.idf(t) >= threshold);
}

/** A name in at most this share of the chunks (and at least RARE_MIN) is one the book barely covers. */
const RARE_SHARE = 0.01;
const RARE_MIN = 2;

/**
 * Names the book mentions but never in the relation asked about: "How much does a Unitree G1 cost?"
 * when the book names the G1 once in a list of models, "the price of a Boston Dynamics Spot" when
 * Spot appears only as an example. The question's other words (what is asked about the name: cost,
 * price, payload, version) must meet the name in one of the best passages. A definition question
 * asks only what the name is, so it has no relation to find. A "how do I" question's verb is the
 * word books paraphrase most ("switch" for "swap", "set up" for "configure"), so it is not held to
 * it, but the rest of a how-to is: "How do I train a walking policy in MuJoCo?" in a book that names
 * MuJoCo once among simulators asks what it never says (function words such as "onto" name no
 * relation either). Words common in the book (a tenth of its chunks) name its topic, not the relation.
 */
function unsupportedNames(
  question: string,
  terms: string[],
  type: QuestionType,
  index: KeywordIndex,
  cooccurs: (name: string, relation: string[]) => boolean,
): string[] {
  if (type === 'definition') return [];
  const n = index.size;
  const df = (t: string) => (n + 1) / Math.expm1(index.idf(t)) - 0.5;
  const rareDf = Math.max(RARE_MIN, RARE_SHARE * n);
  const common = commonIdf(index);
  // Names common in the book ("ROS" in a ROS book) are its topic: they neither trigger nor support.
  // What "how many" counts is what is asked of the names, even in capitals ("How many TOPS does the
  // Jetson AGX Orin deliver?": the unit the book gives beside the AGX).
  const counted = countedWord(question);
  const names = questionNames(question).filter(
    (t) => t !== counted && terms.includes(t) && index.knows(t) && index.idf(t) >= common,
  );
  const rare = names.filter((t) => df(t) <= rareDf + 1e-6);
  if (rare.length === 0) return [];
  // An attribute is found in any word of its family ("How tall is Digit?": "Height: 1.75m").
  const relation = terms
    .filter((t) => !names.includes(t) && !namesNoRelation(question, t) && index.idf(t) >= common)
    .flatMap(attributeForms);
  if (relation.length === 0) return [];
  // One of the question's names seen with what is asked is enough: "GPU memory" on the page
  // answers "How much GPU memory does a 7B VLA need?" though "7B" itself is never near it.
  return names.some((name) => cooccurs(name, relation)) ? [] : rare;
}

/**
 * The one word "how many" or "how much" counts, as a stem ("How many TOPS does …" → top); none when
 * it counts a phrase ("How much GPU memory does …": GPU names what the memory is of).
 */
function countedWord(question: string): string | undefined {
  const asked = quantityPhrase(question, 'many') ?? quantityPhrase(question, 'much');
  return asked?.ended && asked.words.length === 1 ? contentTerms(asked.words[0]!)[0] : undefined;
}

function passageScore(
  signals: PassageSignals | undefined,
  w: PassageWeights,
  definitional: boolean,
  prosePreferred: boolean,
): number {
  if (!signals) return 0;
  const code = prosePreferred ? w.code * (1 - signals.prose) : 0;
  if (signals.aside) return w.window * signals.window - w.aside - code;
  return (
    w.heading * signals.heading +
    w.ownHeading * signals.ownHeading +
    (definitional ? w.definition : w.definition / 2) * signals.definition +
    w.window * signals.window -
    code
  );
}

function round(score: number): number {
  return Math.round(score * 10_000) / 10_000;
}

function withoutUndefined<T extends object>(options: T): Partial<T> {
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** An identifier as code writes it: camelCase, snake_case, a call or a `quoted` name. */
const IDENTIFIER = /`[^`]+`|\b[a-z]+[A-Z]\w*|\b\w+_\w+|\w\(\)/;

function namesCode(question: string): boolean {
  return IDENTIFIER.test(question);
}
