import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { ApiClient, aSignup } from '../support/client.js';
import { recordingQueryService, signedUp, type Reader } from './helpers.js';

// Property-based fuzzing of every JSON route: 10,000 generated requests per run, 8 at a time.
// Whatever arrives, the answer is a 2xx or a 4xx, errors have the one shape, no stack trace
// leaks, and the service still works afterwards. Bodies are mostly invalid so that few reach
// bcrypt; valid-shaped ones are mixed in. Strings carry hostile Unicode (NUL and other controls,
// lone surrogates, RTL and zero-width marks, combining runs, very long words); bodies now and then
// come under a Content-Encoding (gzip, deflate, br, stacked, valid, truncated, garbage or unknown);
// paths now and then come in other letter cases or with a trailing slash. A 500 anywhere fails it.
// FUZZ_SEED=<n> replays a run.

const BATCH = 8;
const RUNS = 1250;
const STACK = /\n\s+at |node_modules|\.ts:\d+|\.js:\d+|Error:/;

const often = <T>(valid: fc.Arbitrary<T>, invalid: fc.Arbitrary<unknown>, validWeight = 1) =>
  fc.oneof({ arbitrary: valid, weight: validWeight }, { arbitrary: invalid, weight: 4 });
/** Text a reader never types but a client can send: each piece is its own kind of trouble. */
const HOSTILE_PIECES = [
  '\u0000',
  '\u0007',
  '\u001b[31m',
  '\u007f',
  '\ud800',
  '\udfff',
  '\udc00\ud800',
  '\u202e',
  '\u200f',
  '\u2066',
  '\u200b',
  '\u200d',
  '\ufeff',
  '\u2028',
  'e\u0301\u0302\u0303\u0304\u0305',
  'Z\u0351\u0352\u0353\u0354'.repeat(40),
  '\u{1F916}',
  '\u{10FFFF}',
  '\ufffd',
  'word'.repeat(400),
];
const hostileText = fc
  .array(
    fc.oneof(
      fc.constantFrom(...HOSTILE_PIECES),
      fc.string({ unit: 'binary', maxLength: 12 }),
      fc.string({ maxLength: 12 }),
    ),
    { minLength: 1, maxLength: 5 },
  )
  .map((parts) => parts.join(''));
const junk = fc.oneof(
  fc.string({ maxLength: 80 }),
  hostileText,
  hostileText,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string({ maxLength: 10 }), { maxLength: 4 }),
  fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }),
  fc.constantFrom('__proto__', '{"$ne":null}', "' OR 1=1 --", '\u0000', '\ud800', 'A'.repeat(3000)),
);
const email = often(fc.emailAddress(), junk);
const password = often(
  fc.constantFrom('Robots4ever!', 'Aa1!aaaa'),
  fc.oneof(fc.string({ maxLength: 90 }), junk),
);
const software = often(fc.constantFrom('Beginner', 'Intermediate', 'Advanced'), junk, 3);
const hardware = often(fc.constantFrom('None', 'Basic', 'Advanced'), junk, 3);
const interests = often(
  fc.array(fc.oneof(fc.string({ minLength: 1, maxLength: 55 }), hostileText), { maxLength: 12 }),
  junk,
  3,
);
const extraKey = fc.constantFrom(
  'role',
  'email_verified',
  'id',
  'user_id',
  '__proto__',
  'constructor',
  'model',
);
const withExtra = (body: fc.Arbitrary<Record<string, unknown>>) =>
  fc
    .tuple(body, fc.option(fc.tuple(extraKey, junk), { freq: 8 }))
    .map(([b, extra]) => (extra ? { ...b, [extra[0]]: extra[1] } : b));

type Route = 'signup' | 'signin' | 'refresh' | 'signout' | 'profile-get' | 'profile-put' | 'query';
interface Encoding {
  /** The Content-Encoding header as sent. */
  name: string;
  mode: 'valid' | 'truncated' | 'garbage';
  garbage: Uint8Array;
}
interface Probe {
  route: Route;
  body: unknown;
  raw?: string;
  cookie?: string;
  encoding?: Encoding;
  /** Which letters of the path go upper case (by index), and whether a slash is appended. */
  pathCase?: { upper: boolean[]; slash: boolean };
}

const CODECS: Record<string, (b: Uint8Array) => Uint8Array> = {
  gzip: gzipSync,
  'x-gzip': gzipSync,
  deflate: deflateSync,
  br: brotliCompressSync,
};

/** The body under the probe's Content-Encoding: codings apply in the order listed. */
function encodeBody(body: string, { name, mode, garbage }: Encoding): Uint8Array<ArrayBuffer> {
  if (mode === 'garbage') return new Uint8Array(garbage);
  let bytes: Uint8Array = new TextEncoder().encode(body);
  for (const coding of name.split(',').map((c) => c.trim().toLowerCase())) {
    const codec = CODECS[coding];
    if (codec) bytes = codec(bytes);
  }
  // A copy, so fetch gets a plain ArrayBuffer-backed view.
  return new Uint8Array(mode === 'truncated' ? bytes.subarray(0, Math.floor(bytes.length / 2)) : bytes);
}

