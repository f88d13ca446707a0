import { existsSync } from 'node:fs';
import type { Middleware } from 'koa';
import mount from 'koa-mount';
import serve from 'koa-static';
import { WIDGET_DIST } from './paths.js';

/**
 * Serves the widget's built files at /widget/ so a host page can use one script tag pointing at the
 * BFF. Another origin loads them, so helmet's same-origin resource policy is relaxed here only.
 */
export function widgetAssets(dir = WIDGET_DIST): Middleware | null {
  if (!existsSync(dir)) return null;
  const files = serve(dir, { maxage: 3_600_000, gzip: false, brotli: false, index: false });
  return mount('/widget', async (ctx, next) => {
    await files(ctx, next);
    if (ctx.status === 200) {
      ctx.set('Cross-Origin-Resource-Policy', 'cross-origin');
      ctx.set('Access-Control-Allow-Origin', '*');
    }
  });
}
