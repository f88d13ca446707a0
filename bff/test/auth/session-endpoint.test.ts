import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { ApiClient, aSignup } from '../support/client.js';

const SESSION = '/api/v1/auth/session';
const ANONYMOUS = { user: null, expires_in: null, refreshable: false };

describe.each(['postgres', 'pglite'] as const)('GET /auth/session on %s', (kind) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ kind });
  });
  afterAll(() => app.close());

  async function signedIn() {
    const client = new ApiClient(app.baseUrl);
    const res = await client.post<Record<string, any>>('/api/v1/auth/signup', aSignup());
    expect(res.status).toBe(201);
    return { client, user: res.body.user as Record<string, unknown> };
  }

  it('when nobody is signed in, then it is 200 with user null, not refreshable, and not cached', async () => {
    const res = await new ApiClient(app.baseUrl).get(SESSION);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(ANONYMOUS);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.setCookies).toEqual([]);
  });

  it('when the reader is signed in, then it returns the user sign-up returned and the access time left', async () => {
    const { client, user } = await signedIn();
    const res = await client.get<Record<string, any>>(SESSION);
    expect(res.status).toBe(200);
    expect(res.body.user).toEqual(user);
    expect(res.body.expires_in).toBeGreaterThan(890);
    expect(res.body.expires_in).toBeLessThanOrEqual(900);
    expect(res.body.refreshable).toBe(false);
  });

  it('when only the refresh cookie is left (access expired), then it says refreshable and refresh does succeed', async () => {
    const { client } = await signedIn();
    client.jar.delete('ta_access');
    const res = await client.get(SESSION);
    expect(res.body).toEqual({ user: null, expires_in: null, refreshable: true });
    expect((await client.post('/api/v1/auth/refresh')).status).toBe(200);
    expect((await client.get<Record<string, any>>(SESSION)).body.user).not.toBeNull();
  });

  it('when the access cookie is garbage and there is no refresh cookie, then it is still 200 anonymous (no 401)', async () => {
    const client = new ApiClient(app.baseUrl);
    client.jar.set('ta_access', { name: 'ta_access', value: 'not-a-jwt', attributes: { path: '/api/v1' } });
    const res = await client.get(SESSION);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(ANONYMOUS);
    // The dead cookie is cleared, so the next call (a question) is plainly anonymous, not a 401.
    expect(res.setCookies.map((c) => c.name).sort()).toEqual(['ta_access', 'ta_refresh']);
    expect(client.jar.size).toBe(0);
  });

  it('when the refresh cookie is forged, then it is not refreshable', async () => {
    const client = new ApiClient(app.baseUrl);
    client.jar.set('ta_refresh', {
      name: 'ta_refresh',
      value: 'A'.repeat(43),
      attributes: { path: '/api/v1/auth' },
    });
    expect((await client.get(SESSION)).body).toEqual(ANONYMOUS);
  });

  it('when the reader signed out (with the old cookies replayed), then it is anonymous and not refreshable', async () => {
    const { client } = await signedIn();
    const stale = new ApiClient(app.baseUrl);
    for (const [k, v] of client.jar) stale.jar.set(k, { ...v });
    expect((await client.post('/api/v1/auth/signout')).status).toBe(204);
    expect((await client.get(SESSION)).body).toEqual(ANONYMOUS);
    expect((await stale.get(SESSION)).body).toEqual(ANONYMOUS);
  });

  it('when the refresh token was rotated, then the old one is refreshable only inside the grace window', async () => {
    const { client } = await signedIn();
    const old = client.cookie('ta_refresh')!;
    expect((await client.post('/api/v1/auth/refresh')).status).toBe(200);
    const tab = new ApiClient(app.baseUrl);
    tab.jar.set('ta_refresh', { name: 'ta_refresh', value: old, attributes: { path: '/api/v1/auth' } });
    expect((await tab.get(SESSION)).body).toMatchObject({ refreshable: true });
    await app.deps.db
      .knex('sessions')
      .whereNotNull('rotated_at')
      .update({ rotated_at: app.deps.db.knex.raw("now() - interval '1 minute'") });
    expect((await tab.get(SESSION)).body).toEqual(ANONYMOUS);
  });

  it('when the account is disabled, then its session is neither shown nor refreshable', async () => {
    const { client, user } = await signedIn();
    await app.deps.db.knex('users').where({ id: user.id }).update({ is_active: false });
    expect((await client.get(SESSION)).body).toEqual(ANONYMOUS);
  });
});
