import { SkipBenchmark } from './env.js';

/** Exit code a benchmark uses to tell run-all it was skipped (and why, on stderr). */
export const SKIPPED = 2;

/** Runs a benchmark script's body: a SkipBenchmark exits 2 with its reason, anything else 1. */
export function runBenchmark(name: string, body: () => Promise<void>): void {
  const started = performance.now();
  body()
    .then(() => {
      console.log(`${name}: done in ${((performance.now() - started) / 1000).toFixed(0)} s`);
      process.exit(0);
    })
    .catch((err: unknown) => {
      if (err instanceof SkipBenchmark) {
        console.error(`${name}: skipped — ${err.message}`);
        process.exit(SKIPPED);
      }
      console.error(`${name}: failed —`, err);
      process.exit(1);
    });
}
