import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  beginnerNovelty,
  ask,
  levelReport,
  READER_LEVELS,
  sentenceSource,
  type LevelReport,
  type Observed,
  type ReaderLevel,
} from './answer-metrics.js';
import { bm25Retriever } from './bm25.js';
import { docsDirOf, questionsFileOf, type Book } from './books.js';
import { localStack, type LocalStack } from './local-service.js';
import { isAnswerable, loadQuestions, phrasesOf, type EvalQuestion } from './questions.js';
import { evaluateRetrieval, type RetrievalReport } from './retrieval-metrics.js';
import { normalise } from './text.js';
import { mistype } from './typos.js';
import { withPreamble } from './preambles.js';

export interface BookReport {
  book: string;
  chunks: number;
  answerable: number;
  unanswerable: number;
  retrieval: { ours: RetrievalSummary; bm25: RetrievalSummary };
  /** The retriever's own decision (level-independent): declined unanswerable, declined answerable. */
  abstention: { declinedUnanswerable: number; falseDeclines: number };
  levels: Record<ReaderLevel, LevelSummary>;
  /** Beginner's mean reading ease minus Advanced's: positive is plainer. */
  fleschGap: number | null;
  beginnerNovelty: number;
  /** Level-dependent decisions: questions answered at one level and declined at another. */
  inconsistentAbstention: string[];
  /** The answerable questions with one slip in a long word (typos.ts), asked anonymously. */
  typos: VariantReport;
  /** The answerable questions after what readers say before a question (preambles.ts). */
  preambles: VariantReport;
}

/** The answerable questions as a reader might also write them, against the questions as written. */
export interface VariantReport {
  /** Answerable questions that have such a variant (a word long enough to mistype, say). */
  questions: number;
  /** Of those, the share answered with the slip, and the share whose answer holds the phrase. */
  answered: number;
  phraseRate: number;
  /** The same questions as written: the phrase share to compare with. */
  phraseRateAsWritten: number;
}

type RetrievalSummary = Omit<RetrievalReport, 'falseAbstentions' | 'misses'> & { misses: string[] };
type LevelSummary = LevelReport;

/** Refuses a question set whose phrase is not in any of its pages: the figures would mean nothing. */
function checkPhrases(docsDir: string, questions: EvalQuestion[]): void {
  const pageText = (page: string) => {
    try {
      return normalise(readFileSync(resolve(docsDir, page), 'utf8'));
    } catch {
      return '';
    }
  };
  // Every alternative must be on one of the question's pages.
  const bad = questions
    .filter(isAnswerable)
    .filter(
      (q) => !phrasesOf(q).every((p) => q.pages!.some((page) => pageText(page).includes(normalise(p)))),
    );
  if (bad.length)
    throw new Error(`answering phrase not found in the expected page: ${bad.map((q) => q.id).join(', ')}`);
}

