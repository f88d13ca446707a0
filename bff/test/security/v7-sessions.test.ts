import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { ApiClient, aSignup } from '../support/client.js';
import { signedUp } from './helpers.js';

// ASVS 5.0 V7 (session management) for the refresh-token families. The 20-parallel-refreshes race
// and the basic replay-after-grace case live in test/auth/sessions.test.ts; this file pins what
// they leave open: the reach of a revocation, the absolute lifetime, and the token material.

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function copyOf(client: ApiClient, baseUrl: string) {
  const other = new ApiClient(baseUrl);
  for (const [k, v] of client.jar) other.jar.set(k, { ...v });
  return other;
}

describe('V7 sessions: refresh families', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({
      env: { BCRYPT_COST: '10', REFRESH_REUSE_GRACE_SECONDS: '1', REFRESH_TOKEN_EXPIRE_DAYS: '2' },
    });
  });
  afterAll(() => app.close());

  it('7.4.1 when a rotated refresh token is replayed after the grace window, then every row and access token of that family dies, and only that family', async () => {
    const { client, body, userId, sessionId } = await signedUp(app);
    const laptop = new ApiClient(app.baseUrl);
    expect(
      (await laptop.post('/api/v1/auth/signin', { email: body.email, password: body.password })).status,
    ).toBe(200);
    const stolen = copyOf(client, app.baseUrl);
    for (let i = 0; i < 3; i += 1) expect((await client.post('/api/v1/auth/refresh')).status).toBe(200);
    await sleep(1500);
    expect((await stolen.post('/api/v1/auth/refresh')).status).toBe(401);
    const family = await app.deps.db.knex('sessions').where({ family_id: sessionId });
    expect(family.length).toBe(4);
    expect(family.every((row) => row.revoked_at !== null)).toBe(true);
    expect((await client.get('/api/v1/profile')).status).toBe(401);
    expect((await stolen.get('/api/v1/profile')).status).toBe(401);
    // The reader's other device is another family and stays signed in.
    expect((await laptop.get('/api/v1/profile')).status).toBe(200);
    expect((await laptop.post('/api/v1/auth/refresh')).status).toBe(200);
    const live = await app.deps.db.knex('sessions').where({ user_id: userId }).whereNull('revoked_at');
    expect(live.every((row) => row.family_id !== sessionId)).toBe(true);
  });

  it('7.3.2 when a session is refreshed many times, then it never outlives REFRESH_TOKEN_EXPIRE_DAYS from sign-in', async () => {
    const signedInAt = Date.now();
    const { client, sessionId } = await signedUp(app);
    const first = (await app.deps.db.knex('sessions').where({ family_id: sessionId }).first())
      .expires_at as Date;
    expect(first.getTime() - signedInAt).toBeLessThanOrEqual(2 * 86_400_000 + 5_000);
    expect(first.getTime() - signedInAt).toBeGreaterThan(2 * 86_400_000 - 60_000);
    for (let i = 0; i < 12; i += 1) {
      const res = await client.post('/api/v1/auth/refresh');
      expect(res.status).toBe(200);
      const cookie = res.setCookies.find((c) => c.name === 'ta_refresh')!;
      expect(
        Math.abs(new Date(cookie.attributes.expires as string).getTime() - first.getTime()),
      ).toBeLessThan(1000);
    }
    const rows = await app.deps.db.knex('sessions').where({ family_id: sessionId });
    expect(rows).toHaveLength(13);
    for (const row of rows) expect((row.expires_at as Date).getTime()).toBe(first.getTime());
  });

  it('7.3.2 when the absolute lifetime has passed, then refresh and the still-unexpired access token both fail', async () => {
    const { client, sessionId } = await signedUp(app);
    expect((await client.post('/api/v1/auth/refresh')).status).toBe(200);
    // Two days later: move the family's end into the past instead of waiting.
    await app.deps.db
      .knex('sessions')
      .where({ family_id: sessionId })
      .update({ expires_at: new Date(Date.now() - 1000) });
    expect((await client.get('/api/v1/profile')).status).toBe(401);
    const res = await client.post('/api/v1/auth/refresh');
    expect(res.status).toBe(401);
    expect(res.setCookies.every((c) => c.value === '')).toBe(true);
  });

  it('7.2.3 when refresh tokens are issued, then they are unique, 256-bit random and stored only as SHA-256 hashes', async () => {
    const tokens = new Set<string>();
    for (let i = 0; i < 5; i += 1) {
      const client = new ApiClient(app.baseUrl);
      await client.post('/api/v1/auth/signup', aSignup());
      await client.post('/api/v1/auth/refresh');
      tokens.add(client.cookie('ta_refresh')!);
    }
    expect(tokens.size).toBe(5);
    for (const t of tokens) expect(Buffer.from(t, 'base64url').length).toBeGreaterThanOrEqual(32);
    const stored = (await app.deps.db.knex('sessions').select('refresh_hash')).map(
      (r) => r.refresh_hash as string,
    );
    for (const t of tokens) expect(stored).not.toContain(t);
    expect(stored.every((h) => /^[0-9a-f]{64}$/.test(h))).toBe(true);
  });

  it('7.2.4 when a reader signs in again, then a new session is issued and the earlier one can be ended on its own', async () => {
    const { client, body } = await signedUp(app);
    const again = new ApiClient(app.baseUrl);
    await again.post('/api/v1/auth/signin', { email: body.email, password: body.password });
    expect(again.cookie('ta_refresh')).not.toBe(client.cookie('ta_refresh'));
    expect((await client.post('/api/v1/auth/signout')).status).toBe(204);
    expect((await again.get('/api/v1/profile')).status).toBe(200);
  });

  it('7.4.1 when a reader signs out with only the refresh cookie (access expired), then the session still ends', async () => {
    const { client } = await signedUp(app);
    const refreshOnly = new ApiClient(app.baseUrl);
    refreshOnly.jar.set('ta_refresh', { ...client.jar.get('ta_refresh')! });
    expect((await refreshOnly.post('/api/v1/auth/signout')).status).toBe(204);
    expect((await client.get('/api/v1/profile')).status).toBe(401);
    expect((await client.post('/api/v1/auth/refresh')).status).toBe(401);
  });
});
