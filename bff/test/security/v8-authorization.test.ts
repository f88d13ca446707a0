import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { ApiClient, aSignup } from '../support/client.js';
import { expectErrorShape, forge, signedUp, withAccess, type Reader } from './helpers.js';

// ASVS 5.0 V8 (authorization) and V15.3 (mass assignment, prototype pollution): a reader reaches
// only their own data, bodies cannot carry privileged fields, and hostile keys are harmless.

const PRIVILEGED = [
  'role',
  'email_verified',
  'id',
  'user_id',
  'is_active',
  'hashed_password',
  'created_at',
  'email',
];
const POLLUTERS = [
  '{"__proto__":{"polluted":"yes"}}',
  '{"constructor":{"prototype":{"polluted":"yes"}}}',
  '{"__proto__":{"polluted":"yes"},"software_experience":"Advanced"}',
  '{"interests":{"__proto__":{"polluted":"yes"},"length":1,"0":"x"}}',
  '{"interests":["x"],"__proto__":{"role":"admin","polluted":"yes"}}',
];

describe('V8 authorization and V15.3 defensive input handling', () => {
  let app: TestApp;
  let alice: Reader;
  let bob: Reader;
  const bobRow = async () => ({
    user: await app.deps.db.knex('users').where({ id: bob.userId }).first(),
    profile: await app.deps.db.knex('user_profiles').where({ user_id: bob.userId }).first(),
  });

  beforeAll(async () => {
    app = await startTestApp({ env: { BCRYPT_COST: '10' } });
    alice = await signedUp(app);
    bob = await signedUp(app, { software_experience: 'Intermediate', interests: ['bob-only'] });
  });
  afterAll(() => app.close());

  it('8.2.2 when a reader names another reader’s id in a path, query or body, then they still only see and change their own data', async () => {
    const before = await bobRow();
    expect((await alice.client.get(`/api/v1/profile/${bob.userId}`)).status).toBe(404);
    const viaQuery = await alice.client.get<Record<string, any>>(
      `/api/v1/profile?user_id=${bob.userId}&id=${bob.userId}`,
    );
    expect(viaQuery.body.id).toBe(alice.userId);
    for (const field of ['id', 'user_id']) {
      const res = await alice.client.put('/api/v1/profile', { [field]: bob.userId, interests: ['hijack'] });
      expect(res.status, field).toBe(400);
    }
    expect((await alice.client.put(`/api/v1/profile/${bob.userId}`, { interests: ['hijack'] })).status).toBe(
      404,
    );
    expect(await bobRow()).toEqual(before);
    expect(JSON.stringify(await bob.client.get('/api/v1/profile'))).not.toContain(alice.body.email);
  });

  it('8.2.2 when an access token pairs one reader’s id with another reader’s session, then it is 401', async () => {
    const crossed = await forge(app.config.secret, bob.userId, alice.sessionId);
    expect((await withAccess(app.baseUrl, crossed).get('/api/v1/profile')).status).toBe(401);
    const crossedBack = await forge(app.config.secret, alice.userId, bob.sessionId);
    expect(
      (await withAccess(app.baseUrl, crossedBack).put('/api/v1/profile', { interests: ['x'] })).status,
    ).toBe(401);
  });

  it('15.3.3 when a privileged or unknown field is in any body, then it is refused and nothing is written', async () => {
    const before = await bobRow();
    for (const field of [...PRIVILEGED, 'isAdmin', 'profile']) {
      const value =
        field === 'role' ? 'admin' : field === 'email_verified' || field === 'is_active' ? true : 'x';
      const signupBody = aSignup({ [field]: value });
      const signup = await new ApiClient(app.baseUrl).post('/api/v1/auth/signup', signupBody);
      if (field === 'email') {
        expect(signup.status).toBe(400); // not an email
      } else {
        expect(signup.status, `signup ${field}`).toBe(400);
        expect(await app.deps.db.knex('users').where({ email: signupBody.email })).toHaveLength(0);
      }
      const signin = await new ApiClient(app.baseUrl).post('/api/v1/auth/signin', {
        email: bob.body.email,
        password: bob.body.password,
        [field === 'email' ? 'username' : field]: value,
      });
      expect(signin.status, `signin ${field}`).toBe(400);
      const put = await bob.client.put('/api/v1/profile', { interests: ['changed'], [field]: value });
      expect(put.status, `profile ${field}`).toBe(400);
      expectErrorShape(put);
    }
    expect(await bobRow()).toEqual(before);
    expect(before.user.role).toBe('user');
    expect(before.user.email_verified).toBe(false);
  });

  it('15.3.3 when sign-out and refresh get a body with privileged fields, then the body is ignored and grants nothing', async () => {
    const { client, userId } = await signedUp(app);
    expect((await client.post('/api/v1/auth/refresh', { role: 'admin', user_id: bob.userId })).status).toBe(
      200,
    );
    expect((await client.post('/api/v1/auth/signout', { role: 'admin', email_verified: true })).status).toBe(
      204,
    );
    const row = await app.deps.db.knex('users').where({ id: userId }).first();
    expect([row.role, row.email_verified]).toEqual(['user', false]);
    expect((await bob.client.get('/api/v1/profile')).status).toBe(200);
  });

  it('15.3.1 when a user is returned, then only the documented fields are, never role, hash or flags', async () => {
    const res = await alice.client.get<Record<string, any>>('/api/v1/profile');
    expect(Object.keys(res.body).sort()).toEqual(['created_at', 'email', 'id', 'last_login_at', 'profile']);
    expect(JSON.stringify(res.body)).not.toMatch(/hashed_password|role|email_verified|is_active|\$2[aby]\$/);
  });

  it('15.3.6 when bodies carry __proto__ or constructor.prototype keys, then nothing is polluted, nothing changes and the server keeps working', async () => {
    const before = await bobRow();
    const routes: [string, string][] = [
      ['PUT', '/api/v1/profile'],
      ['POST', '/api/v1/auth/signup'],
      ['POST', '/api/v1/auth/signin'],
      ['POST', '/api/v1/auth/refresh'],
      ['POST', '/api/v1/auth/signout'],
    ];
    for (const raw of POLLUTERS) {
      for (const [method, path] of routes) {
        if (path.endsWith('signout')) continue; // would end Bob's session; checked below with a copy
        const res = await bob.client.request(method, path, raw);
        expect(res.status, `${path} ${raw}`).toBeLessThan(500);
        if (path.endsWith('profile') || path.endsWith('signup') || path.endsWith('signin')) {
          expect(res.status, `${path} ${raw}`).toBe(400);
        }
      }
      // An otherwise valid signup body with the hostile keys last (JSON.parse keeps the last duplicate).
      const valid = JSON.stringify(aSignup()).replace(/\}$/, `,${raw.slice(1)}`);
      expect((await new ApiClient(app.baseUrl).post('/api/v1/auth/signup', valid)).status).toBe(400);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((Object.prototype as Record<string, unknown>).role).toBeUndefined();
    expect(await bobRow()).toMatchObject({
      user: { role: 'user' },
      profile: { interests: before.profile.interests },
    });
    const again = await bob.client.get<Record<string, any>>('/api/v1/profile');
    expect(again.status).toBe(200);
    expect(again.body.profile.interests).toEqual(['bob-only']);
    const fresh = await new ApiClient(app.baseUrl).post('/api/v1/auth/signup', aSignup());
    expect(fresh.status).toBe(201);
  });
});
