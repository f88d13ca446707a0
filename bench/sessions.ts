/**
 * Sessions: our BFF against a minimal Better Auth server, same PostgreSQL, same process, same
 * load generator. "Who am I" (GET /api/v1/profile vs GET /api/auth/get-session), sign-in and
 * sign-up at each concurrency, alternating sides every round; medians and ratios.
 *
 *   pnpm bench:sessions        (BENCH_SECONDS, BENCH_ROUNDS, BENCH_AUTH_ROUNDS, BENCH_CONCURRENCY)
 */
import { settings } from './lib/env.js';
import { runBenchmark } from './lib/main.js';
import { machine, recordRun, table, loadNote } from './lib/report.js';
import { runLoad, type LoadRequest } from './lib/load.js';
import { alternate, type Side } from './lib/compare.js';
import { fmt, ratio } from './lib/stats.js';
import { JSON_HEADERS, ORIGIN, cookieHeader, ourSignup, startBff, uniqueEmail } from './lib/bff.js';
import { BA_PASSWORD, baSignup, startBetterAuth, type RunningBetterAuth } from './lib/better-auth-server.js';

const PASSWORD = 'Robots4ever!';
/** Rounds for the bcrypt-bound calls (each request costs ~0.2 s of a core). */
const authRounds = Number(process.env.BENCH_AUTH_ROUNDS ?? Math.min(3, settings.rounds));
/** Requests per cell for sign-in / sign-up: enough that queued requests count at high concurrency. */
const amountFor = (c: number) => c + 10;

interface Target {
  name: string;
  baseUrl: string;
  signupPath: string;
  signinPath: string;
  whoamiPath: string;
  signupBody(email: string): string;
  signinBody(email: string): string;
  emails: string[];
  cookie: string;
}

async function prepare(target: Omit<Target, 'emails' | 'cookie'>, users: number): Promise<Target> {
  const emails: string[] = [];
  let cookie = '';
  for (let i = 0; i < users; i++) {
    const email = uniqueEmail(`seed-${target.name.replace(/\W+/g, '')}`);
    const res = await fetch(target.baseUrl + target.signupPath, {
      method: 'POST',
      headers: JSON_HEADERS,
      body: target.signupBody(email),
    });
    if (res.status >= 300)
      throw new Error(`${target.name} sign-up failed: ${res.status} ${await res.text()}`);
    if (i === 0) cookie = cookieHeader(res);
    else await res.arrayBuffer();
    emails.push(email);
  }
  // Better Auth answers get-session with 200 and `null` when the cookie is not accepted: check it is.
  const who = await fetch(target.baseUrl + target.whoamiPath, { headers: { cookie, origin: ORIGIN } });
  const body = await who.text();
  if (who.status !== 200 || !body.includes(emails[0]!.toLowerCase())) {
    throw new Error(
      `${target.name}: "who am I" does not see the seeded user (${who.status} ${body.slice(0, 120)})`,
    );
  }
  return { ...target, emails, cookie };
}

function requestFor(op: 'whoami' | 'signin' | 'signup', t: Target): LoadRequest {
  if (op === 'whoami')
    return { method: 'GET', path: t.whoamiPath, headers: { cookie: t.cookie, origin: ORIGIN } };
  if (op === 'signup')
    return {
      method: 'POST',
      path: t.signupPath,
      headers: JSON_HEADERS,
      body: () => t.signupBody(uniqueEmail('load')),
    };
  let next = 0;
  return {
    method: 'POST',
    path: t.signinPath,
    headers: JSON_HEADERS,
    body: () => t.signinBody(t.emails[next++ % t.emails.length]!),
  };
}

function side(op: 'whoami' | 'signin' | 'signup', t: Target, c: number): Side {
  const length = op === 'whoami' ? { seconds: settings.seconds } : { amount: amountFor(c) };
  return { name: t.name, run: () => runLoad(t.baseUrl, requestFor(op, t), c, length) };
}

const OPS = [
  ['whoami', '"Who am I"', 'GET /api/v1/profile vs GET /api/auth/get-session'],
  ['signin', 'Sign-in', 'POST /api/v1/auth/signin vs POST /api/auth/sign-in/email'],
  ['signup', 'Sign-up', 'POST /api/v1/auth/signup vs POST /api/auth/sign-up/email'],
] as const;

