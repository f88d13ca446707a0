import type { Context, Middleware } from 'koa';
import type { Config } from '../platform/config.js';
import { rateLimit, type LimiterStore } from '../platform/rate-limit.js';

/**
 * The code checks per client (RATE_LIMIT_SIGNIN per IP), one counter for every route that checks a
 * code: turning 2FA on and the sign-in's second step. Made once in compose.ts and handed to both
 * routers, so the two routes cannot each get a counter of their own (a fresh in-memory one would
 * double the guesses).
 */
export function createCodeChecks(limiter: LimiterStore, config: Pick<Config, 'rateLimits'>): Middleware {
  return rateLimit(limiter, {
    name: 'two-factor',
    limit: config.rateLimits.signin,
    key: (ctx: Context) => ctx.ip,
  });
}
