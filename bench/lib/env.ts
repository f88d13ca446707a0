import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (bench/ is one level below it). */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const benchDir = resolve(repoRoot, 'bench');
export const corpusDir = resolve(repoRoot, '../shared/corpus/physical-ai-textbook/docs');

function positive(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0)
    throw new Error(`${name} must be a positive number, got "${raw}"`);
  return value;
}

/** Durations and repetitions, all overridable from the environment. */
export const settings = {
  /** Seconds of load per measurement cell (one side, one concurrency, one round). */
  seconds: positive('BENCH_SECONDS', 2),
  /** Alternating rounds per comparison; medians are over these. */
  rounds: positive('BENCH_ROUNDS', 5),
  /** Concurrency levels for HTTP load. */
  concurrency: (process.env.BENCH_CONCURRENCY ?? '1,10,50').split(',').map(Number),
  /** Browser runs for the widget timings. */
  widgetRuns: positive('BENCH_WIDGET_RUNS', 10),
  postgresAdminUrl: process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
};

/** Thrown by a benchmark that cannot run here; run-all reports it and goes on. */
export class SkipBenchmark extends Error {}
