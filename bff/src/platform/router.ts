import type Koa from 'koa';
import Router, { type RouterOptions } from '@koa/router';
import { describeStack, type GuardMeta, type OperationMeta } from './operation.js';

/**
 * Every router of the app comes from here: case-sensitive and strict about trailing slashes.
 *
 * @koa/router matches routes ignoring letter case and a trailing slash by default, while the
 * middleware mounted with `router.use()` matches only the exact spelling: `/api/v1/ADMIN/x` then
 * reached the handler without the guards. Matching exactly closes that class; guards also sit on
 * the routes themselves, so whatever a router matches has run them.
 */
export function createRouter(options: Omit<RouterOptions, 'sensitive' | 'strict'> = {}): Router {
  return new Router({ ...options, sensitive: true, strict: true });
}

/**
 * One URL resource: a router whose routes are those of `routers`, mounted at `prefix`. Each
 * feature writes its paths relative to the resource it belongs to (`'/sessions/:id'`), and `'/'`
 * is the resource itself, so no feature spells a resource's prefix; resources nest
 * (`resource('/account', accountRoutes, resource('/2fa', twoFactorRoutes))`).
 *
 * Not `router.use(prefix, child.routes())`: with `strict`, @koa/router would mount a child's `'/'`
 * at `prefix + '/'` (`/api/v1/account/`), not at the prefix. The routes are registered again here,
 * each with its own middleware stack (metadata, guards, handler), under the joined path.
 */
export function resource(prefix: string, ...routers: Router[]): Router {
  const router = createRouter();
  for (const child of routers) {
    for (const layer of child.stack) {
      if (typeof layer.path !== 'string' || layer.methods.length === 0) {
        // A router.use() middleware would not follow its routes here; guards sit on each route.
        throw new Error(`${prefix}: a resource takes routes with string paths, not middleware`);
      }
      if (layer.path === prefix || layer.path.startsWith(`${prefix}/`)) {
        // Written as a full path, it would be mounted at `${prefix}${prefix}…`.
        throw new Error(`${prefix}: ${layer.path} spells the resource's prefix; write it relative to it`);
      }
      const path = layer.path === '/' ? prefix : `${prefix}${layer.path}`;
      // HEAD comes back on its own with GET.
      const methods = layer.methods.filter((m) => m !== 'HEAD' || !layer.methods.includes('GET'));
      router.register(path, methods, layer.stack);
    }
  }
  return router;
}

/** One route the app mounts, as the OpenAPI document and the route-walking tests read it. */
export interface MountedRoute {
  /** Lower case (`get`, `post`…); HEAD and OPTIONS, which the router answers for every route, are left out. */
  method: string;
  /** The path as mounted, in the router's syntax (`/api/v1/account/sessions/:id`). */
  path: string;
  params: string[];
  meta?: OperationMeta;
  guards: GuardMeta[];
}

/**
 * Every (method, path) the app's routers mount, read from their layers: the one walk of the
 * routes, used by the OpenAPI builder and by every test that enumerates routes. One entry for a
 * route mounted twice (its guards from both).
 */
export function mountedRoutes(app: Koa): MountedRoute[] {
  const routes = new Map<string, MountedRoute>();
  for (const middleware of app.middleware) {
    const router = (middleware as { router?: Router }).router;
    for (const layer of router?.stack ?? []) {
      if (layer.methods.length === 0) continue; // router.use() middleware, not a route
      if (typeof layer.path !== 'string')
        throw new Error(`A route has no string path: ${String(layer.path)}`);
      const { meta, guards } = describeStack(layer.stack);
      for (const verb of layer.methods.filter((m) => m !== 'HEAD' && m !== 'OPTIONS')) {
        const key = `${verb} ${layer.path}`;
        const route = routes.get(key) ?? {
          method: verb.toLowerCase(),
          path: layer.path,
          params: layer.paramNames.map((p) => String(p.name)),
          guards: [],
        };
        route.meta ??= meta;
        route.guards.push(...guards);
        routes.set(key, route);
      }
    }
  }
  return [...routes.values()];
}
