import ratelimit from 'koa-ratelimit';
import { Redis } from 'ioredis';
import type { Context, Middleware } from 'koa';
import type { RateLimit } from './config.js';
import { AppError } from './errors.js';

/** Where counters live: this process, or Redis when several BFF instances share the limits. */
export type LimiterStore = { driver: 'memory' } | { driver: 'redis'; redis: Redis };

export function createLimiterStore(redisUrl: string | undefined): LimiterStore & { close(): Promise<void> } {
  if (!redisUrl) return { driver: 'memory', close: async () => undefined };
  const redis = new Redis(redisUrl, {
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    lazyConnect: false,
  });
  return { driver: 'redis', redis, close: async () => void redis.disconnect() };
}

interface RateLimitOptions {
  name: string;
  limit: RateLimit;
  key: (ctx: Context) => string;
}

/** koa-ratelimit does the counting; this turns "limited" into the one error shape with Retry-After. */
export function rateLimit(store: LimiterStore, options: RateLimitOptions): Middleware {
  const common = {
    duration: options.limit.windowMs,
    max: options.limit.max,
    id: (ctx: Context) => `${options.name}:${options.key(ctx)}`,
    headers: { remaining: 'RateLimit-Remaining', reset: 'RateLimit-Reset', total: 'RateLimit-Limit' },
    disableHeader: false,
  };
  const inner =
    store.driver === 'redis'
      ? // @types/koa-ratelimit still describes ioredis 4's class; the runtime takes ioredis 5's.
        ratelimit({
          ...common,
          driver: 'redis',
          db: store.redis as unknown as Map<string, unknown>,
          namespace: 'ta-limit',
        })
      : ratelimit({ ...common, driver: 'memory', db: new Map() });

  return async (ctx, next) => {
    let allowed = false;
    await inner(ctx, async () => {
      allowed = true;
      await next();
    });
    if (allowed) return;
    const resetSeconds = Number(ctx.response.get('RateLimit-Reset')) || 0;
    const retryAfter = Math.max(1, Math.ceil(resetSeconds - Date.now() / 1000));
    throw new AppError('RATE_LIMITED', `Too many requests. Try again in ${retryAfter} s.`, {
      headers: { 'Retry-After': String(retryAfter) },
    });
  };
}
