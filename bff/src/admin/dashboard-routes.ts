import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type Router from '@koa/router';
import { DASHBOARD_DIR } from '../platform/paths.js';
import { createRouter } from '../platform/router.js';
import { operation } from '../platform/operation.js';

/** chart.js does not export its UMD file as a subpath; it sits beside the main entry. */
const CHART_JS = join(dirname(createRequire(import.meta.url).resolve('chart.js')), 'chart.umd.min.js');

/** A Map, not an object: a name such as `__proto__` or `constructor` must find nothing. */
const ASSETS = new Map<string, { file: string; type: string }>(
  Object.entries({
    'admin.js': { file: join(DASHBOARD_DIR, 'admin.js'), type: 'application/javascript; charset=utf-8' },
    'admin.css': { file: join(DASHBOARD_DIR, 'admin.css'), type: 'text/css; charset=utf-8' },
    'chart.umd.min.js': { file: CHART_JS, type: 'application/javascript; charset=utf-8' },
  }),
);

/**
 * The admin dashboard at /admin: static HTML, CSS and scripts from 'self' only (helmet's CSP
 * forbids inline script). The page is public; the figures it fetches need an admin's cookies.
 */
export function dashboardRoutes(): Router {
  const router = createRouter();
  const cache = new Map<string, Buffer>();
  const load = async (file: string) => {
    const hit = cache.get(file);
    if (hit) return hit;
    const content = await readFile(file);
    cache.set(file, content);
    return content;
  };

  const pageDoc = operation({
    operationId: 'getAdminDashboard',
    summary: 'The admin dashboard page (public; its figures need an admin)',
    responses: { 200: { text: ['text/html'] } },
  });
  router.get('/', pageDoc, async (ctx) => {
    ctx.type = 'text/html; charset=utf-8';
    ctx.set('Cache-Control', 'no-cache');
    ctx.body = await load(join(DASHBOARD_DIR, 'index.html'));
  });

  const assetDoc = operation({
    operationId: 'getAdminDashboardAsset',
    summary: "The dashboard's scripts and styles",
    params: { name: 'admin.js, admin.css or chart.umd.min.js' },
    responses: { 200: { text: ['application/javascript', 'text/css'] } },
    errors: ['NOT_FOUND'],
  });
  router.get('/assets/:name', assetDoc, async (ctx) => {
    const asset = ASSETS.get(ctx.params.name ?? '');
    if (!asset) return; // falls through to the 404 error
    ctx.type = asset.type;
    ctx.set('Cache-Control', 'public, max-age=300');
    ctx.body = await load(asset.file);
  });

  return router;
}
