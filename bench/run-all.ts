/**
 * `pnpm bench`: every benchmark in turn, each in its own process (a crash or a skip does not stop
 * the others; no PGlite directory or port is shared). Prints a summary and exits 1 if one failed.
 *
 *   BENCH_ONLY=sessions,query pnpm bench     run a subset
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { benchDir } from './lib/env.js';
import { SKIPPED } from './lib/main.js';

const BENCHMARKS = [
  'widget',
  'retrieval',
  'ingest',
  'signin',
  'sessions',
  'query',
  'memory',
  'start',
  'load',
  'scale',
];

function run(name: string): Promise<{ code: number; seconds: number }> {
  const started = performance.now();
  return new Promise((done) => {
    const child = spawn(process.execPath, ['--import', 'tsx', resolve(benchDir, `${name}.ts`)], {
      cwd: benchDir,
      stdio: 'inherit',
    });
    child.once('exit', (code, signal) =>
      done({ code: code ?? (signal ? 1 : 0), seconds: (performance.now() - started) / 1000 }),
    );
  });
}

const only = process.env.BENCH_ONLY?.split(',').map((s) => s.trim());
const selected = only ? BENCHMARKS.filter((b) => only.includes(b)) : BENCHMARKS;
const outcomes: string[] = [];
let failed = false;
for (const name of selected) {
  console.log(`\n=== bench:${name} ===`);
  const { code, seconds } = await run(name);
  const verdict = code === 0 ? 'ok' : code === SKIPPED ? 'skipped (reason above)' : `FAILED (exit ${code})`;
  if (code !== 0 && code !== SKIPPED) failed = true;
  outcomes.push(`${name.padEnd(10)} ${verdict.padEnd(24)} ${seconds.toFixed(0)} s`);
}
console.log(`\n=== summary ===\n${outcomes.join('\n')}\nresults: bench/README.md`);
process.exit(failed ? 1 : 0);
