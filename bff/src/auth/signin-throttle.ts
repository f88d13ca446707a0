import { createHash } from 'node:crypto';
import type { RateLimit } from '../platform/config.js';
import { limiterUnavailable, type LimiterStore } from '../platform/rate-limit.js';
import { AppError } from '../platform/errors.js';

/**
 * Per-account brute-force throttle for sign-in, beside the per-client limit.
 *
 * Every attempt for an email is counted before the password is checked (atomically, so parallel
 * guesses cannot slip past the limit) and a successful sign-in clears the count. Once an email
 * has used its attempts in the window, further attempts are refused with 429 and Retry-After
 * until the window ends, without a password check. Unknown emails are counted and locked exactly
 * like real ones, so the locked answer says nothing about whether the account exists.
 *
 * The lock also blocks the right password: that is what stops a guesser who hits it on attempt
 * six. Its cost, that anyone can lock an account for one window, is bounded by the window.
 */
export interface SigninThrottle {
  /** Counts an attempt for this email; throws RATE_LIMITED when the email is locked. */
  attempt(email: string): Promise<void>;
  /** A successful sign-in: the email's count starts again. */
  succeeded(email: string): Promise<void>;
}

/** A windowed counter in this process, or in Redis when several instances share it. */
export interface Counter {
  /** Increments and returns the count and the milliseconds left in the window. */
  hit(key: string, windowMs: number): Promise<{ count: number; ttlMs: number }>;
  /** The current count (0 once the window has ended). */
  peek(key: string): Promise<number>;
  clear(key: string): Promise<void>;
}

const NAMESPACE = 'ta-signin-lock';
const MAX_TRACKED = 50_000;

function memoryCounter(): Counter {
  const entries = new Map<string, { count: number; resetAt: number }>();
  const sweep = (now: number) => {
    for (const [key, entry] of entries) if (entry.resetAt <= now) entries.delete(key);
  };
  return {
    async hit(key, windowMs) {
      const now = Date.now();
      let entry = entries.get(key);
      if (!entry || entry.resetAt <= now) {
        if (entries.size >= MAX_TRACKED) sweep(now);
        entry = { count: 0, resetAt: now + windowMs };
        entries.set(key, entry);
      }
      entry.count += 1;
      return { count: entry.count, ttlMs: entry.resetAt - now };
    },
    async peek(key) {
      const entry = entries.get(key);
      return entry && entry.resetAt > Date.now() ? entry.count : 0;
    },
    async clear(key) {
      entries.delete(key);
    },
  };
}

function redisCounter(redis: Extract<LimiterStore, { driver: 'redis' }>['redis']): Counter {
  return {
    async hit(key, windowMs) {
      // INCR, and start the window with the first attempt (PEXPIRE NX), in one round trip.
      const results = await redis.multi().incr(key).pexpire(key, windowMs, 'NX').pttl(key).exec();
      const count = Number(results?.[0]?.[1] ?? 0);
      const ttl = Number(results?.[2]?.[1] ?? windowMs);
      return { count, ttlMs: ttl > 0 ? ttl : windowMs };
    },
    async peek(key) {
      return Number(await redis.get(key)) || 0;
    },
    async clear(key) {
      await redis.del(key);
    },
  };
}

export function createCounter(store: LimiterStore): Counter {
  return store.driver === 'redis' ? redisCounter(store.redis) : memoryCounter();
}

export function createSigninThrottle(store: LimiterStore, limit: RateLimit): SigninThrottle {
  const counter = createCounter(store);
  // The email is hashed so the store never holds addresses.
  const keyOf = (email: string) =>
    `${NAMESPACE}:${createHash('sha256').update(email.trim().toLowerCase()).digest('hex')}`;
  return {
    async attempt(email) {
      const { count, ttlMs } = await counter.hit(keyOf(email), limit.windowMs).catch((err: unknown) => {
        throw limiterUnavailable(err);
      });
      if (count <= limit.max) return;
      const retryAfter = Math.max(1, Math.ceil(ttlMs / 1000));
      throw new AppError('RATE_LIMITED', `Too many sign-in attempts. Try again in ${retryAfter} s.`, {
        headers: { 'Retry-After': String(retryAfter) },
      });
    },
    async succeeded(email) {
      // The password was right: a store hiccup here must not fail the sign-in (the count expires).
      await counter.clear(keyOf(email)).catch(() => undefined);
    },
  };
}
