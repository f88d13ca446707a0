import type Koa from 'koa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { mountedRoutes } from '../../src/platform/router.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { ApiClient } from '../support/client.js';
import { signedUp, type Reader } from './helpers.js';

// Class test for "a guard is skipped by how the router matches": every route the composed app
// mounts (read from the routers' own layers, so a new route is covered without touching this
// file) is requested in other letter cases and with trailing or doubled slashes. A variant may be
// refused (401, 403) or unknown (404, 405); it may never reach a handler without its guards.

interface Route {
  method: string;
  path: string;
}

const SAMPLE_ID = '00000000-0000-4000-8000-000000000000';

/** Every (method, path) of every router mounted on the app, as the OpenAPI builder walks them. */
function routesOf(app: Koa): Route[] {
  return mountedRoutes(app).map((r) => ({ method: r.method.toUpperCase(), path: r.path }));
}

/** A concrete URL for a route pattern: parameters filled with a sample id. */
function concrete(path: string): string {
  return path.replace(/\{\/\*\w+\}|\/\*\w+/g, '/x').replace(/:\w+/g, SAMPLE_ID);
}

/** The same URL as a client could spell it: other letter cases, slashes, an escaped letter. */
export function variants(url: string): string[] {
  const segments = url.split('/');
  const literal = (s: string) => s !== SAMPLE_ID && /[a-z]/i.test(s);
  const out = new Set<string>([
    url.toUpperCase().replaceAll(SAMPLE_ID.toUpperCase(), SAMPLE_ID),
    `${url}/`,
    `${url}//`,
    url.replace(/\/([^/]+)$/, '//$1'),
  ]);
  segments.forEach((segment, i) => {
    if (!literal(segment)) return;
    const withSegment = (s: string) => segments.map((x, j) => (j === i ? s : x)).join('/');
    out.add(withSegment(segment[0]!.toUpperCase() + segment.slice(1)));
    out.add(withSegment(segment.slice(0, -1) + segment.at(-1)!.toUpperCase()));
    out.add(withSegment(`%${segment.charCodeAt(0).toString(16)}${segment.slice(1)}`));
  });
  out.delete(url);
  return [...out];
}

const REFUSED_OR_UNKNOWN = [401, 403, 404, 405];

describe('every mounted route, in every spelling, runs its guards', () => {
  let app: TestApp;
  let reader: Reader;
  let routes: Route[];

  beforeAll(async () => {
    app = await startTestApp({
      env: { BCRYPT_COST: '10', REQUIRE_EMAIL_VERIFICATION: 'true' },
      // The vector store's readiness (a model load) is not what this test is about.
      customize: (deps) => void (deps.readiness = []),
    });
    reader = await signedUp(app);
    routes = routesOf(createApp(app.deps));
  });
  afterAll(() => app.close());

  it('when the app is walked, then its routers expose the routes this test relies on', () => {
    const names = routes.map((r) => `${r.method} ${r.path}`);
    // A sanity floor, not the list: the loop below covers whatever is mounted.
    expect(names).toEqual(expect.arrayContaining(['GET /api/v1/admin/analytics', 'GET /api/v1/profile']));
    expect(routes.length).toBeGreaterThan(20);
  });

  it('when an anonymous client spells any route in another case or with extra slashes, then it is 401, 403, 404 or 405', async () => {
    const anonymous = new ApiClient(app.baseUrl);
    const failures: string[] = [];
    for (const { method, path } of routes) {
      for (const url of variants(concrete(path))) {
        const res = await anonymous.request(method, app.baseUrl + url, method === 'GET' ? undefined : {});
        if (!REFUSED_OR_UNKNOWN.includes(res.status)) failures.push(`${method} ${url} → ${res.status}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('when a signed-in reader spells a route they are refused in another way, then it is still refused', async () => {
    const failures: string[] = [];
    for (const { method, path } of routes) {
      const url = concrete(path);
      const body = method === 'GET' ? undefined : {};
      const canonical = await reader.client.request(method, url, body);
      if (canonical.status === 500) failures.push(`${method} ${url} → ${canonical.status}`);
      for (const variant of variants(url)) {
        const res = await reader.client.request(method, app.baseUrl + variant, body);
        const stillRefused = canonical.status !== 403 || REFUSED_OR_UNKNOWN.includes(res.status);
        if (res.status === 500 || !stillRefused) failures.push(`${method} ${variant} → ${res.status}`);
      }
    }
    expect(failures).toEqual([]);
  });
});
