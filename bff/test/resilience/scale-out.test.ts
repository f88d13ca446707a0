import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { createTestDatabase, type TestDatabase } from '../support/databases.js';
import { ApiClient, aSignup } from '../support/client.js';

// Two BFF instances on one PostgreSQL and one Redis (REDIS_URL), as behind a load balancer:
// sessions, sign-out, rate limits, sign-in lockouts and refresh races hold across them. Every
// run uses its own Redis key prefix, so parallel runs and other users of the Redis don't meet.

const REDIS = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/0';
const PREFIX = `ta-test-${randomBytes(6).toString('hex')}:`;

/** The same browser talking to whichever instance the balancer picks. */
function on(client: ApiClient, app: TestApp): ApiClient {
  const other = new ApiClient(app.baseUrl);
  for (const [k, v] of client.jar) other.jar.set(k, { ...v });
  return other;
}

describe('scale-out: two instances, one PostgreSQL, one Redis', () => {
  let database: TestDatabase;
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    const env = {
      BCRYPT_COST: '10',
      REDIS_URL: `${REDIS}?keyPrefix=${encodeURIComponent(PREFIX)}`,
      RATE_LIMIT_SIGNIN: '8/minute',
      SIGNIN_LOCKOUT_ATTEMPTS: '3',
      REFRESH_REUSE_GRACE_SECONDS: '5',
    };
    a = await startTestApp({ database, env });
    b = await startTestApp({ database, env });
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await database?.drop();
    const redis = new Redis(REDIS);
    const keys = await redis.keys(`${PREFIX}*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
  });

  it('when a session starts on one instance, then the other accepts it, and sign-out on either ends it on both', async () => {
    const onA = new ApiClient(a.baseUrl);
    expect((await onA.post('/api/v1/auth/signup', aSignup())).status).toBe(201);
    const onB = on(onA, b);
    expect((await onB.get('/api/v1/profile')).status).toBe(200);
    expect((await onB.put('/api/v1/profile', { interests: ['written on B'] })).status).toBe(200);
    const seenOnA = await onA.get<{ profile: { interests: string[] } }>('/api/v1/profile');
    expect(seenOnA.body.profile.interests).toEqual(['written on B']);
    expect((await onA.post('/api/v1/auth/signout')).status).toBe(204);
    expect((await onB.get('/api/v1/profile')).status).toBe(401);
    expect((await onB.post('/api/v1/auth/refresh')).status).toBe(401);
  });

  it('when 12 refreshes with one token race across both instances, then all succeed with one successor and one live row', async () => {
    const first = new ApiClient(a.baseUrl);
    const res = await first.post<{ user: { id: string } }>('/api/v1/auth/signup', aSignup());
    expect(res.status).toBe(201);
    const tabs = Array.from({ length: 12 }, (_, i) => on(first, i % 2 ? b : a));
    const results = await Promise.all(tabs.map((t) => t.post('/api/v1/auth/refresh')));
    expect(results.map((r) => r.status)).toEqual(Array(12).fill(200));
    expect(new Set(tabs.map((t) => t.cookie('ta_refresh'))).size).toBe(1);
    const live = await database.db
      .knex('sessions')
      .where({ user_id: res.body.user.id })
      .whereNull('rotated_at')
      .whereNull('revoked_at');
    expect(live).toHaveLength(1);
    expect((await tabs[3]!.get('/api/v1/profile')).status).toBe(200);
    expect((await tabs[4]!.get('/api/v1/profile')).status).toBe(200);
  });

  it('when failed sign-ins and sign-in attempts are spread over both instances, then the account lockout and the per-client limit are shared', async () => {
    const signin = (app: TestApp, email: string, password: string) =>
      new ApiClient(app.baseUrl).post('/api/v1/auth/signin', { email, password });
    const reader = aSignup();
    expect((await new ApiClient(a.baseUrl).post('/api/v1/auth/signup', reader)).status).toBe(201);
    // Lockout (3 per account): A, B, A fail; the 4th, on B, with the right password, is locked.
    const lockout = [
      (await signin(a, reader.email, 'Wrong4ever!')).status,
      (await signin(b, reader.email, 'Wrong4ever!')).status,
      (await signin(a, reader.email, 'Wrong4ever!')).status,
      (await signin(b, reader.email, reader.password)).status,
    ];
    expect(lockout).toEqual([401, 401, 401, 429]);
    // Per client (8 a minute), 4 used above: 4 more spread over both instances, then 429 on each.
    const perClient: number[] = [];
    for (let i = 0; i < 4; i += 1)
      perClient.push((await signin(i % 2 ? b : a, `c${i}@example.org`, 'Wrong4ever!')).status);
    perClient.push((await signin(a, 'c8@example.org', 'Wrong4ever!')).status);
    perClient.push((await signin(b, 'c9@example.org', 'Wrong4ever!')).status);
    expect(perClient).toEqual([401, 401, 401, 401, 429, 429]);
  });
});
