import type { QueryEvent, QueryService } from '../../../bff/src/rag/query-service.js';
import type { ChunkPayload, Level, Reader } from '../../../bff/src/rag/types.js';
import { isCaption, isNonContentSection } from './non-content.js';
import { isAnswerable, phrasesOf, type EvalQuestion } from './questions.js';
import { normalise, readingEase, sentencesOf } from './text.js';

export type ReaderLevel = Level | 'anonymous';
export const READER_LEVELS: ReaderLevel[] = ['anonymous', 'Beginner', 'Intermediate', 'Advanced'];

export function readerAt(level: ReaderLevel): Reader {
  return level === 'anonymous'
    ? { userId: null, profile: null }
    : { userId: 'eval', profile: { software_experience: level, hardware_experience: 'None', interests: [] } };
}

/** What the reader saw for one question at one level. */
export interface Observed {
  id: string;
  answer: string;
  answered: boolean;
  pages: string[];
  ms: number;
}

export async function ask(service: QueryService, q: EvalQuestion, level: ReaderLevel): Promise<Observed> {
  let done: Extract<QueryEvent, { type: 'done' }> | undefined;
  const started = performance.now();
  for await (const event of service.answer({ query: q.question, max_results: 5 }, readerAt(level))) {
    if (event.type === 'done') done = event;
  }
  const ms = performance.now() - started;
  if (!done) throw new Error(`no done event for ${q.id}`);
  // `answered` is the response's abstention decision; before it existed, no citation meant declined.
  const answered =
    'answered' in done && typeof done.answered === 'boolean' ? done.answered : done.citations.length > 0;
  return { id: q.id, answer: done.answer, answered, pages: done.citations.map((c) => c.source_path), ms };
}

export interface LevelReport {
  answerable: number;
  unanswerable: number;
  /** Share of answerable questions whose answer holds the book's answering phrase. */
  phraseRate: number;
  /** Share of answerable questions whose citations include an expected page. */
  citedPageRate: number;
  /** Share of unanswerable questions declined. */
  declinedUnanswerable: number;
  /** Share of answerable questions declined. */
  falseDeclines: number;
  /** Mean Flesch reading ease of the answers to answerable questions that were answered. */
  readingEase: number | null;
  /** Share of answer sentences that come from exercises, objectives, summaries, references or captions. */
  nonContentShare: number;
  p50Ms: number;
  p99Ms: number;
  phraseMisses: string[];
  falseDeclineIds: string[];
  answeredUnanswerableIds: string[];
}

/** Locates answer sentences in the book's chunks to tell content from filler. */
export function sentenceSource(
  chunks: { payload: ChunkPayload }[],
): (sentence: string) => 'content' | 'filler' | 'unknown' {
  const indexed = chunks.map((c) => ({
    text: normalise(c.payload.text),
    filler: isNonContentSection(c.payload.heading_path),
  }));
  return (sentence) => {
    if (isCaption(sentence)) return 'filler';
    const found = indexed.filter((c) => c.text.includes(sentence));
    if (!found.length) return 'unknown';
    return found.every((c) => c.filler) ? 'filler' : 'content';
  };
}

export function levelReport(
  questions: EvalQuestion[],
  observed: Map<string, Observed>,
  sourceOf: (sentence: string) => 'content' | 'filler' | 'unknown',
): LevelReport {
  const answerable = questions.filter(isAnswerable);
  const unanswerable = questions.filter((q) => !isAnswerable(q));
  const seen = (q: EvalQuestion) => observed.get(q.id)!;
  const holdsPhrase = (q: EvalQuestion) => {
    const answer = normalise(seen(q).answer);
    return phrasesOf(q).some((p) => answer.includes(normalise(p)));
  };
  const phraseMisses = answerable.filter((q) => !holdsPhrase(q));
  const cited = answerable.filter((q) => seen(q).pages.some((p) => q.pages!.includes(p)));
  const falseDeclines = answerable.filter((q) => !seen(q).answered);
  const answeredUnanswerable = unanswerable.filter((q) => seen(q).answered);
  const ease = answerable
    .filter((q) => seen(q).answered)
    .map((q) => readingEase(seen(q).answer))
    .filter((x): x is number => x !== null);
  const sentences = questions.filter((q) => seen(q).answered).flatMap((q) => sentencesOf(seen(q).answer));
  const filler = sentences.filter((s) => sourceOf(s) === 'filler').length;
  const times = questions.map((q) => seen(q).ms);
  const share = (part: number, whole: number) => (whole ? part / whole : 0);
  return {
    answerable: answerable.length,
    unanswerable: unanswerable.length,
    phraseRate: share(answerable.length - phraseMisses.length, answerable.length),
    citedPageRate: share(cited.length, answerable.length),
    declinedUnanswerable: share(unanswerable.length - answeredUnanswerable.length, unanswerable.length),
    falseDeclines: share(falseDeclines.length, answerable.length),
    readingEase: ease.length ? ease.reduce((a, b) => a + b, 0) / ease.length : null,
    nonContentShare: share(filler, sentences.length),
    p50Ms: percentile(times, 50),
    p99Ms: percentile(times, 99),
    phraseMisses: phraseMisses.map((q) => q.id),
    falseDeclineIds: falseDeclines.map((q) => q.id),
    answeredUnanswerableIds: answeredUnanswerable.map((q) => q.id),
  };
}

/** Share of Beginner sentences that do not appear word for word in the anonymous answer. */
export function beginnerNovelty(
  questions: EvalQuestion[],
  beginner: Map<string, Observed>,
  anonymous: Map<string, Observed>,
): number {
  let total = 0;
  let novel = 0;
  for (const q of questions.filter(isAnswerable)) {
    const anon = normalise(anonymous.get(q.id)!.answer);
    for (const sentence of sentencesOf(beginner.get(q.id)!.answer)) {
      total++;
      if (!anon.includes(sentence)) novel++;
    }
  }
  return total ? novel / total : 0;
}

export function percentile(values: number[], p: number): number {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}