export async function runBook(book: Book, options: { details?: boolean } = {}): Promise<BookReport> {
  const docsDir = docsDirOf(book);
  const { questions } = loadQuestions(questionsFileOf(book));
  checkPhrases(docsDir, questions);
  const stack = await localStack(docsDir, book.base_url);
  const answerable = questions.filter(isAnswerable);
  const unanswerable = questions.filter((q) => !isAnswerable(q));
  const asRetrieval = answerable.map((q) => ({
    id: q.id,
    question: q.question,
    pages: q.pages!,
    phrases: phrasesOf(q),
  }));
  await stack.retriever.retrieve('warm up', 5);
  const ours = await evaluateRetrieval(stack.retriever, asRetrieval);
  const bm25 = await evaluateRetrieval(bm25Retriever(stack.chunks), asRetrieval);
  let declinedUnanswerable = 0;
  for (const q of unanswerable)
    if (!(await stack.retriever.retrieve(q.question, 5)).covered) declinedUnanswerable++;

  const observed = {} as Record<ReaderLevel, Map<string, Observed>>;
  for (const level of READER_LEVELS) {
    observed[level] = new Map();
    for (const q of questions) observed[level].set(q.id, await ask(stack.service, q, level));
  }
  const sourceOf = sentenceSource(stack.chunks);
  const levels = Object.fromEntries(
    READER_LEVELS.map((level) => [level, levelReport(questions, observed[level], sourceOf)]),
  ) as Record<ReaderLevel, LevelSummary>;
  const inconsistentAbstention = questions
    .filter((q) => new Set(READER_LEVELS.map((l) => observed[l].get(q.id)!.answered)).size > 1)
    .map((q) => q.id);
  if (options.details) printDetails(questions, observed, ours, levels);
  const typos = await variantReport(stack.service, answerable, observed.anonymous, mistype);
  const preambles = await variantReport(stack.service, answerable, observed.anonymous, withPreamble);
  const beginnerEase = levels.Beginner.readingEase;
  const advancedEase = levels.Advanced.readingEase;
  const summary = (r: RetrievalReport): RetrievalSummary => ({
    questions: r.questions,
    hitAt1: r.hitAt1,
    hitAt5: r.hitAt5,
    mrr: r.mrr,
    passageAt1: r.passageAt1,
    passageAt5: r.passageAt5,
    misses: r.misses.map((m) => m.id ?? m.question),
  });
  return {
    book: book.name,
    chunks: stack.chunks.length,
    answerable: answerable.length,
    unanswerable: unanswerable.length,
    retrieval: { ours: summary(ours), bm25: summary(bm25) },
    abstention: {
      declinedUnanswerable: unanswerable.length ? declinedUnanswerable / unanswerable.length : 0,
      falseDeclines: answerable.length ? ours.falseAbstentions.length / answerable.length : 0,
    },
    levels,
    fleschGap: beginnerEase !== null && advancedEase !== null ? beginnerEase - advancedEase : null,
    beginnerNovelty: beginnerNovelty(questions, observed.Beginner, observed.anonymous),
    inconsistentAbstention,
    typos,
    preambles,
  };
}

async function variantReport(
  service: LocalStack['service'],
  answerable: EvalQuestion[],
  asWritten: Map<string, Observed>,
  variant: (question: string, nth: number) => string | undefined,
): Promise<VariantReport> {
  const holds = (q: EvalQuestion, answer: string) =>
    phrasesOf(q).some((p) => normalise(answer).includes(normalise(p)));
  let questions = 0;
  let answered = 0;
  let phrase = 0;
  let phraseAsWritten = 0;
  for (const [nth, q] of answerable.entries()) {
    const typed = variant(q.question, nth);
    if (!typed) continue;
    questions++;
    const seen = await ask(service, { ...q, question: typed }, 'anonymous');
    if (seen.answered) answered++;
    if (holds(q, seen.answer)) phrase++;
    if (holds(q, asWritten.get(q.id)!.answer)) phraseAsWritten++;
  }
  const share = (n: number) => (questions ? n / questions : 0);
  return {
    questions,
    answered: share(answered),
    phraseRate: share(phrase),
    phraseRateAsWritten: share(phraseAsWritten),
  };
}

/** --details: every miss with what came back, for the engineer at the console (never recorded). */
function printDetails(
  questions: EvalQuestion[],
  observed: Record<ReaderLevel, Map<string, Observed>>,
  ours: RetrievalReport,
  levels: Record<ReaderLevel, LevelSummary>,
): void {
  for (const m of ours.misses)
    console.log(
      `  retrieval miss ${m.id}: ${m.question}\n    expected ${m.expected.join(', ')}\n    got ${m.got.join(', ')}`,
    );
  for (const level of READER_LEVELS) {
    for (const id of levels[level].phraseMisses) {
      const q = questions.find((x) => x.id === id)!;
      const seen = observed[level].get(id)!;
      console.log(
        `  [${level}] phrase miss ${id}: ${q.question}\n    phrase: ${phrasesOf(q).join(' | ')}\n    answer: ${seen.answer.replace(/\s+/g, ' ').slice(0, 400)}`,
      );
    }
  }
}
