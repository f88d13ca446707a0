import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Context, Middleware } from 'koa';
import mount from 'koa-mount';
import serve from 'koa-static';
import { WIDGET_DIST } from './paths.js';

/** Another origin loads these files, so helmet's same-origin resource policy is relaxed here only. */
function allowCrossOrigin(ctx: Context): void {
  ctx.set('Cross-Origin-Resource-Policy', 'cross-origin');
  ctx.set('Access-Control-Allow-Origin', '*');
}

/**
 * The build id the widget build wrote into dist/manifest.json (the IIFE compares it with its own to
 * load its chunks from here only), or null if that file is missing or unreadable. Read on each
 * request: the dist may be rebuilt while the BFF runs.
 */
async function distBuild(dir: string): Promise<string | null> {
  try {
    const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as { build?: unknown };
    return typeof manifest.build === 'string' ? manifest.build : null;
  } catch {
    return null;
  }
}

/**
 * Serves the widget's built files at /widget/ so a host page can use one script tag pointing at the
 * BFF, and `GET /widget/manifest.json` (`{ "build": id | null }`, always 200, cached briefly) that
 * tells the IIFE whether the chunks here are its own.
 */
export function widgetAssets(dir = WIDGET_DIST): Middleware | null {
  if (!existsSync(dir)) return null;
  const files = serve(dir, { maxage: 3_600_000, gzip: false, brotli: false, index: false });
  return mount('/widget', async (ctx, next) => {
    if (ctx.path === '/manifest.json' && (ctx.method === 'GET' || ctx.method === 'HEAD')) {
      ctx.body = { build: await distBuild(dir) };
      ctx.set('Cache-Control', 'public, max-age=60');
      allowCrossOrigin(ctx);
      return;
    }
    await files(ctx, next);
    if (ctx.status === 200) allowCrossOrigin(ctx);
  });
}
