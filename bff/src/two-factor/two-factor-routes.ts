import type Router from '@koa/router';
import { operation } from '../platform/operation.js';
import { createRouter } from '../platform/router.js';
import type { Context, Middleware } from 'koa';
import type { Config } from '../platform/config.js';
import type { LimiterStore } from '../platform/rate-limit.js';
import type { AuthService } from '../auth/auth-service.js';
import type { SessionStore } from '../auth/session-store.js';
import type { TokenService } from '../auth/tokens.js';
import type { AccountStore } from '../account/account-store.js';
import type { TwoFactorService } from './two-factor-service.js';
import type { PendingSignins } from './pending-signin.js';
import { requireAuth } from '../auth/auth-middleware.js';
import { requireCurrentPassword, type ReauthDeps } from '../auth/reauth.js';
import { client } from '../auth/auth-routes.js';
import { setAuthCookies } from '../auth/cookies.js';
import { AppError } from '../platform/errors.js';
import { rateLimit } from '../platform/rate-limit.js';
import { parseBody } from '../platform/validate.js';
import { pendingSignin } from './pending-signin.js';
import {
  AuthResponse,
  ConfirmTwoFactorBody,
  DisableTwoFactorBody,
  RecoveryCodesResponse,
  RegenerateRecoveryCodesBody,
  SecondFactorBody,
  SetupResponse,
  SetupTwoFactorBody,
} from '@textbook-assistant/contract';

const notPending = (message: string) => new AppError('TWO_FACTOR_NOT_PENDING', message);

/**
 * Code checks per account, across pending sign-ins: a thief with the password gets 5 guesses per
 * sign-in, and at most this many in 15 minutes however often they sign in again.
 */
const CODE_CHECKS_PER_ACCOUNT = { max: 10, windowMs: 15 * 60_000 };

interface CodeCheckDeps {
  /** createCodeChecks() (code-checks.ts), shared by every route that checks a code. */
  twoFactorCodeChecks: Middleware;
}

export interface TwoFactorRouteDeps extends ReauthDeps, CodeCheckDeps {
  tokens: TokenService;
  sessions: SessionStore;
  accounts: Pick<AccountStore, 'findById'>;
  twoFactor: TwoFactorService;
}

/**
 * Set-up, confirmation, disabling and new recovery codes (the /account/2fa resource), each
 * re-authenticated with the current password.
 */
export function twoFactorRoutes(deps: TwoFactorRouteDeps): Router {
  const router = createRouter();
  const { twoFactor, accounts } = deps;
  const auth = requireAuth(deps);
  const reauth = requireCurrentPassword(deps);
  const codeChecks = deps.twoFactorCodeChecks;
  const userId = (ctx: Context) => ctx.state.auth!.userId;

  const setupDoc = operation({
    operationId: 'setUpTwoFactor',
    summary: 'Start TOTP set-up (re-authenticated): otpauth URI and QR code (SVG)',
    body: SetupTwoFactorBody,
    responses: { 200: SetupResponse },
    errors: ['TWO_FACTOR_ALREADY_ENABLED'],
  });
  router.post('/setup', setupDoc, auth, reauth(SetupTwoFactorBody), async (ctx) => {
    const account = await accounts.findById(userId(ctx));
    if (!account) throw new AppError('UNAUTHENTICATED', 'Sign in to continue.');
    ctx.set('Cache-Control', 'no-store');
    ctx.body = await twoFactor.setup(account.id, account.email);
  });

  const confirmDoc = operation({
    operationId: 'confirmTwoFactor',
    summary: 'Turn 2FA on with a first code (re-authenticated); returns 10 one-time recovery codes',
    body: ConfirmTwoFactorBody,
    responses: { 200: RecoveryCodesResponse },
    errors: ['INVALID_TWO_FACTOR_CODE', 'TWO_FACTOR_ALREADY_ENABLED', 'TWO_FACTOR_NOT_ENABLED'],
  });
  const reauthConfirm = reauth(ConfirmTwoFactorBody);
  router.post('/confirm', confirmDoc, auth, codeChecks, reauthConfirm, async (ctx) => {
    const { code } = parseBody(ConfirmTwoFactorBody, ctx.request.body);
    ctx.set('Cache-Control', 'no-store');
    ctx.body = await twoFactor.confirm(userId(ctx), code);
  });

  const disableDoc = operation({
    operationId: 'disableTwoFactor',
    summary: 'Turn 2FA off (re-authenticated with the current password)',
    body: DisableTwoFactorBody,
    responses: { 204: null },
    errors: ['TWO_FACTOR_NOT_ENABLED'],
  });
  router.post('/disable', disableDoc, auth, reauth(DisableTwoFactorBody), async (ctx) => {
    await twoFactor.disable(userId(ctx));
    ctx.status = 204;
  });

  const recoveryCodesDoc = operation({
    operationId: 'regenerateRecoveryCodes',
    summary: 'Ten new recovery codes, shown once; the old ones stop working (re-authenticated)',
    body: RegenerateRecoveryCodesBody,
    responses: { 200: RecoveryCodesResponse },
    errors: ['TWO_FACTOR_NOT_ENABLED'],
  });
  const regenerate = reauth(RegenerateRecoveryCodesBody);
  router.post('/recovery-codes', recoveryCodesDoc, auth, regenerate, async (ctx) => {
    ctx.set('Cache-Control', 'no-store');
    ctx.body = await twoFactor.regenerateRecoveryCodes(userId(ctx));
  });

  return router;
}

export interface SecondFactorRouteDeps extends CodeCheckDeps {
  config: Pick<Config, 'cookies'>;
  limiter: LimiterStore;
  auth: Pick<AuthService, 'completeSignin'>;
  twoFactor: Pick<TwoFactorService, 'checkSecondFactor'>;
  pendingSignins: PendingSignins;
}

/** The sign-in's second step, `/signin/2fa` of the /auth resource. */
export function secondFactorRoutes(deps: SecondFactorRouteDeps): Router {
  const router = createRouter();
  const { twoFactor, pendingSignins } = deps;
  const perAccount = rateLimit(deps.limiter, {
    name: 'two-factor-account',
    limit: CODE_CHECKS_PER_ACCOUNT,
    key: (ctx: Context) => ctx.state.auth?.userId ?? pendingSignin(ctx)?.userId ?? `ip:${ctx.ip}`,
  });

  const secondStepDoc = operation({
    operationId: 'signInSecondFactor',
    summary: 'Second sign-in step (after /auth/signin answered two_factor_required); sets the auth cookies',
    body: SecondFactorBody,
    responses: { 200: AuthResponse },
    errors: ['TWO_FACTOR_NOT_PENDING', 'INVALID_TWO_FACTOR_CODE', 'ACCOUNT_DISABLED'],
    credentials: { any: ['pendingSigninCookie'] },
  });
  router.post(
    '/signin/2fa',
    secondStepDoc,
    deps.twoFactorCodeChecks,
    pendingSignins.read,
    perAccount,
    async (ctx) => {
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
    },
  );

  return router;
}