/** The path as a client could spell it: some letters upper case, maybe a trailing slash. */
function spell(path: string, pathCase: Probe['pathCase']): string {
  if (!pathCase) return path;
  const letters = [...path].map((ch, i) =>
    pathCase.upper[i % pathCase.upper.length] ? ch.toUpperCase() : ch,
  );
  return letters.join('') + (pathCase.slash ? '/' : '');
}

const encoding: fc.Arbitrary<Encoding> = fc.record({
  name: fc.constantFrom(
    'gzip',
    'deflate',
    'br',
    'x-gzip',
    'GZIP',
    'gzip, br',
    'deflate, gzip',
    'identity',
    'compress',
    'zstd',
    'x-bogus',
    '',
  ),
  mode: fc.constantFrom('valid', 'valid', 'truncated', 'garbage'),
  garbage: fc.uint8Array({ maxLength: 64 }),
});
const pathCase = fc.record({
  upper: fc.array(fc.boolean(), { minLength: 1, maxLength: 24 }),
  slash: fc.boolean(),
});

const bodies: Record<Route, fc.Arbitrary<unknown>> = {
  // Sign-up: only a valid email and password together cost a bcrypt hash.
  signup: withExtra(
    fc.record(
      { email, password, software_experience: software, hardware_experience: hardware, interests },
      { requiredKeys: [] },
    ),
  ),
  // Sign-in: a valid email costs a bcrypt compare (~50 ms of a core), so about 1 in 100 is one.
  signin: withExtra(
    fc.record(
      {
        email: fc.oneof({ arbitrary: fc.emailAddress(), weight: 1 }, { arbitrary: junk, weight: 99 }),
        password,
      },
      { requiredKeys: [] },
    ),
  ),
  refresh: fc.oneof(fc.constant(undefined), fc.jsonValue({ maxDepth: 2 })),
  signout: fc.oneof(fc.constant(undefined), fc.jsonValue({ maxDepth: 2 })),
  'profile-get': fc.constant(undefined),
  'profile-put': withExtra(
    fc.record(
      { software_experience: software, hardware_experience: hardware, interests },
      { requiredKeys: [] },
    ),
  ),
  query: withExtra(
    fc.record(
      {
        query: often(fc.string({ minLength: 1, maxLength: 2100 }), junk, 3),
        max_results: often(fc.integer({ min: 1, max: 20 }), junk),
        selected_text: often(fc.string({ maxLength: 300 }), junk),
      },
      { requiredKeys: [] },
    ),
  ),
};
const cookieValue = fc.stringMatching(/^[A-Za-z0-9._~+/=-]{0,400}$/);

const probe: fc.Arbitrary<Probe> = fc
  .constantFrom<Route>('signup', 'signin', 'refresh', 'signout', 'profile-get', 'profile-put', 'query')
  .chain((route) =>
    fc.record({
      route: fc.constant(route),
      body: bodies[route],
      // Now and then the body is not the generated object but raw text sent as JSON.
      raw: fc.option(fc.oneof(fc.string({ maxLength: 200 }), fc.json({ maxDepth: 3 })), {
        freq: 10,
        nil: undefined,
      }),
      cookie: fc.option(cookieValue, { freq: 6, nil: undefined }),
      encoding: fc.option(encoding, { freq: 6, nil: undefined }),
      pathCase: fc.option(pathCase, { freq: 8, nil: undefined }),
    }),
  );

// About one request in 200 is a fully valid sign-up, so the success path is fuzzed too.
const validSignup: fc.Arbitrary<Probe> = fc
  .record({
    local: fc.stringMatching(/^[a-z0-9]{1,20}$/),
    software_experience: fc.constantFrom('Beginner', 'Intermediate', 'Advanced'),
    hardware_experience: fc.constantFrom('None', 'Basic', 'Advanced'),
    interests: fc.array(
      fc.string({ minLength: 1, maxLength: 50 }).filter((i) => i.trim() !== ''),
      { maxLength: 10 },
    ),
  })
  .map(({ local, ...profile }) => ({
    route: 'signup' as const,
    body: {
      email: `${local}-${Math.random().toString(36).slice(2)}@example.org`,
      password: 'Robots4ever!',
      ...profile,
    },
  }));
const anyProbe = fc.oneof({ arbitrary: probe, weight: 199 }, { arbitrary: validSignup, weight: 1 });

const ROUTES: Record<Route, [string, string]> = {
  signup: ['POST', '/api/v1/auth/signup'],
  signin: ['POST', '/api/v1/auth/signin'],
  refresh: ['POST', '/api/v1/auth/refresh'],
  signout: ['POST', '/api/v1/auth/signout'],
  'profile-get': ['GET', '/api/v1/profile'],
  'profile-put': ['PUT', '/api/v1/profile'],
  query: ['POST', '/api/v1/query'],
};

