import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { ApiClient, aSignup } from '../support/client.js';

describe.each(['postgres', 'pglite'] as const)('accounts on %s', (kind) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ kind });
  });
  afterAll(() => app.close());

  it('when a reader signs up, then they get 201, their profile and httpOnly cookies, never a token in the body', async () => {
    const client = new ApiClient(app.baseUrl);
    const body = aSignup({ email: 'Mixed.Case@Example.org', interests: ['ROS 2', 'humanoids', 'ros 2'] });
    const res = await client.post<Record<string, any>>('/api/v1/auth/signup', body);
    expect(res.status).toBe(201);
    expect(res.body.user).toMatchObject({
      email: 'mixed.case@example.org',
      profile: {
        software_experience: 'Beginner',
        hardware_experience: 'None',
        interests: ['ROS 2', 'humanoids'],
      },
    });
    expect(res.body.expires_in).toBe(900);
    expect(res.body.user.last_login_at).not.toBeNull();
    const names = res.setCookies.map((c) => c.name).sort();
    expect(names).toEqual(['ta_access', 'ta_refresh']);
    for (const c of res.setCookies) {
      expect(c.attributes.httponly).toBe(true);
      expect(c.attributes.samesite).toBe('lax');
      expect(JSON.stringify(res.body)).not.toContain(c.value);
    }
    expect(JSON.stringify(res.body)).not.toMatch(/hashed_password|\$2[aby]\$/);
  });

  it('when the seed plan journey runs (signup, signin, get profile, update profile), then each step works', async () => {
    const signup = aSignup({ software_experience: 'Intermediate', hardware_experience: 'Basic' });
    await new ApiClient(app.baseUrl).post('/api/v1/auth/signup', signup);
    const client = new ApiClient(app.baseUrl);
    const signin = await client.post<Record<string, any>>('/api/v1/auth/signin', {
      email: signup.email.toUpperCase(),
      password: signup.password,
    });
    expect(signin.status).toBe(200);
    const profile = await client.get<Record<string, any>>('/api/v1/profile');
    expect(profile.status).toBe(200);
    expect(profile.body).toMatchObject({
      email: signup.email,
      profile: {
        software_experience: 'Intermediate',
        hardware_experience: 'Basic',
        interests: ['humanoids'],
      },
    });
    expect(Object.keys(profile.body).sort()).toEqual([
      'created_at',
      'email',
      'id',
      'last_login_at',
      'profile',
    ]);
    const updated = await client.put<Record<string, any>>('/api/v1/profile', {
      software_experience: 'Advanced',
      interests: ['bipedal locomotion', 'VLA models'],
    });
    expect(updated.status).toBe(200);
    expect(updated.body.profile).toMatchObject({
      software_experience: 'Advanced',
      hardware_experience: 'Basic',
      interests: ['bipedal locomotion', 'VLA models'],
    });
    expect(new Date(updated.body.profile.updated_at).getTime()).toBeGreaterThan(
      new Date(updated.body.profile.created_at).getTime(),
    );
    const again = await client.get<Record<string, any>>('/api/v1/profile');
    expect(again.body.profile.software_experience).toBe('Advanced');
  });

  it('when the email is already registered (in any case), then signup is 400 email_taken on the email field', async () => {
    const body = aSignup();
    expect((await new ApiClient(app.baseUrl).post('/api/v1/auth/signup', body)).status).toBe(201);
    const res = await new ApiClient(app.baseUrl).post<Record<string, any>>('/api/v1/auth/signup', {
      ...body,
      email: body.email.toUpperCase(),
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('email_taken');
    expect(res.body.error.details).toEqual([{ path: 'email', message: 'This email is already registered.' }]);
  });

  it('when eight signups race for one email, then exactly one account exists', async () => {
    const body = aSignup();
    const results = await Promise.all(
      Array.from({ length: 8 }, () => new ApiClient(app.baseUrl).post('/api/v1/auth/signup', body)),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status === 400)).toHaveLength(7);
    const rows = await app.deps.db.knex('users').whereRaw('lower(email) = ?', [body.email]);
    expect(rows).toHaveLength(1);
    const profiles = await app.deps.db.knex('user_profiles').where('user_id', rows[0].id);
    expect(profiles).toHaveLength(1);
  });

  it('when the password is wrong or the email unknown, then both are the same 401', async () => {
    const body = aSignup();
    await new ApiClient(app.baseUrl).post('/api/v1/auth/signup', body);
    const wrong = await new ApiClient(app.baseUrl).post<Record<string, any>>('/api/v1/auth/signin', {
      email: body.email,
      password: 'Wrong4ever!',
    });
    const unknown = await new ApiClient(app.baseUrl).post<Record<string, any>>('/api/v1/auth/signin', {
      email: `nobody-${Date.now()}@example.org`,
      password: body.password,
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.headers.get('www-authenticate')).toBeTruthy();
    expect(wrong.setCookies).toHaveLength(0);
  });

  it('when a password is longer than 72 bytes, then signup refuses it instead of truncating', async () => {
    const long = `Aa1!${'x'.repeat(69)}`; // 73 bytes
    const res = await new ApiClient(app.baseUrl).post<Record<string, any>>(
      '/api/v1/auth/signup',
      aSignup({ password: long }),
    );
    expect(res.status).toBe(400);
    expect(res.body.error.details).toContainEqual({ path: 'password', message: 'at most 72 bytes' });
  });

  it('when the account has a 72-byte password, then a longer one with the same first 72 bytes does not sign in', async () => {
    const exact = `Aa1!${'y'.repeat(68)}`; // 72 bytes
    const body = aSignup({ password: exact });
    expect((await new ApiClient(app.baseUrl).post('/api/v1/auth/signup', body)).status).toBe(201);
    const longer = await new ApiClient(app.baseUrl).post('/api/v1/auth/signin', {
      email: body.email,
      password: `${exact}extra`,
    });
    expect(longer.status).toBe(401);
    const ok = await new ApiClient(app.baseUrl).post('/api/v1/auth/signin', {
      email: body.email,
      password: exact,
    });
    expect(ok.status).toBe(200);
  });

  it('when an account is deactivated, then sign-in is 403 and its live session stops working at once', async () => {
    const body = aSignup();
    const client = new ApiClient(app.baseUrl);
    await client.post('/api/v1/auth/signup', body);
    await app.deps.db.knex('users').where('email', body.email).update({ is_active: false });
    expect((await client.get('/api/v1/profile')).status).toBe(401);
    const res = await new ApiClient(app.baseUrl).post<Record<string, any>>('/api/v1/auth/signin', {
      email: body.email,
      password: body.password,
    });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('account_disabled');
  });

  it('when there is no access cookie, then the profile is 401 with WWW-Authenticate', async () => {
    const res = await new ApiClient(app.baseUrl).get<Record<string, any>>('/api/v1/profile');
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('unauthenticated');
    expect(res.headers.get('www-authenticate')).toContain('Cookie');
  });
});
