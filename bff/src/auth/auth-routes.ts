import type Router from '@koa/router';
import { createRouter } from '../platform/router.js';
import type { Context } from 'koa';
import type { AppDeps } from '../app.js';
import { parseBody } from '../platform/validate.js';
import { rateLimit } from '../platform/rate-limit.js';
import { SigninBody, SignupBody } from '@textbook-assistant/contract';
import { clearAuthCookies, REFRESH_COOKIE, setAuthCookies } from './cookies.js';
import { optionalAuth } from './auth-middleware.js';
import { createSigninThrottle } from './signin-throttle.js';
import type { ClientInfo } from './auth-service.js';
import { addSessionRoute } from './session-route.js';

export function client(ctx: Context): ClientInfo {
  return { userAgent: ctx.get('User-Agent') || null, ip: ctx.ip || null };
}

export function authRoutes(deps: AppDeps): Router {
  const router = createRouter({ prefix: '/auth' });
  const { config, auth } = deps;
  const byIp = (ctx: Context) => ctx.ip;
  const perAccount = createSigninThrottle(deps.limiter, config.signinLockout);

  router.post(
    '/signup',
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
    rateLimit(deps.limiter, { name: 'signin', limit: config.rateLimits.signin, key: byIp }),
    async (ctx) => {
      const body = parseBody(SigninBody, ctx.request.body);
      await perAccount.attempt(body.email);
      const outcome = await auth.signin(body, client(ctx));
      await perAccount.succeeded(body.email);
      if ('pendingSecondFactor' in outcome) {
        return deps.extras.pendingSignins.start(ctx, outcome.pendingSecondFactor);
      }
      setAuthCookies(ctx, config.cookies, outcome.tokens);
      ctx.body = { user: outcome.user, expires_in: outcome.tokens.accessTtlSeconds };
    },
  );

  addSessionRoute(router, { ...deps, refreshGraceSeconds: config.refreshReuseGraceSeconds });

  router.post('/refresh', async (ctx) => {
    try {
      const tokens = await auth.refresh(ctx.cookies.get(REFRESH_COOKIE), client(ctx));
      setAuthCookies(ctx, config.cookies, tokens);
      ctx.body = { expires_in: tokens.accessTtlSeconds };
    } catch (err) {
      clearAuthCookies(ctx, config.cookies);
      throw err;
    }
  });

  router.post('/signout', optionalAuth(deps), async (ctx) => {
    await auth.signout(ctx.state.auth?.sessionId ?? null, ctx.cookies.get(REFRESH_COOKIE));
    clearAuthCookies(ctx, config.cookies);
    ctx.status = 204;
  });

  return router;
}
