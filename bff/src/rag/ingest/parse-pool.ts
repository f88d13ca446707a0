import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import { BUNDLED } from '../../platform/paths.js';
import type * as DevWorkerBundle from './dev-worker-bundle.js';
import { chunkSource, type PageJob, type PageOutcome } from './page-chunks.js';

/**
 * Below this much Markdown a pool costs more than it saves: a thread starts, loads the parser and
 * parses cold, ≈ 60 ms before its first page.
 */
export const MIN_POOL_BYTES = 64_000;

/**
 * Threads outlive an ingest by this much, so the next one in the same process (tests, the
 * benchmark, a library re-ingested book by book) finds them warm. Idle threads do not keep the
 * process alive.
 */
const IDLE_MS = 30_000;

/**
 * How many threads parse: `workers` when given (0 = in this thread), else one per core and at most
 * one per page, unless that is one thread (no parallelism to gain) or the pages are too few bytes to
 * pay for starting them.
 */
export function parseThreads(jobs: readonly PageJob[], workers?: number): number {
  if (workers !== undefined) return Math.min(Math.max(0, Math.trunc(workers)), jobs.length);
  const bytes = jobs.reduce((sum, job) => sum + job.source.length, 0);
  const cores = availableParallelism();
  const threads = Math.min(cores, jobs.length);
  return threads < 2 || bytes < MIN_POOL_BYTES ? 0 : threads;
}

/**
 * Parses and chunks pages, in worker threads when that pays (pages are independent and parsing is
 * nearly all of an ingest's CPU). Outcomes come back in the order of the jobs, as in-process.
 */
export async function chunkSources(
  jobs: readonly PageJob[],
  options: { workers?: number; onPage?: () => void } = {},
): Promise<PageOutcome[]> {
  const threads = parseThreads(jobs, options.workers);
  if (threads === 0) {
    return jobs.map((job) => {
      const outcome = chunkSource(job);
      options.onPage?.();
      return outcome;
    });
  }
  const pool = await poolOf(threads);
  return Promise.all(
    jobs.map(async (job) => {
      const outcome = await pool.run(job);
      options.onPage?.();
      return outcome;
    }),
  );
}

/** One pool per thread count (in practice one: a core each), made on first use. */
const pools = new Map<number, Promise<Piscina<PageJob, PageOutcome>>>();

function poolOf(threads: number): Promise<Piscina<PageJob, PageOutcome>> {
  let pool = pools.get(threads);
  if (!pool) {
    pool = workerFile().then(
      (filename) =>
        new Piscina<PageJob, PageOutcome>({
          filename,
          minThreads: 0,
          maxThreads: threads,
          idleTimeout: IDLE_MS,
          // The bundle is plain JavaScript: a thread needs none of tsx's loader flags from a source run.
          execArgv: BUNDLED ? undefined : [],
        }),
    );
    pool.catch(() => pools.delete(threads));
    pools.set(threads, pool);
  }
  return pool;
}

declare const __BFF_BUNDLE__: boolean | undefined;

/** dist/parse-worker.js in the production bundle; from source, a bundle built and cached on demand. */
async function workerFile(): Promise<string> {
  // The build's define makes this test constant and drops the rest; the import's specifier is not
  // a literal, so esbuild does not bundle the dev-only module (and esbuild with it) either.
  if (typeof __BFF_BUNDLE__ !== 'undefined' && __BFF_BUNDLE__) {
    return fileURLToPath(new URL('./parse-worker.js', import.meta.url));
  }
  const devOnly = new URL('./dev-worker-bundle.ts', import.meta.url).href;
  const { devWorkerBundle } = (await import(devOnly)) as typeof DevWorkerBundle;
  return devWorkerBundle();
}