async function main(): Promise<void> {
  const before = machine();
  const maxC = Math.max(...settings.concurrency);
  const bff = await startBff({ kind: 'postgres' });
  const started: RunningBetterAuth[] = [];
  try {
    const ba = await startBetterAuth('bcrypt-12');
    started.push(ba);
    const baScrypt = await startBetterAuth('scrypt');
    started.push(baScrypt);
    const common = {
      signupPath: '/api/auth/sign-up/email',
      signinPath: '/api/auth/sign-in/email',
      whoamiPath: '/api/auth/get-session',
      signupBody: baSignup,
      signinBody: (email: string) => JSON.stringify({ email, password: BA_PASSWORD }),
    };
    console.log(`seeding ${maxC} users on each side…`);
    const ours = await prepare(
      {
        name: 'ours (bcrypt-12)',
        baseUrl: bff.baseUrl,
        signupPath: '/api/v1/auth/signup',
        signinPath: '/api/v1/auth/signin',
        whoamiPath: '/api/v1/profile',
        signupBody: (email) => ourSignup(email, PASSWORD),
        signinBody: (email) => JSON.stringify({ email, password: PASSWORD }),
      },
      maxC,
    );
    const theirs = await prepare({ name: 'Better Auth (bcrypt-12)', baseUrl: ba.baseUrl, ...common }, maxC);
    const theirsScrypt = await prepare(
      { name: 'Better Auth (scrypt default)', baseUrl: baScrypt.baseUrl, ...common },
      maxC,
    );

    const rows: (string | number)[][] = [];
    for (const [op, label] of OPS) {
      for (const c of settings.concurrency) {
        const rounds = op === 'whoami' ? settings.rounds : authRounds;
        const { medians } = await alternate([side(op, ours, c), side(op, theirs, c)], rounds, `${op} c=${c}`);
        const [a, b] = medians as [(typeof medians)[0], (typeof medians)[0]];
        rows.push([
          label,
          c,
          fmt(a.rps),
          fmt(b.rps),
          ratio(a.rps, b.rps),
          fmt(a.p99, 0),
          fmt(b.p99, 0),
          ratio(a.p99, b.p99),
          a.failed + b.failed,
        ]);
      }
    }
    // Better Auth's own default hashing, at one concurrency: the cost of the hash choice.
    const scryptRows: (string | number)[][] = [];
    const c = settings.concurrency.includes(10) ? 10 : settings.concurrency[0]!;
    for (const [op, label] of OPS.filter(([o]) => o !== 'whoami')) {
      const { medians } = await alternate(
        [side(op, ours, c), side(op, theirsScrypt, c)],
        authRounds,
        `${op} scrypt c=${c}`,
      );
      const [a, b] = medians as [(typeof medians)[0], (typeof medians)[0]];
      scryptRows.push([
        label,
        c,
        fmt(a.rps),
        fmt(b.rps),
        ratio(a.rps, b.rps),
        fmt(a.p99, 0),
        fmt(b.p99, 0),
        a.failed + b.failed,
      ]);
    }

    recordRun(
      'Sessions',
      [
        loadNote(before),
        `Our BFF (koa, PostgreSQL via knex/pg, bcrypt 12, access JWT + session-row check) and Better Auth ${'1.7.25'} ` +
          '(email + password, its Kysely/pg adapter, bcrypt 12 through its `password.hash/verify` hooks), each on its own ' +
          'fresh database on the same PostgreSQL 15, in one process, driven by autocannon in that process. Rate limits off/raised. ' +
          `"Who am I": ${settings.seconds} s per cell, ${settings.rounds} alternating rounds; sign-in/up: c + 10 requests per cell, ` +
          `${authRounds} rounds. Medians; ratio = ours / theirs (rps: >1 is ours faster; p99: <1 is ours faster).`,
        '',
        table(
          [
            'call',
            'conc.',
            'ours rps',
            'BA rps',
            'rps ratio',
            'ours p99 ms',
            'BA p99 ms',
            'p99 ratio',
            'non-2xx',
          ],
          rows,
        ),
        '',
        `Against Better Auth's default hashing (scrypt N=16384 r=16 p=1, node:crypto on the libuv pool), concurrency ${c}:`,
        '',
        table(
          [
            'call',
            'conc.',
            'ours rps',
            'BA scrypt rps',
            'rps ratio',
            'ours p99 ms',
            'BA scrypt p99 ms',
            'non-2xx',
          ],
          scryptRows,
        ),
      ].join('\n'),
      before,
    );
  } finally {
    for (const s of started) await s.close();
    await bff.close();
  }
}

runBenchmark('sessions', main);
