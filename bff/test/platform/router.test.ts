import type { AddressInfo } from 'node:net';
import Koa from 'koa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operation } from '../../src/platform/operation.js';
import { createRouter, mountedRoutes, resource } from '../../src/platform/router.js';

// The URL resources the app is built from: a feature writes its paths relative to its resource,
// `'/'` is the resource itself, and resources nest; what they mount is what the one route walk sees.

const doc = (operationId: string) =>
  operation({ operationId, summary: operationId, responses: { 200: null } });

function feature(paths: Record<string, 'get' | 'post' | 'delete'>) {
  const router = createRouter();
  for (const [path, method] of Object.entries(paths)) {
    router[method](path, doc(`${method}${path}`), (ctx) => void (ctx.body = `${method} ${path}`));
  }
  return router;
}

describe('resource routers', () => {
  let server: ReturnType<Koa['listen']>;
  let base: string;
  let app: Koa;

  beforeAll(async () => {
    app = new Koa();
    const api = createRouter({ prefix: '/api/v1' });
    const account = resource(
      '/account',
      feature({ '/': 'get', '/sessions/:id': 'delete' }),
      resource('/2fa', feature({ '/setup': 'post' })),
    );
    api.use(account.routes());
    app.use(api.routes());
    server = app.listen(0, '127.0.0.1');
    await new Promise<void>((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it("when a feature's '/' is mounted in a resource, then it answers at the prefix itself and not with a trailing slash", async () => {
    const res = await fetch(`${base}/api/v1/account`);
    expect(await res.text()).toBe('get /');
    expect((await fetch(`${base}/api/v1/account/`)).status).toBe(404);
    expect((await fetch(`${base}/api/v1/Account`)).status).toBe(404);
  });

  it('when resources nest, then their prefixes join, parameters included', async () => {
    const setup = await fetch(`${base}/api/v1/account/2fa/setup`, { method: 'POST' });
    expect(await setup.text()).toBe('post /setup');
    const revoke = await fetch(`${base}/api/v1/account/sessions/abc`, { method: 'DELETE' });
    expect(await revoke.text()).toBe('delete /sessions/:id');
  });

  it('when the app is walked, then every route is there with its full path, parameters and metadata', () => {
    const routes = mountedRoutes(app).map((r) => [r.method, r.path, r.params, r.meta?.operationId]);
    expect(routes).toEqual([
      ['get', '/api/v1/account', [], 'get/'],
      ['delete', '/api/v1/account/sessions/:id', ['id'], 'delete/sessions/:id'],
      ['post', '/api/v1/account/2fa/setup', [], 'post/setup'],
    ]);
  });

  it("when a feature spells its resource's prefix, or hands it router-level middleware, then mounting refuses", () => {
    expect(() => resource('/account', feature({ '/account/sessions': 'get' }))).toThrow(/prefix/);
    expect(() => resource('/account', feature({ '/account': 'get' }))).toThrow(/prefix/);
    const withMiddleware = createRouter();
    withMiddleware.use((_ctx, next) => next());
    expect(() => resource('/admin', withMiddleware)).toThrow(/not middleware/);
  });
});
