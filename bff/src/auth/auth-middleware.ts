import type { Context, Middleware, Next } from 'koa';
import { AppError } from '../platform/errors.js';
import { guard } from '../platform/operation.js';
import { ACCESS_COOKIE } from './cookies.js';
import type { SessionStore } from './session-store.js';
import type { TokenService } from './tokens.js';

export interface AuthState {
  userId: string;
  sessionId: string;
}

declare module 'koa' {
  interface DefaultState {
    auth?: AuthState;
    requestId?: string;
  }
}

interface AuthDeps {
  tokens: TokenService;
  sessions: SessionStore;
}

async function authenticate(ctx: Context, deps: AuthDeps): Promise<AuthState | undefined> {
  const token = ctx.cookies.get(ACCESS_COOKIE);
  if (!token) return undefined;
  const claims = await deps.tokens.verifyAccess(token);
  if (!claims) return undefined;
  // The session is checked on every request so that sign-out and revocation take effect at once.
  return (await deps.sessions.isLive(claims.sessionId, claims.userId)) ? claims : undefined;
}

export function requireAuth(deps: AuthDeps): Middleware {
  return guard(
    async (ctx: Context, next: Next) => {
      const auth = await authenticate(ctx, deps);
      if (!auth) throw new AppError('UNAUTHENTICATED', 'Sign in to continue.');
      ctx.state.auth = auth;
      await next();
    },
    { auth: 'required', errors: ['UNAUTHENTICATED'] },
  );
}

/**
 * requireAuth for a route that is one read ("who am I"): `read` gets the verified token's claims
 * and must check the session in the same statement (session-store's liveUser), answering `dead`
 * when it is not live, so a revoked or expired session is refused exactly as requireAuth refuses
 * it, one database round trip sooner. The handler takes what was read from `result(ctx)`.
 */
export function requireAuthReading<T>(
  deps: Pick<AuthDeps, 'tokens'>,
  read: (auth: AuthState) => Promise<T | 'dead'>,
): { guard: Middleware; result(ctx: Context): T } {
  const results = new WeakMap<Context, { value: T }>();
  const middleware = guard(
    async (ctx: Context, next: Next) => {
      const token = ctx.cookies.get(ACCESS_COOKIE);
      const claims = token ? await deps.tokens.verifyAccess(token) : null;
      const value = claims ? await read(claims) : 'dead';
      if (!claims || value === 'dead') throw new AppError('UNAUTHENTICATED', 'Sign in to continue.');
      ctx.state.auth = claims;
      results.set(ctx, { value });
      await next();
    },
    { auth: 'required', errors: ['UNAUTHENTICATED'] },
  );
  return {
    guard: middleware,
    result(ctx) {
      const entry = results.get(ctx);
      if (!entry) throw new Error('requireAuthReading: result() read before its guard ran');
      return entry.value;
    },
  };
}

/**
 * For routes that serve anonymous readers too: no access cookie means anonymous. A cookie whose
 * token is expired or revoked is a 401, so the client refreshes (or drops the dead cookies, which
 * a failed refresh clears) rather than getting an anonymous answer while it thinks it is signed in.
 */
export function optionalAuth(deps: AuthDeps): Middleware {
  return guard(
    async (ctx: Context, next: Next) => {
      ctx.state.auth = await authenticate(ctx, deps);
      if (!ctx.state.auth && ctx.cookies.get(ACCESS_COOKIE)) {
        throw new AppError(
          'UNAUTHENTICATED',
          'Your sign-in has expired. Refresh it, or sign out to ask anonymously.',
        );
      }
      await next();
    },
    { auth: 'optional', errors: ['UNAUTHENTICATED'] },
  );
}
