import type Router from '@koa/router';
import { createRouter } from '../platform/router.js';
import type { Context } from 'koa';
import type { AppDeps } from '../app.js';
import { requireAuth } from '../auth/auth-middleware.js';
import { client } from '../auth/auth-routes.js';
import { setAuthCookies } from '../auth/cookies.js';
import { AppError } from '../platform/errors.js';
import { rateLimit } from '../platform/rate-limit.js';
import { parseBody } from '../platform/validate.js';
import { pendingSignin } from './pending-signin.js';
import { ConfirmTwoFactorBody, DisableTwoFactorBody, SecondFactorBody } from '@textbook-assistant/contract';

const notPending = (message: string) => new AppError('TWO_FACTOR_NOT_PENDING', message);

/**
 * Code checks per account, across pending sign-ins: a thief with the password gets 5 guesses per
 * sign-in, and at most this many in 15 minutes however often they sign in again.
 */
const CODE_CHECKS_PER_ACCOUNT = { max: 10, windowMs: 15 * 60_000 };

/** Set-up, confirmation and disabling under /account/2fa; the second sign-in step under /auth. */
export function twoFactorRoutes(deps: AppDeps): Router {
  const router = createRouter();
  const { twoFactor, pendingSignins, accounts } = deps.extras;
  const auth = requireAuth(deps);
  const codeChecks = rateLimit(deps.limiter, {
    name: 'two-factor',
    limit: deps.config.rateLimits.signin,
    key: (ctx: Context) => ctx.ip,
  });
  const perAccount = rateLimit(deps.limiter, {
    name: 'two-factor-account',
    limit: CODE_CHECKS_PER_ACCOUNT,
    key: (ctx: Context) => ctx.state.auth?.userId ?? pendingSignin(ctx)?.userId ?? `ip:${ctx.ip}`,
  });
  const userId = (ctx: Context) => ctx.state.auth!.userId;

  router.post('/account/2fa/setup', auth, async (ctx) => {
    const account = await accounts.findById(userId(ctx));
    if (!account) throw new AppError('UNAUTHENTICATED', 'Sign in to continue.');
    ctx.set('Cache-Control', 'no-store');
    ctx.body = await twoFactor.setup(account.id, account.email);
  });

  router.post('/account/2fa/confirm', auth, codeChecks, async (ctx) => {
    const { code } = parseBody(ConfirmTwoFactorBody, ctx.request.body);
    ctx.set('Cache-Control', 'no-store');
    ctx.body = await twoFactor.confirm(userId(ctx), code);
  });

  router.post('/account/2fa/disable', auth, codeChecks, perAccount, async (ctx) => {
    const proof = parseBody(DisableTwoFactorBody, ctx.request.body);
    await twoFactor.disable(userId(ctx), proof);
    ctx.status = 204;
  });

  router.post('/auth/signin/2fa', codeChecks, pendingSignins.read, perAccount, async (ctx) => {
    const factor = parseBody(SecondFactorBody, ctx.request.body);
    const pending = pendingSignin(ctx);
    if (!pending) throw notPending('Sign in with your password first (the step lasts 5 minutes).');
    if (!(await pendingSignins.claimGuess(pending))) {
      pendingSignins.end(ctx);
      throw notPending(
        'Too many wrong codes, or this step was already used. Sign in with your password again.',
      );
    }
    if (!(await twoFactor.checkSecondFactor(pending.userId, factor))) {
      throw new AppError('INVALID_TWO_FACTOR_CODE', 'The code is incorrect or was already used.');
    }
    pendingSignins.end(ctx);
    if (!(await pendingSignins.finish(pending))) throw notPending('This sign-in was already completed.');
    const { user, tokens } = await deps.auth.completeSignin(pending.userId, client(ctx));
    setAuthCookies(ctx, deps.config.cookies, tokens);
    ctx.body = { user, expires_in: tokens.accessTtlSeconds };
  });

  return router;
}
