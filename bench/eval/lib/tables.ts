import { table } from '../../lib/report.js';
import { READER_LEVELS } from './answer-metrics.js';
import type { BookReport } from './run-book.js';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const num = (x: number | null, digits = 1) => (x === null ? '–' : x.toFixed(digits));

export function retrievalTable(reports: BookReport[]): string {
  return table(
    [
      'book',
      'chunks',
      'answerable',
      'ours hit@1',
      'ours hit@5',
      'ours MRR',
      'BM25 hit@1',
      'BM25 hit@5',
      'BM25 MRR',
      'hit@5 − BM25',
      'ours passage@1',
      'ours passage@5',
      'BM25 passage@5',
      'unanswerable declined',
      'false declines',
    ],
    reports.map((r) => [
      r.book,
      r.chunks,
      r.answerable,
      pct(r.retrieval.ours.hitAt1),
      pct(r.retrieval.ours.hitAt5),
      num(r.retrieval.ours.mrr, 3),
      pct(r.retrieval.bm25.hitAt1),
      pct(r.retrieval.bm25.hitAt5),
      num(r.retrieval.bm25.mrr, 3),
      `${((r.retrieval.ours.hitAt5 - r.retrieval.bm25.hitAt5) * 100).toFixed(1)} pts`,
      pct(r.retrieval.ours.passageAt1),
      pct(r.retrieval.ours.passageAt5),
      pct(r.retrieval.bm25.passageAt5),
      `${pct(r.abstention.declinedUnanswerable)} of ${r.unanswerable}`,
      pct(r.abstention.falseDeclines),
    ]),
  );
}

export function answersTable(reports: BookReport[]): string {
  return table(
    [
      'book',
      'level',
      'phrase',
      'cited',
      'unanswerable declined',
      'false declines',
      'Flesch',
      'non-content sentences',
      'p50 ms',
      'p99 ms',
    ],
    reports.flatMap((r) =>
      READER_LEVELS.map((level) => {
        const l = r.levels[level];
        return [
          r.book,
          level,
          pct(l.phraseRate),
          pct(l.citedPageRate),
          pct(l.declinedUnanswerable),
          pct(l.falseDeclines),
          num(l.readingEase),
          pct(l.nonContentShare),
          num(l.p50Ms, 2),
          num(l.p99Ms, 2),
        ];
      }),
    ),
  );
}

export function bookTable(reports: BookReport[]): string {
  return table(
    [
      'book',
      'Flesch Beginner − Advanced',
      'Beginner sentences not in the anonymous answer',
      'questions declined at some levels only',
    ],
    reports.map((r) => [r.book, num(r.fleschGap), pct(r.beginnerNovelty), r.inconsistentAbstention.length]),
  );
}

export function variantTable(reports: BookReport[], variant: 'typos' | 'preambles'): string {
  const has = variant === 'typos' ? 'questions with a long word' : 'questions';
  const said = variant === 'typos' ? 'with a slip' : 'with a preamble';
  return table(
    ['book', has, `answered ${said}`, `phrase ${said}`, 'phrase as written'],
    reports.map((r) => [
      r.book,
      r[variant].questions,
      pct(r[variant].answered),
      pct(r[variant].phraseRate),
      pct(r[variant].phraseRateAsWritten),
    ]),
  );
}
