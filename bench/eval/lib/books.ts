import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { benchDir, repoRoot } from '../../lib/env.js';

/** One book of the evaluation, as bench/eval/books.json records it. */
export interface Book {
  name: string;
  title: string;
  /** A folder in this repository (or ../shared), relative to the repository root. */
  dir?: string;
  /** Fetched books: where the text comes from; it is extracted outside the repository. */
  source_repo?: string;
  commit?: string;
  docs_path?: string;
  base_url: string;
  licence: string;
  /** Kept aside: run only with --held-out, once, at the end. */
  held_out?: boolean;
}

export const evalDir = resolve(benchDir, 'eval');
/** Fetched books are extracted here (outside the repository: their text must not be committed). */
export const booksDir = process.env.EVAL_BOOKS_DIR ?? '/work/books';
/** Where `fetch` leaves snapshots: <owner>+<name>/repo. */
export const mirrorDir = process.env.EVAL_MIRROR_DIR ?? '/work/.mirror';

export function loadBooks(): Book[] {
  const parsed = JSON.parse(readFileSync(resolve(evalDir, 'books.json'), 'utf8')) as { books: Book[] };
  return parsed.books;
}

/**
 * `../shared` is beside the main checkout (/work/shared for /work/main); a worktree elsewhere
 * finds it through EVAL_SHARED_DIR or the first of those candidates that exists.
 */
function sharedDir(): string {
  const candidates = [process.env.EVAL_SHARED_DIR, resolve(repoRoot, '../shared'), '/work/shared'];
  return candidates.find((c): c is string => Boolean(c) && existsSync(c!)) ?? resolve(repoRoot, '../shared');
}

/** The docs folder of a book on this machine. */
export function docsDirOf(book: Book): string {
  if (book.dir?.startsWith('../shared/')) return resolve(sharedDir(), book.dir.slice('../shared/'.length));
  if (book.dir) return resolve(repoRoot, book.dir);
  return resolve(booksDir, book.name, book.docs_path ?? '.');
}

/** Null when the book can run here, otherwise why not. */
export function unavailable(book: Book): string | null {
  const dir = docsDirOf(book);
  if (existsSync(dir)) return null;
  return book.source_repo
    ? `${dir} is missing: fetch github:${book.source_repo}, then run \`pnpm eval:books\``
    : `${dir} is missing`;
}

export function questionsFileOf(book: Book): string {
  return resolve(evalDir, 'questions', `${book.name}.json`);
}
