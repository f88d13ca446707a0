import 'dotenv/config';
import cliProgress from 'cli-progress';
import { loadConfig } from '../../platform/config.js';
import { DirectoryLockedError } from '../../platform/db/data-dir-lock.js';
import { openDatabase, type Database } from '../../platform/db/database.js';
import { AppError, ConfigError } from '../../platform/errors.js';
import { createEmbedder, createVectorStore } from '../providers.js';
import { formatSummary, parseCliArgs, USAGE, UsageError } from './cli-args.js';
import { ingestDocs, type IngestProgress } from './ingest.js';

/** A bar on a terminal; nothing while running otherwise, so logs stay one line per run. */
function progressReporter(): { onProgress: (p: IngestProgress) => void; stop: () => void } {
  if (!process.stdout.isTTY) return { onProgress: () => {}, stop: () => {} };
  const bar = new cliProgress.SingleBar(
    { format: '{phase} [{bar}] {value}/{total}', hideCursor: true, clearOnComplete: false },
    cliProgress.Presets.shades_classic,
  );
  let phase: IngestProgress['phase'] | null = null;
  return {
    onProgress(p) {
      if (p.phase === 'done' || p.phase === 'delete') return;
      const label = p.phase === 'parse' ? 'parsing  ' : 'embedding';
      if (p.phase !== phase) {
        if (phase) bar.stop();
        bar.start(p.total, p.done, { phase: label });
        phase = p.phase;
      } else bar.update(p.done, { phase: label });
    },
    stop: () => {
      if (phase) bar.stop();
      phase = null;
    },
  };
}

/** `pnpm ingest <docs-dir> --base-url <site-url> [--reset] [--batch-size N]`; see USAGE. */
async function main(argv: string[]): Promise<number> {
  const args = parseCliArgs(argv);
  if (args === 'help') {
    console.log(USAGE);
    return 0;
  }
  const config = loadConfig(process.env);
  // The index lives in the main database unless Qdrant holds it. On the embedded default this takes
  // the DATA_DIR lock, so an ingest and a running BFF never open the same PGlite at once.
  const db: Database | null = config.qdrant ? null : await openDatabase(config);
  const embedder = await createEmbedder(config);
  const store = await createVectorStore(config, db?.knex);
  const progress = progressReporter();
  try {
    const summary = await ingestDocs({ ...args, embedder, store, onProgress: progress.onProgress });
    progress.stop();
    console.log(formatSummary(summary));
    // Skipped pages are reported, not fatal: the rest of the book is still indexed.
    return 0;
  } finally {
    progress.stop();
    await store.close();
    await db?.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof UsageError) {
      console.error(`ingest: ${err.message} (see --help)`);
      process.exit(2);
    }
    const known =
      err instanceof ConfigError || err instanceof DirectoryLockedError || err instanceof AppError;
    console.error(`ingest: ${known ? (err as Error).message : ((err as Error)?.stack ?? String(err))}`);
    process.exit(1);
  },
);
