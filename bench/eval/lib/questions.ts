import { readFileSync } from 'node:fs';

export type QuestionKind =
  'definition' | 'howto' | 'quantity' | 'comparison' | 'reason' | 'paraphrase' | 'unanswerable';

/**
 * One question as a student would ask it. Answerable ones name the page(s) that answer them
 * (relative to the docs folder) and `phrase`: a short exact span of the answering sentence.
 */
export interface EvalQuestion {
  id: string;
  question: string;
  kind: QuestionKind;
  pages?: string[];
  /** One span, or one per answering page when several pages answer the question. */
  phrase?: string | string[];
}

/** The alternatives of a question's answering phrase (empty for unanswerable questions). */
export const phrasesOf = (q: EvalQuestion): string[] =>
  q.phrase === undefined ? [] : Array.isArray(q.phrase) ? q.phrase : [q.phrase];

export interface QuestionSet {
  book: string;
  note?: string;
  questions: EvalQuestion[];
}

export function loadQuestions(file: string): QuestionSet {
  const set = JSON.parse(readFileSync(file, 'utf8')) as QuestionSet;
  const ids = new Set<string>();
  for (const q of set.questions) {
    if (ids.has(q.id)) throw new Error(`${file}: duplicate id ${q.id}`);
    ids.add(q.id);
    const answerable = q.kind !== 'unanswerable';
    if (answerable && (!q.pages?.length || !phrasesOf(q).length))
      throw new Error(`${file}: ${q.id} is answerable but has no pages or phrase`);
    if (!answerable && (q.pages?.length || q.phrase))
      throw new Error(`${file}: ${q.id} is unanswerable but names pages or a phrase`);
  }
  return set;
}

export const isAnswerable = (q: EvalQuestion): boolean => q.kind !== 'unanswerable';
