import Router, { type RouterOptions } from '@koa/router';

/**
 * Every router of the app comes from here: case-sensitive and strict about trailing slashes.
 *
 * @koa/router matches routes ignoring letter case and a trailing slash by default, while the
 * middleware mounted with `router.use()` matches only the exact spelling: `/api/v1/ADMIN/x` then
 * reached the handler without the guards. Matching exactly closes that class; guards also sit on
 * the routes themselves, so whatever a router matches has run them.
 *
 * With `strict`, a prefixed router's `'/'` route would become `prefix + '/'`: routers that serve
 * their prefix itself spell their paths out instead of using a prefix.
 */
export function createRouter(options: Omit<RouterOptions, 'sensitive' | 'strict'> = {}): Router {
  return new Router({ ...options, sensitive: true, strict: true });
}
