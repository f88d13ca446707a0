/**
 * Sign-in vs raw bcrypt: our whole sign-in (HTTP, validation, throttle, user lookup, bcrypt-12
 * compare, session row, JWT, cookies) against bare bcrypt.compare at cost 12 on the same cores and
 * the same concurrency, alternating. ours/raw says how much of the sign-in cost is bcrypt's.
 *
 *   pnpm bench:signin          (BENCH_SIGNIN_REQUESTS, BENCH_AUTH_ROUNDS)
 */
import bcrypt from 'bcrypt';
import { settings } from './lib/env.js';
import { runBenchmark } from './lib/main.js';
import { loadNote, machine, recordRun, table } from './lib/report.js';
import { runLoad, type LoadResult } from './lib/load.js';
import { alternate } from './lib/compare.js';
import { fmt, percentile, ratio } from './lib/stats.js';
import { JSON_HEADERS, ourSignup, startBff, uniqueEmail } from './lib/bff.js';

const PASSWORD = 'Robots4ever!';
const CONCURRENCY = [2, 8];
const rounds = Number(process.env.BENCH_AUTH_ROUNDS ?? Math.min(3, settings.rounds));
/** Operations per cell and side. */
const perCell = (c: number) => Number(process.env.BENCH_SIGNIN_REQUESTS ?? Math.max(16, 3 * c));

/** `amount` compares with `c` in flight at a time (libuv's pool runs them, 4 threads by default). */
async function rawCompares(hash: string, c: number, amount: number): Promise<LoadResult> {
  const latencies: number[] = [];
  let issued = 0;
  const started = performance.now();
  const worker = async () => {
    while (issued < amount) {
      issued++;
      const t = performance.now();
      if (!(await bcrypt.compare(PASSWORD, hash))) throw new Error('bcrypt compare failed');
      latencies.push(performance.now() - t);
    }
  };
  await Promise.all(Array.from({ length: c }, worker));
  const seconds = (performance.now() - started) / 1000;
  return {
    rps: amount / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    ok: amount,
    failed: 0,
  };
}

async function main(): Promise<void> {
  const before = machine();
  const bff = await startBff({ kind: 'postgres' });
  try {
    const emails: string[] = [];
    for (let i = 0; i < Math.max(...CONCURRENCY); i++) {
      const email = uniqueEmail('signin');
      const res = await fetch(`${bff.baseUrl}/api/v1/auth/signup`, {
        method: 'POST',
        headers: JSON_HEADERS,
        body: ourSignup(email, PASSWORD),
      });
      if (res.status !== 201) throw new Error(`sign-up failed: ${res.status}`);
      await res.arrayBuffer();
      emails.push(email);
    }
    const hash = await bcrypt.hash(PASSWORD, 12);
    const rows: (string | number)[][] = [];
    for (const c of CONCURRENCY) {
      let next = 0;
      const { medians } = await alternate(
        [
          {
            name: 'ours',
            run: () =>
              runLoad(
                bff.baseUrl,
                {
                  method: 'POST',
                  path: '/api/v1/auth/signin',
                  headers: JSON_HEADERS,
                  body: () => JSON.stringify({ email: emails[next++ % emails.length], password: PASSWORD }),
                },
                c,
                { amount: perCell(c) },
              ),
          },
          { name: 'raw bcrypt', run: () => rawCompares(hash, c, perCell(c)) },
        ],
        rounds,
        `signin c=${c}`,
      );
      const [ours, raw] = medians as [(typeof medians)[0], (typeof medians)[0]];
      const overhead = raw.rps > 0 ? 1 - ours.rps / raw.rps : Number.NaN;
      rows.push([
        c,
        fmt(ours.rps, 2),
        fmt(raw.rps, 2),
        ratio(ours.rps, raw.rps),
        `${fmt(overhead * 100, 0)}%`,
        fmt(ours.p50, 0),
        fmt(raw.p50, 0),
        ours.failed,
      ]);
    }
    recordRun(
      'Sign-in vs bcrypt',
      [
        loadNote(before),
        `Our POST /api/v1/auth/signin (PostgreSQL, in-process, autocannon) against bare \`bcrypt.compare\` at cost 12 with the same ` +
          `number in flight, ${perCell(2)}/${perCell(8)} operations per cell (c=2/8), ${rounds} alternating rounds, medians. ` +
          '"not bcrypt" = 1 − ours/raw: the share of sign-in throughput lost to everything that is not the hash.',
        '',
        table(
          [
            'conc.',
            'ours sign-ins/s',
            'raw compares/s',
            'ours/raw',
            'not bcrypt',
            'ours p50 ms',
            'raw p50 ms',
            'non-2xx',
          ],
          rows,
        ),
      ].join('\n'),
      before,
    );
  } finally {
    await bff.close();
  }
}

runBenchmark('signin', main);
