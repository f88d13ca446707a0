import type { Context, Middleware, Next } from 'koa';
import { AppError } from '../platform/errors.js';
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
  return async (ctx: Context, next: Next) => {
    const auth = await authenticate(ctx, deps);
    if (!auth) throw new AppError('UNAUTHENTICATED', 'Sign in to continue.');
    ctx.state.auth = auth;
    await next();
  };
}

/** For routes that serve anonymous readers too; a bad or missing token just means anonymous. */
export function optionalAuth(deps: AuthDeps): Middleware {
  return async (ctx: Context, next: Next) => {
    ctx.state.auth = await authenticate(ctx, deps);
    await next();
  };
}
