import type { Middleware } from 'koa';
import type { z } from 'zod';
import { REAUTH_FIELD, SENSITIVE_ACTIONS as CONTRACT_SENSITIVE_ACTIONS } from '@textbook-assistant/contract';
import type { ReauthRequest } from '@textbook-assistant/contract';
import type { AccountService } from '../account/account-service.js';
import type { AccountStore } from '../account/account-store.js';
import { AppError } from '../platform/errors.js';
import { guard as tagGuard, type GuardMeta } from '../platform/operation.js';
import { parseBody } from '../platform/validate.js';
import type { SigninThrottle } from './signin-throttle.js';

/**
 * Every sensitive action, with the /api/v1 prefix (the list is the contract's). Each of these
 * routes carries the `requireCurrentPassword` guard, and test/security/sensitive-actions.test.ts
 * checks that the mounted app's guarded routes are exactly this list.
 */
export const SENSITIVE_ACTIONS = CONTRACT_SENSITIVE_ACTIONS.map((action) => action.replace(' ', ' /api/v1'));

/** What the guard means for the OpenAPI document; also how the mounted guarded routes are found. */
export const REAUTH_GUARD: GuardMeta = {
  errors: ['VALIDATION_ERROR', 'INVALID_PASSWORD', 'RATE_LIMITED', 'RATE_LIMITER_UNAVAILABLE'],
};

export interface ReauthDeps {
  accounts: Pick<AccountStore, 'findById'>;
  account: Pick<AccountService, 'requirePassword'>;
  /** The sign-in lockout: wrong current passwords count toward it, and it refuses them when locked. */
  signinThrottle: SigninThrottle;
}

/**
 * Re-authentication, after requireAuth (and after the body is parsed): `guard(Schema)` validates
 * the whole body with the route's schema (every bad field in one 400, `current_password` among
 * them when missing), then the body's `current_password` must be the account's. Each attempt
 * counts toward the account's sign-in lockout before the check (a locked account gets the sign-in
 * lockout's 429); wrong: 401 invalid_password; right: the count starts again, as after a sign-in.
 */
export function requireCurrentPassword(deps: ReauthDeps) {
  return (schema: z.ZodType<ReauthRequest>): Middleware => {
    const guard: Middleware = async (ctx, next) => {
      const userId = ctx.state.auth?.userId;
      if (!userId) throw new AppError('UNAUTHENTICATED', 'Sign in to continue.');
      const password = parseBody(schema, ctx.request.body ?? {})[REAUTH_FIELD];
      const user = await deps.accounts.findById(userId);
      if (!user) throw new AppError('UNAUTHENTICATED', 'Sign in to continue.');
      await deps.signinThrottle.attempt(user.email);
      await deps.account.requirePassword(userId, password, REAUTH_FIELD);
      await deps.signinThrottle.succeeded(user.email);
      await next();
    };
    // For the OpenAPI document: what this guard answers on every route it sits on.
    return tagGuard(guard, {
      errors: ['VALIDATION_ERROR', 'INVALID_PASSWORD', 'RATE_LIMITED', 'RATE_LIMITER_UNAVAILABLE'],
    });
  };
}

export type ReauthGuard = ReturnType<typeof requireCurrentPassword>;
