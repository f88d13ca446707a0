import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { ApiClient } from '../support/client.js';
import { expectErrorShape, signedUp, type Reader } from './helpers.js';

// ASVS 5.0 V3.5 (browser origin separation, CSRF) and V3.4.2 (CORS). test/platform/http-plumbing
// covers sign-up from a foreign or null Origin, its form/multipart/text bodies and the preflight;
// this file takes every other state-changing route, with a signed-in victim's cookies.

const FOREIGN = [
  'https://evil.example',
  'null',
  'http://localhost:3000.evil.example',
  'http://localhost:30000',
  'https://localhost:3000',
  'http://LOCALHOST:3000',
  'http://localhost:3000/',
];

interface Route {
  method: 'POST' | 'PUT';
  path: string;
  body?: unknown;
}
const ROUTES: Route[] = [
  { method: 'PUT', path: '/api/v1/profile', body: { software_experience: 'Advanced', interests: ['pwned'] } },
  { method: 'POST', path: '/api/v1/auth/signout' },
  { method: 'POST', path: '/api/v1/auth/refresh' },
  { method: 'POST', path: '/api/v1/auth/signin', body: { email: 'x@example.org', password: 'Robots4ever!' } },
];

describe('V3.5 CSRF and V3.4.2 CORS', () => {
  let app: TestApp;
  let victim: Reader;
  beforeAll(async () => {
    app = await startTestApp({ env: { BCRYPT_COST: '10' } });
    victim = await signedUp(app);
  });
  afterAll(() => app.close());

  /** What a forged request could change: the victim's profile and session rows. */
  const snapshot = async () => ({
    profile: await app.deps.db.knex('user_profiles').where({ user_id: victim.userId }).first(),
    sessions: await app.deps.db
      .knex('sessions')
      .where({ user_id: victim.userId })
      .select('id', 'rotated_at', 'revoked_at', 'last_used_at')
      .orderBy('id'),
  });

  /** The victim's browser, sending their cookies on a request another site started. */
  const forged = (origin: string | null) => {
    const client = new ApiClient(app.baseUrl, origin);
    for (const [k, v] of victim.client.jar) client.jar.set(k, { ...v });
    return client;
  };

  it('3.5.1 when a foreign, null or look-alike Origin sends any state-changing request with the victim’s cookies, then it is 403 and nothing changes', async () => {
    const before = await snapshot();
    for (const origin of FOREIGN) {
      for (const route of ROUTES) {
        const res = await forged(origin).request(route.method, route.path, route.body);
        expect(res.status, `${origin} ${route.path}`).toBe(403);
        expect((res.body as { error: { code: string } }).error.code).toBe('forbidden_origin');
        expectErrorShape(res);
        expect(res.setCookies, `${origin} ${route.path}`).toEqual([]);
      }
    }
    expect(await snapshot()).toEqual(before);
    expect((await victim.client.get('/api/v1/profile')).status).toBe(200);
  });

  it('3.5.2 when an allowed Origin sends a CORS-safelisted body (form, multipart, text/plain, none declared), then it is 415 and nothing changes', async () => {
    const before = await snapshot();
    const types = [
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'text/plain',
      null,
    ];
    for (const type of types) {
      for (const route of ROUTES) {
        const cookie = [...victim.client.jar.values()].map((c) => `${c.name}=${c.value}`).join('; ');
        const res = await fetch(new URL(route.path, app.baseUrl), {
          method: route.method,
          headers: {
            Origin: 'http://localhost:3000',
            Cookie: cookie,
            ...(type ? { 'Content-Type': type } : {}),
          },
          body: type ? 'software_experience=Advanced' : new Uint8Array(Buffer.from('{"a":1}')),
        });
        expect(res.status, `${type} ${route.path}`).toBe(415);
        expect(((await res.json()) as { error: { code: string } }).error.code).toBe('unsupported_media_type');
      }
    }
    expect(await snapshot()).toEqual(before);
  });

  it('3.5.1 when a request has no Origin but Sec-Fetch-Site says same-site or cross-site, then it is refused', async () => {
    const before = await snapshot();
    for (const site of ['same-site', 'cross-site']) {
      for (const route of ROUTES) {
        const res = await forged(null).request(route.method, route.path, route.body, {
          'Sec-Fetch-Site': site,
        });
        expect(res.status, `${site} ${route.path}`).toBe(403);
      }
    }
    expect(await snapshot()).toEqual(before);
  });

  it('3.5.3 when sensitive routes are called with a safe method (GET, HEAD), then they do nothing', async () => {
    const before = await snapshot();
    for (const path of [
      '/api/v1/auth/signout',
      '/api/v1/auth/refresh',
      '/api/v1/auth/signin',
      '/api/v1/auth/signup',
    ]) {
      for (const method of ['GET', 'HEAD']) {
        const res = await forged('https://evil.example').request(method, path);
        expect(res.status, `${method} ${path}`).toBe(405);
        expect(res.setCookies).toEqual([]);
      }
    }
    expect(await snapshot()).toEqual(before);
  });

  it('3.4.2 when responses go to a foreign, null or look-alike origin, then no Access-Control-Allow-Origin is sent, never *', async () => {
    for (const origin of FOREIGN) {
      for (const [method, path] of [
        ['GET', '/api/v1/profile'],
        ['OPTIONS', '/api/v1/profile'],
        ['GET', '/healthz'],
      ] as const) {
        const res = await fetch(new URL(path, app.baseUrl), {
          method,
          headers: { Origin: origin, 'Access-Control-Request-Method': 'PUT' },
        });
        expect(res.headers.get('access-control-allow-origin'), `${origin} ${method} ${path}`).toBeNull();
        expect(res.headers.get('access-control-allow-credentials')).toBeNull();
      }
    }
  });

  it('3.4.2 when an allowed origin calls, then exactly that origin is echoed with credentials and Vary: Origin', async () => {
    for (const origin of ['http://localhost:3000', 'http://localhost:5173']) {
      const res = await victim.client.get('/api/v1/profile', { Origin: origin });
      expect(res.status).toBe(200);
      expect(res.headers.get('access-control-allow-origin')).toBe(origin);
      expect(res.headers.get('access-control-allow-credentials')).toBe('true');
      expect(res.headers.get('vary')).toMatch(/Origin/i);
    }
  });

  it('3.4.2 when a preflight asks for a method or header the API does not allow, then they are not granted', async () => {
    const res = await fetch(new URL('/api/v1/profile', app.baseUrl), {
      method: 'OPTIONS',
      headers: {
        Origin: 'http://localhost:3000',
        'Access-Control-Request-Method': 'PATCH',
        'Access-Control-Request-Headers': 'x-user-id',
      },
    });
    expect(res.headers.get('access-control-allow-methods') ?? '').not.toContain('PATCH');
    expect((res.headers.get('access-control-allow-headers') ?? '').toLowerCase()).not.toContain('x-user-id');
  });
});
