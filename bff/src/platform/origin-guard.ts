import type { Middleware } from 'koa';
import { AppError } from './errors.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * CSRF defence, together with SameSite cookies: a state-changing request must come from an
 * allowed Origin (browsers always send one on cross-origin POSTs), must not be a cross-site
 * request without one, and must carry JSON when it carries a body, which a plain HTML form or a
 * "simple" cross-origin fetch cannot do without a CORS preflight.
 */
export function originGuard(allowedOrigins: string[]): Middleware {
  const allowed = new Set(allowedOrigins);
  return async (ctx, next) => {
    if (SAFE_METHODS.has(ctx.method)) return next();
    const origin = ctx.get('Origin');
    if (origin) {
      if (!allowed.has(origin) && origin !== `${ctx.protocol}://${ctx.host}`) {
        throw new AppError('FORBIDDEN_ORIGIN', 'Requests from this origin are not allowed.');
      }
    } else {
      const site = ctx.get('Sec-Fetch-Site');
      if (site && site !== 'same-origin' && site !== 'none') {
        throw new AppError('FORBIDDEN_ORIGIN', 'Cross-site requests without an Origin are not allowed.');
      }
    }
    const hasBody = ctx.request.length > 0 || ctx.get('Transfer-Encoding') !== '';
    if (hasBody && !ctx.is('application/json')) {
      throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the body as application/json.');
    }
    return next();
  };
}
