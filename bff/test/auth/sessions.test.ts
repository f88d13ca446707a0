import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { ApiClient, aSignup } from '../support/client.js';
import { createTokenService } from '../../src/auth/tokens.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function signedIn(app: TestApp) {
  const client = new ApiClient(app.baseUrl);
  const res = await client.post<Record<string, any>>('/api/v1/auth/signup', aSignup());
  expect(res.status).toBe(201);
  return { client, userId: res.body.user.id as string };
}

/** Another tab of the same browser: shares nothing but the cookies we copy into it. */
function copyOf(client: ApiClient, baseUrl: string) {
  const other = new ApiClient(baseUrl);
  for (const [k, v] of client.jar) other.jar.set(k, { ...v });
  return other;
}

describe('sessions: refresh rotation, reuse, sign-out, expiry', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('when the refresh cookie is used, then both cookies rotate and the new ones work', async () => {
    const { client } = await signedIn(app);
    const before = { access: client.cookie('ta_access'), refresh: client.cookie('ta_refresh') };
    await sleep(1100); // a new iat, so the new access token differs
    const res = await client.post('/api/v1/auth/refresh');
    expect(res.status).toBe(200);
    expect(client.cookie('ta_refresh')).not.toBe(before.refresh);
    expect(client.cookie('ta_access')).not.toBe(before.access);
    expect(JSON.stringify(res.body)).not.toContain(client.cookie('ta_refresh')!);
    expect((await client.get('/api/v1/profile')).status).toBe(200);
    const stored = await app.deps.db.knex('sessions').select('refresh_hash');
    expect(stored.map((r) => r.refresh_hash)).not.toContain(client.cookie('ta_refresh'));
  });

  it('when two tabs refresh with the same token at once, then both stay signed in with the same successor', async () => {
    const { client } = await signedIn(app);
    const tab2 = copyOf(client, app.baseUrl);
    const [a, b] = await Promise.all([
      client.post('/api/v1/auth/refresh'),
      tab2.post('/api/v1/auth/refresh'),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(client.cookie('ta_refresh')).toBe(tab2.cookie('ta_refresh'));
    expect((await client.get('/api/v1/profile')).status).toBe(200);
    expect((await tab2.get('/api/v1/profile')).status).toBe(200);
  });

  it('when 20 refreshes race with one token, then no one is signed out and one live token remains', async () => {
    const { client, userId } = await signedIn(app);
    const tabs = Array.from({ length: 20 }, () => copyOf(client, app.baseUrl));
    const results = await Promise.all(tabs.map((t) => t.post('/api/v1/auth/refresh')));
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(200));
    expect(new Set(tabs.map((t) => t.cookie('ta_refresh'))).size).toBe(1);
    const live = await app.deps.db
      .knex('sessions')
      .where({ user_id: userId })
      .whereNull('rotated_at')
      .whereNull('revoked_at');
    expect(live).toHaveLength(1);
    expect((await tabs[7]!.post('/api/v1/auth/refresh')).status).toBe(200);
  });

  it('when the refresh cookie is missing or forged, then refresh is 401 and the cookies are cleared', async () => {
    const anon = await new ApiClient(app.baseUrl).post<Record<string, any>>('/api/v1/auth/refresh');
    expect(anon.status).toBe(401);
    const forged = new ApiClient(app.baseUrl);
    forged.jar.set('ta_refresh', {
      name: 'ta_refresh',
      value: 'A'.repeat(43),
      attributes: { path: '/api/v1/auth' },
    });
    const res = await forged.post('/api/v1/auth/refresh');
    expect(res.status).toBe(401);
    expect(res.setCookies.find((c) => c.name === 'ta_refresh')?.value).toBe('');
  });

  it('when a reader signs out, then the session is revoked at once: the old access and refresh tokens fail', async () => {
    const { client } = await signedIn(app);
    const kept = copyOf(client, app.baseUrl);
    const res = await client.post('/api/v1/auth/signout');
    expect(res.status).toBe(204);
    expect(client.cookie('ta_access')).toBeUndefined();
    expect((await kept.get('/api/v1/profile')).status).toBe(401);
    expect((await kept.post('/api/v1/auth/refresh')).status).toBe(401);
  });

  it('when the access token has expired, then the profile is 401 and a refresh brings the reader back', async () => {
    const { client, userId } = await signedIn(app);
    const sessionId = (await app.deps.db.knex('sessions').where({ user_id: userId }).first()).family_id;
    const shortLived = createTokenService(app.config.secret, 1);
    const expired = await shortLived.signAccess({ userId, sessionId });
    await sleep(2100);
    client.jar.set('ta_access', { name: 'ta_access', value: expired, attributes: { path: '/api/v1' } });
    const res = await client.get<Record<string, any>>('/api/v1/profile');
    expect(res.status).toBe(401);
    expect((await client.post('/api/v1/auth/refresh')).status).toBe(200);
    expect((await client.get('/api/v1/profile')).status).toBe(200);
  });

  it('when a token is signed with another secret or tampered, then it is 401, never a 5xx', async () => {
    const { client, userId } = await signedIn(app);
    const sessionId = (await app.deps.db.knex('sessions').where({ user_id: userId }).first()).family_id;
    const foreign = await createTokenService('another-secret-of-at-least-32-bytes!!', 900).signAccess({
      userId,
      sessionId,
    });
    const real = client.cookie('ta_access')!;
    const [h, p, s] = real.split('.');
    const tampered = `${h}.${Buffer.from(JSON.stringify({ sub: userId, sid: sessionId, type: 'access', exp: 9999999999 })).toString('base64url')}.${s}`;
    const none = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${p}.`;
    for (const token of [foreign, tampered, none, 'garbage', `${real}x`]) {
      const probe = new ApiClient(app.baseUrl);
      probe.jar.set('ta_access', { name: 'ta_access', value: token, attributes: { path: '/api/v1' } });
      expect((await probe.get('/api/v1/profile')).status).toBe(401);
    }
  });

  it("when the refresh cookie is set, then its expiry is the session's, not extended by rotation", async () => {
    const { client } = await signedIn(app);
    const first = client.jar.get('ta_refresh')!.attributes.expires as string;
    await sleep(1100);
    const res = await client.post('/api/v1/auth/refresh');
    const rotated = res.setCookies.find((c) => c.name === 'ta_refresh')!.attributes.expires as string;
    expect(new Date(rotated).getTime()).toBe(new Date(first).getTime());
    const days = (new Date(first).getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.9);
    expect(days).toBeLessThanOrEqual(7);
  });
});

describe('sessions: reuse of a rotated refresh token', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ env: { REFRESH_REUSE_GRACE_SECONDS: '2' } });
  });
  afterAll(() => app.close());

  it('when a rotated token is replayed after the grace window, then the whole family and its access tokens are revoked', async () => {
    const { client } = await signedIn(app);
    const stolen = copyOf(client, app.baseUrl);
    expect((await client.post('/api/v1/auth/refresh')).status).toBe(200);
    await sleep(2500);
    const replay = await stolen.post<Record<string, any>>('/api/v1/auth/refresh');
    expect(replay.status).toBe(401);
    expect(replay.body.error.code).toBe('invalid_refresh_token');
    // The legitimate holder's newer tokens die with the family.
    expect((await client.get('/api/v1/profile')).status).toBe(401);
    expect((await client.post('/api/v1/auth/refresh')).status).toBe(401);
  });
});
