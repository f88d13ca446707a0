/**
 * Start: spawn of the production BFF (`node bff/dist/main.js`) to its first 200 on /readyz (every
 * dependency up, the index loaded), on PostgreSQL and on the embedded default, the book ingested
 * beforehand. Several builds can be compared side by side in one run, alternating their order each
 * round: BENCH_START_ENTRIES=/tmp/before/bff/dist/main.js,bff/dist/main.js (the first is the baseline
 * of the ratio column; an entry outside the repository needs the workspace's node_modules above it).
 *
 *   pnpm bench:start          (BENCH_START_ROUNDS default 5)
 */
import { runBenchmark } from './lib/main.js';
import { loadNote, machine, recordRun, table } from './lib/report.js';
import { fmt, median, ratio } from './lib/stats.js';
import { requireCorpus } from './lib/corpus-index.js';
import { startChildBff } from './lib/child-bff.js';
import { DATABASE_LABEL, indexedDatabase, type DatabaseKind } from './lib/indexed-database.js';

const ENTRIES = (process.env.BENCH_START_ENTRIES ?? 'bff/dist/main.js').split(',').map((e) => e.trim());
const ROUNDS = Number(process.env.BENCH_START_ROUNDS ?? 5);
const KINDS: DatabaseKind[] = ['postgres', 'pglite'];

async function main(): Promise<void> {
  const docs = requireCorpus();
  const before = machine();
  const times = new Map<string, number[]>();
  for (const kind of KINDS) {
    const database = await indexedDatabase(kind, docs);
    try {
      for (let round = 0; round < ROUNDS; round++) {
        for (const entry of round % 2 === 0 ? ENTRIES : [...ENTRIES].reverse()) {
          const bff = await startChildBff(entry, database.env);
          const key = `${kind} ${entry}`;
          times.set(key, [...(times.get(key) ?? []), bff.readyMs]);
          await bff.stop();
        }
      }
    } finally {
      await database.dispose();
    }
    console.log(`  start: ${kind} done`);
  }
  const rows = KINDS.flatMap((kind) => {
    const baseline = median(times.get(`${kind} ${ENTRIES[0]}`)!);
    return ENTRIES.map((entry) => {
      const t = times.get(`${kind} ${entry}`)!;
      return [
        DATABASE_LABEL[kind],
        `\`${entry}\``,
        fmt(median(t), 0),
        fmt(Math.min(...t), 0),
        fmt(Math.max(...t), 0),
        ratio(median(t), baseline),
      ];
    });
  });
  recordRun(
    'Start',
    [
      loadNote(before),
      'Spawn of `node <entry>` (NODE_ENV=production, LOG_LEVEL=warn, local mode) to the first 200 on /readyz, polled every 10 ms; ' +
        'the textbook ingested beforehand (on the embedded default a reopen of a migrated DATA_DIR). ' +
        `${ROUNDS} starts per entry and database, entries alternating; ratio = median / the first entry's median.`,
      '',
      table(['database', 'entry', 'median ms', 'min ms', 'max ms', 'ratio'], rows),
    ].join('\n'),
    before,
  );
}

runBenchmark('start', main);
