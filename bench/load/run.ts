/**
 * Load: a real BFF process (`node --import tsx bff/src/main.ts`, as `pnpm start` runs it) on
 * loopback and a fresh PostgreSQL database, driven by autocannon for LOAD_SECONDS per target
 * while its RSS is sampled every second. Prints p50/p99/req/s/errors and RSS start/end/max and
 * appends a dated table to bench/README.md under "Load".
 *
 *   pnpm --filter @textbook-assistant/bench run load
 *   LOAD_SECONDS=60 LOAD_CONNECTIONS=10 LOAD_TARGETS=profile LOAD_LOG_LEVEL=info
 *
 * A target is a name, a request and a `prepare` that signs in or seeds what it needs: add one to
 * TARGETS (e.g. POST /api/v1/query) and it is measured and recorded the same way.
 */
import autocannon from 'autocannon';
import { sampleRss, startChildBff } from '../lib/child-bff.js';
import { runBenchmark } from '../lib/main.js';
import { loadNote, machine, recordRun, table } from '../lib/report.js';
import {
  BENCH_SECRET,
  JSON_HEADERS,
  RAISED_LIMITS,
  cookieHeader,
  ourSignup,
  uniqueEmail,
} from '../lib/bff.js';
import { createTestDatabase } from '../../bff/test/support/databases.js';

const SECONDS = Number(process.env.LOAD_SECONDS ?? 60);
const CONNECTIONS = Number(process.env.LOAD_CONNECTIONS ?? 10);
const LOG_LEVEL = process.env.LOAD_LOG_LEVEL ?? 'info';

export interface LoadTarget {
  name: string;
  method: 'GET' | 'POST' | 'PUT';
  path: string;
  body?: string;
  /** Runs once against the started BFF; returns the headers every request carries. */
  prepare(baseUrl: string): Promise<Record<string, string>>;
}

const TARGETS: LoadTarget[] = [
  {
    name: 'profile',
    method: 'GET',
    path: '/api/v1/profile',
    async prepare(baseUrl) {
      const res = await fetch(`${baseUrl}/api/v1/auth/signup`, {
        method: 'POST',
        headers: JSON_HEADERS,
        body: ourSignup(uniqueEmail('load')),
      });
      if (res.status !== 201) throw new Error(`sign-up for the load test failed: ${res.status}`);
      return { cookie: cookieHeader(res), origin: JSON_HEADERS.origin };
    },
  },
];

interface Measured {
  target: string;
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  errors: number;
  non2xx: number;
  rss: { start: number; end: number; max: number };
}

async function measure(target: LoadTarget, pid: number, baseUrl: string): Promise<Measured> {
  const headers = await target.prepare(baseUrl);
  const sampler = sampleRss(pid, 1000);
  const result = await autocannon({
    url: baseUrl + target.path,
    method: target.method,
    headers: target.body ? { ...headers, 'content-type': 'application/json' } : headers,
    body: target.body,
    connections: CONNECTIONS,
    duration: SECONDS,
  });
  const samples = sampler.stop();
  return {
    target: `${target.method} ${target.path}`,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    rss: { start: samples[0]!, end: samples.at(-1)!, max: Math.max(...samples) },
  };
}

runBenchmark('load', async () => {
  const before = machine();
  const wanted = (process.env.LOAD_TARGETS ?? TARGETS.map((t) => t.name).join(',')).split(',');
  const database = await createTestDatabase('postgres');
  // No book is ingested here, so /readyz stays 503 on its index check: /healthz says it is up.
  const bff = await startChildBff(
    'bff/src/main.ts',
    {
      NODE_ENV: 'production',
      PUBLIC_APP_URL: 'https://book.example.org',
      DATABASE_URL: database.url!,
      DATA_DIR: database.dataDir,
      BETTER_AUTH_SECRET: BENCH_SECRET,
      LOG_LEVEL,
      ...RAISED_LIMITS,
    },
    { readyPath: '/healthz' },
  );
  const { baseUrl } = bff;
  const results: Measured[] = [];
  try {
    for (const target of TARGETS.filter((t) => wanted.includes(t.name))) {
      console.log(`load: ${target.method} ${target.path} for ${SECONDS} s at ${CONNECTIONS} connections…`);
      const m = await measure(target, bff.pid, baseUrl);
      console.log(
        `load: ${m.target}: ${m.rps.toFixed(1)} req/s, p50 ${m.p50} ms, p99 ${m.p99} ms, ` +
          `${m.requests} requests, ${m.errors} errors, ${m.non2xx} non-2xx; ` +
          `RSS start ${m.rss.start.toFixed(0)} MB, end ${m.rss.end.toFixed(0)} MB, max ${m.rss.max.toFixed(0)} MB`,
      );
      results.push(m);
    }
  } finally {
    await bff.stop();
    await database.drop();
  }
  const rows = results.map((m) => [
    m.target,
    CONNECTIONS,
    SECONDS,
    m.rps.toFixed(1),
    m.p50,
    m.p99,
    m.errors,
    m.non2xx,
    m.rss.start.toFixed(0),
    m.rss.end.toFixed(0),
    m.rss.max.toFixed(0),
  ]);
  recordRun(
    'Load',
    [
      loadNote(before),
      `One BFF process (\`node --import tsx bff/src/main.ts\`, NODE_ENV=production, LOG_LEVEL=${LOG_LEVEL}, ` +
        'rate limits raised) on a fresh PostgreSQL 15 database over loopback, driven by autocannon from the bench process ' +
        'with a signed-in cookie. RSS of the BFF process sampled every second.',
      '',
      table(
        [
          'target',
          'conn.',
          's',
          'req/s',
          'p50 ms',
          'p99 ms',
          'errors',
          'non-2xx',
          'RSS start MB',
          'RSS end MB',
          'RSS max MB',
        ],
        rows,
      ),
    ].join('\n'),
    before,
  );
});
