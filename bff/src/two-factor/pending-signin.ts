import { hkdfSync, randomUUID } from 'node:crypto';
import { EncryptJWT, jwtDecrypt } from 'jose';
import type { Context, Middleware } from 'koa';
import type { Config } from '../platform/config.js';
import type { LimiterStore } from '../platform/rate-limit.js';
import { limiterUnavailable } from '../platform/rate-limit.js';
import { createCounter } from '../auth/signin-throttle.js';
import { baseOptions } from '../auth/cookies.js';

/** How long a password-checked sign-in waits for its second factor. */
export const PENDING_SIGNIN_MS = 5 * 60_000;
/** Wrong codes allowed per pending sign-in; the next one drops it. */
export const MAX_SECOND_FACTOR_GUESSES = 5;
export const PENDING_COOKIE = 'ta_2fa';
const COOKIE_PATH = '/api/v1/auth';
const AUDIENCE = 'ta-pending-two-factor';
const NAMESPACE = 'ta-2fa-pending';

/** The sign-in whose password was checked and whose second factor is awaited. */
export interface PendingSignin {
  userId: string;
  /** Minted at step one, never taken from the request. */
  id: string;
}

export interface PendingSignins {
  /** Step one passed with 2FA on: a fresh pending step, whatever `ta_2fa` the browser sent. */
  start(ctx: Context, userId: string): Promise<void>;
  /** Middleware: puts the step the cookie carries (if it decrypts and has not expired) in ctx.state.pendingSignin. */
  read: Middleware;
  /** Counts one guess for the step; false once its guesses are used up or the step was finished. */
  claimGuess(pending: PendingSignin): Promise<boolean>;
  /** The second factor was right: true for the first request to finish this step, false for any other. */
  finish(pending: PendingSignin): Promise<boolean>;
  /** Clears the cookie. */
  end(ctx: Context): void;
}

/**
 * The pending second step, stateless across BFF instances: its state (user, a fresh id, expiry)
 * travels in an encrypted, authenticated cookie (JWE, dir + A256GCM, keys derived from
 * SESSION_KEYS; the first encrypts, every one decrypts, so keys can rotate). Any instance with the
 * same keys can finish the step. A cookie the browser already had is never reused: step one always
 * mints a new id, so a planted `ta_2fa` cannot be bound to the victim's sign-in. What a replayed copy
 * of the cookie could reset, the guess count and "already finished", is counted per id in the
 * limiter store (Redis when REDIS_URL is set, as for every limit shared by several instances).
 */
export function createPendingSignins(config: Config, store: LimiterStore): PendingSignins {
  const keys = config.sessionKeys.map((secret) =>
    Buffer.from(hkdfSync('sha256', secret, 'textbook-assistant', 'pending-two-factor-signin', 32)),
  );
  const counter = createCounter(store);
  const unavailable = (err: unknown) => {
    throw limiterUnavailable(err);
  };
  const count = (key: string) => counter.hit(`${NAMESPACE}:${key}`, PENDING_SIGNIN_MS).catch(unavailable);

  async function decrypt(token: string): Promise<PendingSignin | null> {
    for (const key of keys) {
      try {
        const { payload } = await jwtDecrypt(token, key, {
          keyManagementAlgorithms: ['dir'],
          contentEncryptionAlgorithms: ['A256GCM'],
          audience: AUDIENCE,
          requiredClaims: ['sub', 'jti', 'exp'],
          // Date.now(), not new Date(): the clock tests move.
          currentDate: new Date(Date.now()),
        });
        if (typeof payload.sub === 'string' && typeof payload.jti === 'string') {
          return { userId: payload.sub, id: payload.jti };
        }
        return null;
      } catch {
        /* not ours under this key, tampered or expired: try the next key */
      }
    }
    return null;
  }

  const cookieOptions = (ctx: Context) => ({
    ...baseOptions(ctx, config.cookies),
    path: COOKIE_PATH,
  });

  return {
    async start(ctx, userId) {
      const token = await new EncryptJWT({})
        .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' })
        .setSubject(userId)
        .setJti(randomUUID())
        .setAudience(AUDIENCE)
        .setExpirationTime(Math.floor((Date.now() + PENDING_SIGNIN_MS) / 1000))
        .encrypt(keys[0]!);
      ctx.cookies.set(PENDING_COOKIE, token, { ...cookieOptions(ctx), maxAge: PENDING_SIGNIN_MS });
      ctx.status = 200;
      ctx.body = { two_factor_required: true };
    },
    async read(ctx, next) {
      const token = ctx.cookies.get(PENDING_COOKIE);
      ctx.state.pendingSignin = token ? ((await decrypt(token)) ?? undefined) : undefined;
      await next();
    },
    async claimGuess(pending) {
      // A finished step takes no more guesses (and so burns no further code).
      if ((await counter.peek(`${NAMESPACE}:done:${pending.id}`).catch(unavailable)) > 0) return false;
      const { count: guesses } = await count(`guess:${pending.id}`);
      return guesses <= MAX_SECOND_FACTOR_GUESSES;
    },
    async finish(pending) {
      const { count: finished } = await count(`done:${pending.id}`);
      return finished === 1;
    },
    end(ctx) {
      ctx.cookies.set(PENDING_COOKIE, '', { ...cookieOptions(ctx), maxAge: 0, expires: new Date(0) });
    },
  };
}

/** The pending step `read` found, if any. */
export function pendingSignin(ctx: Context): PendingSignin | undefined {
  return ctx.state.pendingSignin as PendingSignin | undefined;
}
