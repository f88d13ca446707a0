import type Router from '@koa/router';
import { operation } from '../platform/operation.js';
import { createRouter } from '../platform/router.js';
import type { Context } from 'koa';
import type { Config } from '../platform/config.js';
import type { LimiterStore } from '../platform/rate-limit.js';
import type { PendingSignins } from '../two-factor/pending-signin.js';
import { parseBody } from '../platform/validate.js';
import { rateLimit } from '../platform/rate-limit.js';
import {
  AuthResponse,
  RefreshResponse,
  SigninBody,
  SigninResponse,
  SignupBody,
} from '@textbook-assistant/contract';
import { clearAuthCookies, REFRESH_COOKIE, setAuthCookies } from './cookies.js';
import { optionalAuth } from './auth-middleware.js';
import type { SigninThrottle } from './signin-throttle.js';
import type { AuthService, ClientInfo } from './auth-service.js';
import { addSessionRoute, type SessionRouteDeps } from './session-route.js';

export function client(ctx: Context): ClientInfo {
  return { userAgent: ctx.get('User-Agent') || null, ip: ctx.ip || null };
}

export interface AuthRouteDeps extends Omit<SessionRouteDeps, 'config' | 'refreshGraceSeconds'> {
  config: Pick<Config, 'cookies' | 'rateLimits' | 'refreshReuseGraceSeconds'>;
  limiter: LimiterStore;
  auth: AuthService;
  pendingSignins: Pick<PendingSignins, 'start'>;
  /** The per-account lockout, shared with every re-authentication (made once in compose.ts). */
  signinThrottle: SigninThrottle;
}

export function authRoutes(deps: AuthRouteDeps): Router {
  const router = createRouter();
  const { config, auth } = deps;
  const byIp = (ctx: Context) => ctx.ip;
  const perAccount = deps.signinThrottle;

  router.post(
    '/signup',
    operation({
      operationId: 'signUp',
      summary: 'Create an account and its profile; sets the auth cookies',
      body: SignupBody,
      responses: { 201: AuthResponse },
      errors: ['EMAIL_TAKEN'],
    }),
    rateLimit(deps.limiter, { name: 'signup', limit: config.rateLimits.signup, key: byIp }),
    async (ctx) => {
      const body = parseBody(SignupBody, ctx.request.body);
      const { user, tokens } = await auth.signup(body, client(ctx));
      setAuthCookies(ctx, config.cookies, tokens);
      ctx.status = 201;
      ctx.body = { user, expires_in: tokens.accessTtlSeconds };
    },
  );

  router.post(
    '/signin',
    operation({
      operationId: 'signIn',
      summary: 'Sign in; sets the auth cookies, or answers two_factor_required (then POST /auth/signin/2fa)',
      body: SigninBody,
      responses: { 200: SigninResponse },
      errors: ['INVALID_CREDENTIALS', 'ACCOUNT_DISABLED', 'RATE_LIMITED'],
    }),
    rateLimit(deps.limiter, { name: 'signin', limit: config.rateLimits.signin, key: byIp }),
    async (ctx) => {
      const body = parseBody(SigninBody, ctx.request.body);
      await perAccount.attempt(body.email);
      const outcome = await auth.signin(body, client(ctx));
      await perAccount.succeeded(body.email);
      if ('pendingSecondFactor' in outcome) {
        return deps.pendingSignins.start(ctx, outcome.pendingSecondFactor);
      }
      setAuthCookies(ctx, config.cookies, outcome.tokens);
      ctx.body = { user: outcome.user, expires_in: outcome.tokens.accessTtlSeconds };
    },
  );

  addSessionRoute(router, { ...deps, refreshGraceSeconds: config.refreshReuseGraceSeconds });

  const refreshDoc = operation({
    operationId: 'refreshSession',
    summary: 'Rotate the refresh cookie and issue a new access cookie',
    responses: { 200: RefreshResponse },
    errors: ['INVALID_REFRESH_TOKEN', 'ACCOUNT_DISABLED'],
    credentials: { any: ['refreshCookie'] },
  });
  router.post('/refresh', refreshDoc, async (ctx) => {
    try {
      const tokens = await auth.refresh(ctx.cookies.get(REFRESH_COOKIE), client(ctx));
      setAuthCookies(ctx, config.cookies, tokens);
      ctx.body = { expires_in: tokens.accessTtlSeconds };
    } catch (err) {
      clearAuthCookies(ctx, config.cookies);
      throw err;
    }
  });

  const signoutDoc = operation({
    operationId: 'signOut',
    summary: 'Revoke the session and clear the cookies (signed in or not, always 204)',
    responses: { 204: null },
    credentials: { any: ['refreshCookie'], optional: true },
  });
  router.post('/signout', signoutDoc, optionalAuth(deps), async (ctx) => {
    await auth.signout(ctx.state.auth?.sessionId ?? null, ctx.cookies.get(REFRESH_COOKIE));
    clearAuthCookies(ctx, config.cookies);
    ctx.status = 204;
  });

  return router;
}