const answer = recordingQueryService();

describe('fuzzing every JSON route', () => {
  let app: TestApp;
  let reader: Reader;
  const statuses = new Map<number, number>();
  beforeAll(async () => {
    app = await startTestApp({
      env: {
        BCRYPT_COST: '10',
        RATE_LIMIT_SIGNUP: '1000000/minute',
        RATE_LIMIT_SIGNIN: '1000000/minute',
        RATE_LIMIT_QUERY: '1000000/minute',
        SIGNIN_LOCKOUT_ATTEMPTS: '1000000',
      },
      customize: (deps) => {
        deps.rag.queries = answer;
      },
    });
    reader = await signedUp(app);
  });
  afterAll(() => app.close());

  async function send(p: Probe): Promise<void> {
    const [method, path] = ROUTES[p.route];
    // Profile calls go as the signed-in reader; sign-out and refresh never get their cookies.
    const client = p.route.startsWith('profile') ? reader.client : new ApiClient(app.baseUrl);
    const headers: Record<string, string> =
      p.cookie !== undefined ? { Cookie: `ta_access=${p.cookie}; ta_refresh=${p.cookie}` } : {};
    const body = p.raw ?? (p.body === undefined ? undefined : JSON.stringify(p.body));
    const encoded = body !== undefined && p.encoding ? encodeBody(body, p.encoding) : body;
    const url = spell(path, p.pathCase);
    const res = await fetch(new URL(url, app.baseUrl), {
      method,
      headers: {
        Origin: 'http://localhost:3000',
        ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
        ...(encoded !== body ? { 'Content-Encoding': p.encoding!.name } : {}),
        Cookie: [...client.jar.values()].map((c) => `${c.name}=${c.value}`).join('; '),
        ...headers,
      },
      body: method === 'GET' ? undefined : encoded,
    });
    const text = await res.text();
    statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
    const how = p.encoding ? ` [${p.encoding.name || '(empty)'} ${p.encoding.mode}]` : '';
    const label = `${method} ${url}${how} ${String(body).slice(0, 120)} → ${res.status} ${text.slice(0, 200)}`;
    expect(res.status < 300 || (res.status >= 400 && res.status < 500), label).toBe(true);
    expect(text, label).not.toMatch(STACK);
    if (res.status >= 400) {
      const parsed = JSON.parse(text) as { error: Record<string, unknown> };
      expect(Object.keys(parsed), label).toEqual(['error']);
      const { code, message, details, ...rest } = parsed.error;
      expect([typeof code, typeof message, rest], label).toEqual(['string', 'string', {}]);
      if (details !== undefined) {
        expect(Array.isArray(details), label).toBe(true);
        for (const d of details as Record<string, unknown>[])
          expect(Object.keys(d).sort(), label).toEqual(['message', 'path']);
      }
    }
  }

  it(
    'when 10,000 generated requests hit the JSON routes, then every answer is a 2xx or a 4xx in the error shape, without a stack trace',
    { timeout: 300_000 },
    async () => {
      const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;
      const started = performance.now();
      await fc.assert(
        fc.asyncProperty(fc.array(anyProbe, { minLength: BATCH, maxLength: BATCH }), async (batch) => {
          await Promise.all(batch.map(send));
        }),
        { numRuns: RUNS, seed, endOnFailure: true },
      );
      const total = [...statuses.values()].reduce((a, b) => a + b, 0);
      console.log(
        `[fuzz] ${total} requests in ${((performance.now() - started) / 1000).toFixed(1)} s; statuses ${JSON.stringify(Object.fromEntries(statuses))}`,
      );
      expect(total).toBeGreaterThanOrEqual(RUNS * BATCH);
      expect(statuses.get(201) ?? 0).toBeGreaterThan(0);
      expect(statuses.get(200) ?? 0).toBeGreaterThan(0);
      expect(app.logLines.filter((l) => l.includes('"level":50'))).toEqual([]);
    },
  );

  it('when the fuzzing is over, then valid sign-up, sign-in, profile, refresh, query and sign-out still work', async () => {
    const body = aSignup();
    const client = new ApiClient(app.baseUrl);
    expect((await client.post('/api/v1/auth/signup', body)).status).toBe(201);
    expect(
      (await client.post('/api/v1/auth/signin', { email: body.email, password: body.password })).status,
    ).toBe(200);
    expect((await client.put('/api/v1/profile', { interests: ['after fuzzing'] })).status).toBe(200);
    expect((await client.get('/api/v1/profile')).status).toBe(200);
    expect((await client.post('/api/v1/auth/refresh')).status).toBe(200);
    expect((await client.post('/api/v1/query', { query: 'Still answering?' })).status).toBe(200);
    expect((await client.post('/api/v1/auth/signout')).status).toBe(204);
    expect((await reader.client.get('/api/v1/profile')).status).toBe(200);
  });
});
