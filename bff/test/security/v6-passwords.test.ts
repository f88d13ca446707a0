import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { createTestDatabase, type TestDatabase } from '../support/databases.js';
import { ApiClient, aSignup, type ApiResponse } from '../support/client.js';
import { expectErrorShape, median, signedUp } from './helpers.js';

// ASVS 5.0 V6 (authentication): exact password checks, no account enumeration by status, body or
// time, brute force throttled per account (auth/signin-throttle.ts) and per client.

const signin = (app: TestApp, email: string, password: string, headers?: Record<string, string>) =>
  new ApiClient(app.baseUrl).post<Record<string, any>>('/api/v1/auth/signin', { email, password }, headers);

/** What an observer could compare between two answers: status, body and the headers that vary. */
const observable = (res: ApiResponse) => ({
  status: res.status,
  // A lock's message counts down its seconds; two locks started a moment apart may differ by one.
  body: JSON.parse(JSON.stringify(res.body).replace(/in \d+ s\./g, 'in N s.')),
  cookies: res.setCookies.length,
  wwwAuthenticate: res.headers.get('www-authenticate'),
  retryAfter: res.headers.get('retry-after') !== null,
});

describe('V6 passwords and sign-in', () => {
  let database: TestDatabase;
  let app: TestApp;
  const extra: TestApp[] = [];
  const start = async (env: Record<string, string>) => {
    const started = await startTestApp({ database, env: { BCRYPT_COST: '10', ...env } });
    extra.push(started);
    return started;
  };
  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    app = await start({});
  });
  afterAll(async () => {
    for (const a of extra) await a.close();
    await database.drop();
  });

  it('6.2.8 when the password differs only by case, surrounding spaces or a multi-byte tail past 72 bytes, then it is refused; the exact one works', async () => {
    const password = ' Robots4ever! ';
    const { body } = await signedUp(app, { password });
    for (const wrong of ['Robots4ever!', ' robots4ever! ', ' ROBOTS4EVER! ', ' Robots4ever!']) {
      expect((await signin(app, body.email, wrong)).status, JSON.stringify(wrong)).toBe(401);
    }
    expect((await signin(app, body.email, password)).status).toBe(200);
    // 24 euro signs are 72 bytes: the limit counts bytes, not characters.
    const euros = await new ApiClient(app.baseUrl).post<Record<string, any>>(
      '/api/v1/auth/signup',
      aSignup({ password: `Aa1!${'€'.repeat(23)}` }),
    );
    expect(euros.status).toBe(400);
    expect(euros.body.error.details).toContainEqual({ path: 'password', message: 'at most 72 bytes' });
  });

  it('6.2.8 when a sign-in password is huge, then it is a 400 validation error, not a slow hash or a 5xx', async () => {
    const res = await signin(app, 'someone@example.org', 'A'.repeat(5000));
    expect(res.status).toBe(400);
    expectErrorShape(res);
  });

  it('6.3.8 when the email is unknown, the password wrong, or the email differs in case, then status, body and headers are identical', async () => {
    const { body } = await signedUp(app);
    const answers = [
      await signin(app, body.email, 'Wrong4ever!'),
      await signin(app, body.email.toUpperCase(), 'Wrong4ever!'),
      await signin(app, `nobody-${Date.now()}@example.org`, 'Wrong4ever!'),
      await signin(app, `nobody-${Date.now()}@example.org`, body.password),
    ];
    for (const a of answers) expectErrorShape(a);
    const [first, ...rest] = answers.map(observable);
    expect(first!.status).toBe(401);
    for (const other of rest) expect(other).toEqual(first);
  });

  it(
    '6.3.8 when sign-in is timed for an unknown email and a wrong password, then the medians are close',
    { timeout: 120_000 },
    async () => {
      const timed = await start({ SIGNIN_LOCKOUT_ATTEMPTS: '1000' });
      const { body } = await signedUp(timed);
      const measure = async (email: string) => {
        const t0 = performance.now();
        const res = await signin(timed, email, 'Wrong4ever!');
        expect(res.status).toBe(401);
        return performance.now() - t0;
      };
      for (let i = 0; i < 3; i += 1) await measure(body.email); // warm-up
      const unknown: number[] = [];
      const wrong: number[] = [];
      for (let i = 0; i < 30; i += 1) {
        unknown.push(await measure(`ghost-${i}-${Date.now()}@example.org`));
        wrong.push(await measure(body.email));
      }
      const ratio = median(unknown) / median(wrong);
      console.log(
        `[timing] sign-in median ms over 30 each (bcrypt cost 10): unknown email ${median(unknown).toFixed(1)}, ` +
          `wrong password ${median(wrong).toFixed(1)}, ratio ${ratio.toFixed(2)}`,
      );
      expect(ratio).toBeGreaterThan(0.6);
      expect(ratio).toBeLessThan(1.6);
    },
  );

  it('6.3.1 when one email has 5 failed sign-ins, then further attempts are 429 with Retry-After, even with the right password', async () => {
    const { body } = await signedUp(app);
    for (let i = 0; i < 5; i += 1) expect((await signin(app, body.email, `Wrong${i}ever!`)).status).toBe(401);
    const locked = await signin(app, body.email, body.password);
    expect(locked.status).toBe(429);
    expect(locked.body.error.code).toBe('rate_limited');
    const retryAfter = Number(locked.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(14 * 60);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    expect(locked.setCookies).toEqual([]);
    // Another email from the same client is not affected.
    const other = await signedUp(app);
    expect((await signin(app, other.body.email, other.body.password)).status).toBe(200);
  });

  it('6.3.8 when an unknown email is locked the same way, then its locked answer is indistinguishable from a real account’s', async () => {
    const { body } = await signedUp(app);
    const ghost = `ghost-${Date.now()}@example.org`;
    for (let i = 0; i < 5; i += 1) {
      const [real, fake] = [
        await signin(app, body.email, 'Wrong4ever!'),
        await signin(app, ghost, 'Wrong4ever!'),
      ];
      expect(observable(fake)).toEqual(observable(real));
    }
    const [real, fake] = [
      await signin(app, body.email, 'Wrong4ever!'),
      await signin(app, ghost, 'Wrong4ever!'),
    ];
    expect(real.status).toBe(429);
    expect(observable(fake)).toEqual(observable(real));
    expect(
      Math.abs(Number(real.headers.get('retry-after')) - Number(fake.headers.get('retry-after'))),
    ).toBeLessThanOrEqual(2);
  });

  it('6.3.1 when a sign-in succeeds, then the failure count starts again', async () => {
    const { body } = await signedUp(app);
    for (let round = 0; round < 2; round += 1) {
      for (let i = 0; i < 4; i += 1) expect((await signin(app, body.email, 'Wrong4ever!')).status).toBe(401);
      expect((await signin(app, body.email, body.password)).status).toBe(200);
    }
  });

  it('6.3.1 when 20 guesses for one email arrive at once, then at most 5 reach the password check', async () => {
    const { body } = await signedUp(app);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => signin(app, body.email.toUpperCase(), `Guess${i}ever!`)),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(5);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(15);
    expect(statuses.every((s) => s === 401 || s === 429)).toBe(true);
  });

  it('4.1.3 / 2.4.1 when the proxy is not trusted, then a spoofed X-Forwarded-For does not reset the per-client sign-in limit', async () => {
    const limited = await start({ RATE_LIMIT_SIGNIN: '3/minute' });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      const spoof = { 'X-Forwarded-For': `203.0.113.${i}`, 'X-Real-IP': `198.51.100.${i}` };
      statuses.push((await signin(limited, `p${i}-${Date.now()}@example.org`, 'Wrong4ever!', spoof)).status);
    }
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
  });

  it('2.4.1 when TRUST_PROXY=true, then the limit is per forwarded client: each gets its own budget, one client is still limited', async () => {
    const proxied = await start({ RATE_LIMIT_SIGNIN: '3/minute', TRUST_PROXY: 'true' });
    const one = { 'X-Forwarded-For': '203.0.113.7' };
    const statuses: number[] = [];
    for (let i = 0; i < 4; i += 1)
      statuses.push((await signin(proxied, `q${i}@example.org`, 'Wrong4ever!', one)).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
    const another = await signin(proxied, 'q9@example.org', 'Wrong4ever!', {
      'X-Forwarded-For': '203.0.113.8',
    });
    expect(another.status).toBe(401);
  });
});
