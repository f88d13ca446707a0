/**
 * Extracts every fetched book of books.json from its git mirror into EVAL_BOOKS_DIR
 * (/work/books/<name>), at the recorded commit and docs path only. The text stays outside the
 * repository: only its source, commit and licence are committed.
 *
 *   pnpm eval:books
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { booksDir, docsDirOf, loadBooks, mirrorDir } from './lib/books.js';

let failed = 0;
for (const book of loadBooks()) {
  if (!book.source_repo || book.dir) continue;
  const mirror = resolve(mirrorDir, book.source_repo.replace('/', '+'), 'repo');
  if (!existsSync(mirror)) {
    console.log(`${book.name}: skipped, no mirror at ${mirror} (fetch github:${book.source_repo} first)`);
    continue;
  }
  const target = resolve(booksDir, book.name);
  rmSync(target, { recursive: true, force: true });
  mkdirSync(target, { recursive: true });
  try {
    const archive = execFileSync(
      'git',
      ['-C', mirror, 'archive', '--format=tar', book.commit!, book.docs_path!],
      {
        maxBuffer: 512 * 1024 * 1024,
      },
    );
    execFileSync('tar', ['-x', '-C', target], { input: archive });
    console.log(
      `${book.name}: ${book.source_repo}@${book.commit!.slice(0, 12)}:${book.docs_path} → ${docsDirOf(book)}`,
    );
  } catch (err) {
    failed++;
    console.error(`${book.name}: extraction failed: ${err instanceof Error ? err.message : String(err)}`);
  }
}
process.exitCode = failed ? 1 : 0;
