import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { createTestDatabase, type TestDatabase } from '../support/databases.js';
import { ApiClient, aSignup, type CookieRecord } from '../support/client.js';

// ASVS 5.0 V3.3 (cookie setup) and V16 (no secrets in logs), for every response that sets an
// auth cookie: sign-up, sign-in, refresh, sign-out and a failed refresh.

const PATHS: Record<string, string> = { ta_access: '/api/v1', ta_refresh: '/api/v1/auth' };
const HTTPS = { 'X-Forwarded-Proto': 'https' };

async function everyCookieSetting(app: TestApp, headers: Record<string, string> = {}) {
  const client = new ApiClient(app.baseUrl);
  const body = aSignup();
  const seen: { step: string; cookies: CookieRecord[]; body: unknown }[] = [];
  const step = async (name: string, path: string, payload?: unknown) => {
    const res = await client.post(path, payload, headers);
    seen.push({ step: name, cookies: res.setCookies, body: res.body });
    return res;
  };
  expect((await step('signup', '/api/v1/auth/signup', body)).status).toBe(201);
  expect(
    (await step('signin', '/api/v1/auth/signin', { email: body.email, password: body.password })).status,
  ).toBe(200);
  expect((await step('refresh', '/api/v1/auth/refresh')).status).toBe(200);
  const tokens = [client.cookie('ta_access')!, client.cookie('ta_refresh')!];
  expect((await step('signout', '/api/v1/auth/signout')).status).toBe(204);
  const stale = new ApiClient(app.baseUrl);
  stale.jar.set('ta_refresh', { name: 'ta_refresh', value: 'stale', attributes: { path: '/api/v1/auth' } });
  const failed = await stale.post('/api/v1/auth/refresh', undefined, headers);
  expect(failed.status).toBe(401);
  seen.push({ step: 'failed refresh', cookies: failed.setCookies, body: failed.body });
  return { seen, tokens };
}

