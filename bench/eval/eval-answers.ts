/**
 * The answer evaluation: every book of books.json whose folder exists here, through the real
 * local-mode query service, at every reader level. Prints tables, writes results/<set>.json and
 * records the run in bench/README.md.
 *
 *   pnpm eval:answers                 every book except the held-out one
 *   pnpm eval:answers --held-out      only the held-out book (once, at the end)
 *   pnpm eval:answers --book sample --details --no-record
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadNote, machine, recordRun } from '../lib/report.js';
import { READER_LEVELS } from './lib/answer-metrics.js';
import { evalDir, loadBooks, unavailable } from './lib/books.js';
import { answersTable, bookTable, retrievalTable, variantTable } from './lib/tables.js';
import { runBook, type BookReport } from './lib/run-book.js';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'held-out': { type: 'boolean', default: false },
      book: { type: 'string', multiple: true },
      details: { type: 'boolean', default: false },
      'no-record': { type: 'boolean', default: false },
    },
  });
  const heldOut = values['held-out'];
  const before = machine();
  const chosen = loadBooks().filter((b) =>
    values.book?.length ? values.book.includes(b.name) : Boolean(b.held_out) === heldOut,
  );
  if (values.book?.length && chosen.some((b) => b.held_out) && !heldOut)
    throw new Error('the held-out book runs only with --held-out');
  const reports: BookReport[] = [];
  const skipped: string[] = [];
  for (const book of chosen) {
    const why = unavailable(book);
    if (why) {
      skipped.push(`${book.name}: ${why}`);
      console.log(`skipped ${book.name}: ${why}`);
      continue;
    }
    const started = performance.now();
    console.log(`${book.name}: evaluating…`);
    reports.push(await runBook(book, { details: values.details }));
    console.log(`${book.name}: done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  const set = heldOut ? 'held-out' : values.book?.length ? values.book.join('+') : 'tuning';
  const outDir = resolve(evalDir, 'results');
  mkdirSync(outDir, { recursive: true });
  const jsonFile = resolve(outDir, `${set}.json`);
  writeFileSync(
    jsonFile,
    `${JSON.stringify({ date: before.date, machine: before, skipped, reports }, null, 2)}\n`,
  );
  const command = `pnpm eval:answers${heldOut ? ' --held-out' : ''}${values.book?.length ? values.book.map((b) => ` --book ${b}`).join('') : ''}`;
  const body = [
    loadNote(before),
    `Command: \`${command}\` (in bench/). Books: ${reports.map((r) => r.book).join(', ') || 'none'}${skipped.length ? `; skipped: ${skipped.join('; ')}` : ''}. Levels: ${READER_LEVELS.join(', ')}. JSON: bench/eval/results/${set}.json.`,
    '',
    "Retrieval (hit = a chunk of an expected page; BM25 = MiniSearch defaults on the same heading chunks; abstention = the retriever's level-independent decision):",
    '',
    retrievalTable(reports),
    '',
    "Answers per reader level (phrase = the book's answering phrase in the answer, normalised; cited = an expected page among the citations):",
    '',
    answersTable(reports),
    '',
    bookTable(reports),
    '',
    'Misspelt questions (each answerable question with one slip in its longest word of 7+ letters: two letters swapped, one dropped, one doubled or one changed for its keyboard neighbour, in turn; anonymous reader):',
    '',
    variantTable(reports, 'typos'),
    '',
    "Questions with what readers say around them (each answerable question after a greeting, an apology or an ask for plain words, or before thanks, six kinds in turn: 'Hi! Quick question:', '… Thanks!', 'Sorry if this is a dumb question, but', '… pls', 'In simple terms,', 'Explain like I'm 5:'; anonymous reader):",
    '',
    variantTable(reports, 'preambles'),
  ].join('\n');
  if (values['no-record']) console.log(body);
  else recordRun('Answer evaluation', body, before);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
