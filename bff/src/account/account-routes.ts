import type Router from '@koa/router';
import { createRouter } from '../platform/router.js';
import { bodyParser } from '@koa/bodyparser';
import type { Context } from 'koa';
import type { AppDeps } from '../app.js';
import { requireAuth } from '../auth/auth-middleware.js';
import { clearAuthCookies } from '../auth/cookies.js';
import { rateLimit } from '../platform/rate-limit.js';
import { parseBody } from '../platform/validate.js';
import { ChangePasswordBody, DeleteAccountBody } from '@textbook-assistant/contract';

/** The app's body parser skips DELETE; deleting the account needs its password in the body. */
const deleteBody = bodyParser({ enableTypes: ['json'], jsonLimit: '4kb', parsedMethods: ['DELETE'] });

export function accountRoutes(deps: AppDeps): Router {
  const router = createRouter();
  const { account } = deps.extras;
  const me = (ctx: Context) => ctx.state.auth!;
  const passwordChecks = rateLimit(deps.limiter, {
    name: 'account-password',
    limit: deps.config.rateLimits.signin,
    key: (ctx) => me(ctx).userId,
  });
  // Per route, not router.use: /account/verify-email (another router) must stay open to links.
  const auth = requireAuth(deps);

  router.get('/account', auth, async (ctx) => {
    ctx.body = await account.view(me(ctx).userId);
  });

  router.get('/account/sessions', auth, async (ctx) => {
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { sessions: await account.sessions(me(ctx).userId, me(ctx).sessionId) };
  });

  router.delete('/account/sessions/:id', auth, async (ctx) => {
    await account.revokeSession(me(ctx).userId, ctx.params.id ?? '');
    if (ctx.params.id === me(ctx).sessionId) clearAuthCookies(ctx, deps.config.cookies);
    ctx.status = 204;
  });

  router.post('/account/signout-all', auth, async (ctx) => {
    await account.signOutEverywhere(me(ctx).userId);
    clearAuthCookies(ctx, deps.config.cookies);
    ctx.status = 204;
  });

  router.post('/account/password', auth, passwordChecks, async (ctx) => {
    const body = parseBody(ChangePasswordBody, ctx.request.body);
    await account.changePassword(me(ctx).userId, me(ctx).sessionId, body.current_password, body.new_password);
    ctx.status = 204;
  });

  router.delete('/account', auth, passwordChecks, deleteBody, async (ctx) => {
    const { password } = parseBody(DeleteAccountBody, ctx.request.body);
    await account.deleteAccount(me(ctx).userId, password);
    clearAuthCookies(ctx, deps.config.cookies);
    ctx.status = 204;
  });

  return router;
}