describe('V3.3 cookie setup', () => {
  let database: TestDatabase;
  const apps: TestApp[] = [];
  const start = async (env: Record<string, string>) => {
    const app = await startTestApp({ database, env: { BCRYPT_COST: '10', ...env } });
    apps.push(app);
    return app;
  };
  beforeAll(async () => {
    database = await createTestDatabase('postgres');
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
    await database.drop();
  });

  it('3.3.4 when any auth cookie is set or cleared, then it is HttpOnly, on its own Path, SameSite=Lax, not Secure over plain http (auto)', async () => {
    const app = await start({});
    const { seen } = await everyCookieSetting(app);
    for (const { step, cookies } of seen) {
      expect(cookies.map((c) => c.name).sort(), step).toEqual(['ta_access', 'ta_refresh']);
      for (const c of cookies) {
        expect(c.attributes.httponly, `${step} ${c.name}`).toBe(true);
        expect(c.attributes.path, `${step} ${c.name}`).toBe(PATHS[c.name]);
        expect(c.attributes.samesite, `${step} ${c.name}`).toBe('lax');
        expect(c.attributes.secure, `${step} ${c.name}`).toBeUndefined();
        expect(c.attributes.domain, `${step} ${c.name}`).toBeUndefined();
        expect(c.attributes.partitioned).toBeUndefined();
      }
    }
  });

  it('3.3.4 when cookies are issued, then the access cookie lives ACCESS_TOKEN_EXPIRE_MINUTES and the refresh cookie until the session ends; cleared ones expire at once', async () => {
    const app = await start({ ACCESS_TOKEN_EXPIRE_MINUTES: '5', REFRESH_TOKEN_EXPIRE_DAYS: '3' });
    const { seen } = await everyCookieSetting(app);
    for (const { step, cookies } of seen) {
      const access = cookies.find((c) => c.name === 'ta_access')!;
      const refresh = cookies.find((c) => c.name === 'ta_refresh')!;
      if (step === 'signout' || step === 'failed refresh') {
        for (const c of [access, refresh]) {
          expect(c.value).toBe('');
          expect(new Date(c.attributes.expires as string).getTime()).toBeLessThan(Date.now());
        }
        continue;
      }
      // The access token lives ACCESS_TOKEN_EXPIRE_MINUTES; its cookie lives as long as the session,
      // so an expired token still reaches the BFF and earns a 401 (and a silent refresh).
      const payload = JSON.parse(Buffer.from(access.value.split('.')[1]!, 'base64url').toString()) as {
        exp: number;
      };
      const accessSeconds = payload.exp - Date.now() / 1000;
      expect(accessSeconds, step).toBeGreaterThan(295);
      expect(accessSeconds, step).toBeLessThanOrEqual(300);
      expect(access.attributes.expires, step).toBe(refresh.attributes.expires);
      const days = (new Date(refresh.attributes.expires as string).getTime() - Date.now()) / 86_400_000;
      expect(days, step).toBeGreaterThan(2.99);
      expect(days, step).toBeLessThanOrEqual(3);
    }
  });

  it('3.3.1 when COOKIE_SECURE=true, then every auth cookie, set or cleared, is Secure', async () => {
    const app = await start({ COOKIE_SECURE: 'true' });
    const { seen } = await everyCookieSetting(app);
    for (const { step, cookies } of seen) {
      for (const c of cookies) expect(c.attributes.secure, `${step} ${c.name}`).toBe(true);
    }
  });

  it('3.3.1 when TLS ends at a trusted proxy (TRUST_PROXY=true, X-Forwarded-Proto: https), then auto makes every cookie Secure', async () => {
    const app = await start({ TRUST_PROXY: 'true' });
    const { seen } = await everyCookieSetting(app, HTTPS);
    for (const { step, cookies } of seen) {
      for (const c of cookies) expect(c.attributes.secure, `${step} ${c.name}`).toBe(true);
    }
  });

  it('4.1.3 when the proxy is not trusted, then a client-sent X-Forwarded-Proto does not change the cookies', async () => {
    const app = await start({});
    const res = await new ApiClient(app.baseUrl).post('/api/v1/auth/signup', aSignup(), HTTPS);
    expect(res.status).toBe(201);
    for (const c of res.setCookies) expect(c.attributes.secure).toBeUndefined();
  });

  it('3.3.2 when COOKIE_SAMESITE=None and COOKIE_PARTITIONED=true behind https, then every cookie is SameSite=None; Secure; Partitioned', async () => {
    const app = await start({ TRUST_PROXY: 'true', COOKIE_SAMESITE: 'None', COOKIE_PARTITIONED: 'true' });
    const { seen } = await everyCookieSetting(app, HTTPS);
    for (const { step, cookies } of seen) {
      for (const c of cookies) {
        expect(c.attributes.samesite, `${step} ${c.name}`).toBe('none');
        expect(c.attributes.secure, `${step} ${c.name}`).toBe(true);
        expect(c.attributes.partitioned, `${step} ${c.name}`).toBe(true);
        expect(c.attributes.httponly).toBe(true);
      }
    }
  });

  it('3.3.2 when COOKIE_SAMESITE=Strict, then every cookie is SameSite=Strict', async () => {
    const app = await start({ COOKIE_SAMESITE: 'Strict' });
    const { seen } = await everyCookieSetting(app);
    for (const { cookies } of seen) for (const c of cookies) expect(c.attributes.samesite).toBe('strict');
  });

  it('3.3.5 when cookies are written, then each name and value together stay well under 4096 bytes', async () => {
    const app = await start({});
    const res = await new ApiClient(app.baseUrl).post('/api/v1/auth/signup', aSignup());
    for (const c of res.setCookies) expect(Buffer.byteLength(`${c.name}=${c.value}`)).toBeLessThan(1024);
  });

  it('3.3.4 / 16.2.5 when tokens are issued, then no response body and no log line carries one', async () => {
    const app = await start({});
    const before = app.logLines.length;
    const { seen, tokens } = await everyCookieSetting(app);
    const issued = seen.flatMap((s) => s.cookies.map((c) => c.value)).filter((v) => v.length > 10);
    expect(issued.length).toBeGreaterThanOrEqual(6);
    const bodies = JSON.stringify(seen.map((s) => s.body));
    const logs = app.logLines.slice(before).join('\n');
    expect(logs).toContain('/api/v1/auth/refresh');
    for (const value of [...issued, ...tokens]) {
      expect(bodies).not.toContain(value);
      expect(logs).not.toContain(value);
      // Nor the part of a JWT that identifies it (its signature).
      expect(logs).not.toContain(value.split('.').pop()!);
    }
  });
});
