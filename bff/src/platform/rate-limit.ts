import ratelimit from 'koa-ratelimit';
import { Redis } from 'ioredis';
import type { Context, Middleware } from 'koa';
import type { RateLimit } from './config.js';
import { AppError } from './errors.js';
import { guard } from './operation.js';

/** Where counters live: this process, or Redis when several BFF instances share the limits. */
export type LimiterStore = { driver: 'memory' } | { driver: 'redis'; redis: Redis };

export function createLimiterStore(redisUrl: string | undefined): LimiterStore & { close(): Promise<void> } {
  if (!redisUrl) return { driver: 'memory', close: async () => undefined };
  const redis = new Redis(redisUrl, {
    maxRetriesPerRequest: 1,
    // Queue commands until the connection is up: without the queue every rate-limited request in
    // the first moments after start (before Redis answers) failed with a 500
    // (test/resilience/scale-out.test.ts). maxRetriesPerRequest still bounds the wait when Redis is down.
    enableOfflineQueue: true,
    lazyConnect: false,
  });
  // A lost connection surfaces per request as a logged 503 (rate_limiter_unavailable); without a
  // listener ioredis would also print every failed reconnect to the console.
  redis.on('error', () => undefined);
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

  return guard(async (ctx, next) => {
    let allowed = false;
    try {
      await inner(ctx, async () => {
        allowed = true;
        await next();
      });
    } catch (err) {
      // Before `allowed`, the error is the counter's own (Redis down): fail closed, as a 503.
      if (!allowed) throw limiterUnavailable(err);
      throw err;
    }
    if (allowed) return;
    const resetSeconds = Number(ctx.response.get('RateLimit-Reset')) || 0;
    const retryAfter = Math.max(1, Math.ceil(resetSeconds - Date.now() / 1000));
    throw new AppError('RATE_LIMITED', `Too many requests. Try again in ${retryAfter} s.`, {
      headers: { 'Retry-After': String(retryAfter) },
    });
  }, RATE_LIMIT_ERRORS);
}

const RATE_LIMIT_ERRORS = { errors: ['RATE_LIMITED', 'RATE_LIMITER_UNAVAILABLE'] } as const;

/** The shared counter store cannot be reached: refuse rather than run unlimited. */
export function limiterUnavailable(cause: unknown): AppError {
  return new AppError('RATE_LIMITER_UNAVAILABLE', 'The service is briefly unavailable. Try again shortly.', {
    headers: { 'Retry-After': '5' },
    cause,
  });
}
