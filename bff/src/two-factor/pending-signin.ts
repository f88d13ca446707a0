import createSession from 'koa-session';
import type Koa from 'koa';
import type { Context, Middleware } from 'koa';
import type { Config } from '../platform/config.js';

/** How long a password-checked sign-in waits for its second factor. */
export const PENDING_SIGNIN_MS = 5 * 60_000;
/** Wrong codes allowed per pending sign-in; the next one drops it. */
export const MAX_SECOND_FACTOR_GUESSES = 5;
export const PENDING_COOKIE = 'ta_2fa';
const SWEEP_ABOVE = 1_000;

interface Entry {
  data: Record<string, unknown>;
  expiresAt: number;
  guesses: number;
}

/**
 * Server-side storage for koa-session: the cookie carries only a random id, so a client cannot
 * replay an older copy of the state to reset its guess counter. In-process: several BFF instances
 * need sticky sessions for the two-step sign-in.
 */
export function createPendingSigninStore() {
  const entries = new Map<string, Entry>();
  const live = (key: string) => {
    const entry = entries.get(key);
    if (entry && entry.expiresAt <= Date.now()) entries.delete(key);
    return entry && entry.expiresAt > Date.now() ? entry : undefined;
  };
  return {
    async get(key: string) {
      return live(key)?.data;
    },
    async set(key: string, data: Record<string, unknown>, maxAge: number) {
      if (entries.size >= SWEEP_ABOVE) for (const k of entries.keys()) live(k);
      const guesses = live(key)?.guesses ?? 0;
      entries.set(key, { data, expiresAt: Date.now() + maxAge, guesses });
    },
    async destroy(key: string) {
      entries.delete(key);
    },
    /** Counts one guess synchronously, so parallel guesses cannot all see the same count. */
    claimGuess(key: string): boolean {
      const entry = live(key);
      if (!entry || entry.guesses >= MAX_SECOND_FACTOR_GUESSES) return false;
      entry.guesses += 1;
      return true;
    },
  };
}

export type PendingSigninStore = ReturnType<typeof createPendingSigninStore>;

/**
 * koa-session for the pending step. With a store it looks up its cookie on every request (the
 * cookie's path limits it to /api/v1/auth), and writes only when a route changes ctx.session.
 */
export function pendingSigninSession(app: Koa, config: Config, store: PendingSigninStore): Middleware {
  const secure = config.cookies.secure === 'auto' ? undefined : config.cookies.secure;
  const options = {
    key: PENDING_COOKIE,
    maxAge: PENDING_SIGNIN_MS,
    httpOnly: true,
    signed: true,
    sameSite: config.cookies.sameSite,
    secure,
    path: '/api/v1/auth',
    partitioned: config.cookies.partitioned && secure !== false,
    store,
  };
  const session = createSession(options, app) as Middleware;
  return async (ctx, next) => {
    // As for the auth cookies: Secure over plain http when TLS ends at a proxy.
    if (secure) ctx.cookies.secure = true;
    return session(ctx, next);
  };
}

interface SessionCarrier {
  session: { userId?: string; externalKey?: string } | null;
}

const carrier = (ctx: Context) => ctx as unknown as SessionCarrier;

/** Sign-in step one passed with 2FA on: no auth cookies, only the pending-step cookie. */
export function awaitSecondFactor(ctx: Context, userId: string): void {
  carrier(ctx).session = { userId };
  ctx.status = 200;
  ctx.body = { two_factor_required: true };
}

/** The user whose password was checked and whose second factor is awaited, if any. */
export function pendingUserId(ctx: Context): { userId: string; key: string } | null {
  const session = carrier(ctx).session;
  if (!session?.userId || !session.externalKey) return null;
  return { userId: session.userId, key: session.externalKey };
}

export function endPendingSignin(ctx: Context): void {
  carrier(ctx).session = null;
}
