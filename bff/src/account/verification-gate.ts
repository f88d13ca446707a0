import type { Middleware } from 'koa';
import { AppError } from '../platform/errors.js';
import { guard } from '../platform/operation.js';
import type { VerificationService } from './verification-service.js';

/**
 * REQUIRE_EMAIL_VERIFICATION=true: a signed-in reader whose email is not verified may not update
 * the profile (PUT /profile) or ask personalized questions (a signed-in POST /query); both get
 * 403 email_not_verified. Anonymous questions are unaffected. With the default (false) the guard
 * passes every request on, and unverified readers chat and personalize freely.
 *
 * A guard on those routes, after their auth guard (it reads `ctx.state.auth`): whatever matches
 * the route has run it. The profile and query features only receive it as a middleware.
 */
export function requireVerifiedEmail(
  verification: Pick<VerificationService, 'isVerified'>,
  required: boolean,
): Middleware {
  if (!required) return (_ctx, next) => next();
  return guard(
    async (ctx, next) => {
      const auth = ctx.state.auth;
      if (auth && !(await verification.isVerified(auth.userId))) {
        throw new AppError(
          'EMAIL_NOT_VERIFIED',
          'Verify your email address first: use the link we mailed you, or ask for a new one.',
        );
      }
      await next();
    },
    { errors: ['EMAIL_NOT_VERIFIED'] },
  );
}
