import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { ApiClient } from '../support/client.js';
import { aReader, anotherBrowser, FAST_ENV, startTwoFactor } from './helpers.js';

const FIREFOX = 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0';
const SAFARI =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';

describe('sessions and account', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ env: FAST_ENV });
  });
  afterAll(() => app.close());

  const sessionsOf = async (client: ApiClient) =>
    (await client.get<Record<string, any>>('/api/v1/account/sessions')).body.sessions as Record<
      string,
      any
    >[];

  it('when a reader is signed in twice, then both sessions are listed with device, ip and the current one marked', async () => {
    const { client, email, password } = await aReader(app, {}, FIREFOX);
    const phone = await anotherBrowser(app, email, password, SAFARI);
    await phone.post('/api/v1/auth/refresh', undefined, { 'User-Agent': SAFARI }); // a rotation stays one session
    const list = await sessionsOf(client);
    expect(list).toHaveLength(2);
    const current = list.find((s) => s.current)!;
    expect(current.device).toBe('Firefox on Linux');
    expect(list.find((s) => !s.current)!.device).toBe('Safari on iOS');
    expect(current.ip).toBeTruthy();
    expect(Date.parse(current.created_at)).toBeLessThanOrEqual(Date.parse(current.last_used_at));
    expect(list.filter((s) => s.current)).toHaveLength(1);
  });

  it('when a reader ends another of their sessions, then that browser is signed out and this one is not', async () => {
    const { client, email, password } = await aReader(app);
    const other = await anotherBrowser(app, email, password);
    const target = (await sessionsOf(client)).find((s) => !s.current)!;
    expect((await client.request('DELETE', `/api/v1/account/sessions/${target.id}`)).status).toBe(204);
    expect((await other.get('/api/v1/profile')).status).toBe(401);
    expect((await other.post('/api/v1/auth/refresh')).status).toBe(401);
    expect((await client.get('/api/v1/profile')).status).toBe(200);
    expect(await sessionsOf(client)).toHaveLength(1);
  });

  it("when a reader tries to end someone else's session or a made-up one, then it is 404 and nothing changes", async () => {
    const alice = await aReader(app);
    const bob = await aReader(app);
    const bobs = (await sessionsOf(bob.client))[0]!;
    const res = await alice.client.request<Record<string, any>>(
      'DELETE',
      `/api/v1/account/sessions/${bobs.id}`,
    );
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
    expect((await alice.client.request('DELETE', '/api/v1/account/sessions/not-a-uuid')).status).toBe(404);
    expect((await bob.client.get('/api/v1/profile')).status).toBe(200);
  });

  it('when a reader signs out everywhere, then every session ends, this one included', async () => {
    const { client, email, password } = await aReader(app);
    const other = await anotherBrowser(app, email, password);
    const res = await client.post('/api/v1/account/signout-all');
    expect(res.status).toBe(204);
    expect(client.cookie('ta_access')).toBeUndefined();
    expect((await other.get('/api/v1/profile')).status).toBe(401);
    expect((await other.post('/api/v1/auth/refresh')).status).toBe(401);
  });

  it('when the password is changed, then other sessions end, this one stays, and the new password signs in', async () => {
    const { client, email, password } = await aReader(app);
    const other = await anotherBrowser(app, email, password);
    const next = 'Changed2@password';
    const res = await client.post('/api/v1/account/password', {
      current_password: password,
      new_password: next,
    });
    expect(res.status).toBe(204);
    expect((await client.get('/api/v1/profile')).status).toBe(200);
    expect((await other.get('/api/v1/profile')).status).toBe(401);
    expect((await new ApiClient(app.baseUrl).post('/api/v1/auth/signin', { email, password })).status).toBe(
      401,
    );
    expect(
      (await new ApiClient(app.baseUrl).post('/api/v1/auth/signin', { email, password: next })).status,
    ).toBe(200);
  });

  it('when the current password is wrong or the new one is weak, then nothing changes', async () => {
    const { client, email, password } = await aReader(app);
    const wrong = await client.post<Record<string, any>>('/api/v1/account/password', {
      current_password: 'Nope1!nope',
      new_password: 'Changed2@password',
    });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe('invalid_password');
    expect(wrong.body.error.details[0].path).toBe('current_password');
    expect((await client.get('/api/v1/profile')).status).toBe(200); // a wrong password does not sign out
    const weak = await client.post<Record<string, any>>('/api/v1/account/password', {
      current_password: password,
      new_password: 'short',
    });
    expect(weak.status).toBe(400);
    expect((await new ApiClient(app.baseUrl).post('/api/v1/auth/signin', { email, password })).status).toBe(
      200,
    );
  });

  it('when the account is deleted with its password, then its data goes and its questions stay, anonymised', async () => {
    const { client, userId, email, password } = await aReader(app);
    const { knex } = app.deps.db;
    await startTwoFactor(client, password);
    await knex('one_time_tokens').insert({
      user_id: userId,
      purpose: 'reset_password',
      token_hash: `h-${userId}`,
      expires_at: new Date(Date.now() + 60_000),
    });
    const [query] = await knex('chatbot_queries')
      .insert({
        user_id: userId,
        query: 'What is ZMP?',
        level: 'Beginner',
        mode: 'extractive',
        latency_ms: 12,
      })
      .returning('id');
    const wrong = await client.request<Record<string, any>>('DELETE', '/api/v1/account', {
      current_password: 'Wrong1!pass',
    });
    expect(wrong.status).toBe(401);
    const res = await client.request('DELETE', '/api/v1/account', { current_password: password });
    expect(res.status).toBe(204);
    expect(client.cookie('ta_access')).toBeUndefined();
    for (const table of ['user_profiles', 'sessions', 'one_time_tokens', 'two_factor', 'recovery_codes']) {
      expect(await knex(table).where({ user_id: userId }), table).toHaveLength(0);
    }
    expect(await knex('users').where({ id: userId })).toHaveLength(0);
    const kept = await knex('chatbot_queries').where({ id: query.id }).first();
    expect(kept.user_id).toBeNull();
    expect((await new ApiClient(app.baseUrl).post('/api/v1/auth/signin', { email, password })).status).toBe(
      401,
    );
  });

  it('when account routes are called anonymously, then they are 401', async () => {
    const anon = new ApiClient(app.baseUrl);
    expect((await anon.get('/api/v1/account')).status).toBe(401);
    expect((await anon.get('/api/v1/account/sessions')).status).toBe(401);
    expect((await anon.post('/api/v1/account/signout-all')).status).toBe(401);
    expect((await anon.request('DELETE', '/api/v1/account', { current_password: 'x' })).status).toBe(401);
  });

  it('when GET /account is called, then it shows verification, role and 2FA state', async () => {
    const { client, email } = await aReader(app);
    const res = await client.get<Record<string, any>>('/api/v1/account');
    expect(res.body).toMatchObject({ email, email_verified: false, role: 'user', two_factor_enabled: false });
  });

  it('when the OpenAPI document is read, then the account-extras operations are in it', async () => {
    const doc = (await new ApiClient(app.baseUrl).get<Record<string, any>>('/api/v1/openapi.json')).body;
    for (const path of [
      '/api/v1/account/sessions/{id}',
      '/api/v1/auth/forgot-password',
      '/api/v1/auth/signin/2fa',
      '/api/v1/admin/analytics',
      '/api/v1/query/{id}/feedback',
    ]) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
    expect(doc.paths['/api/v1/account'].delete.requestBody).toBeTruthy();
  });
});
