import type Router from '@koa/router';
import { createRouter } from '../platform/router.js';
import type { Middleware } from 'koa';
import type { AppDeps } from '../app.js';
import { optionalAuth } from '../auth/auth-middleware.js';
import { AppError } from '../platform/errors.js';
import { guard } from '../platform/operation.js';

/**
 * REQUIRE_EMAIL_VERIFICATION=true: a signed-in reader whose email is not verified may not update
 * the profile (PUT /profile) or ask personalized questions (a signed-in POST /query); both get
 * 403 email_not_verified. Anonymous questions are unaffected. With the default (false) nothing is
 * registered and unverified readers chat and personalize freely.
 *
 * These routes only check and call next(): mounted before the profile and query routers, they run
 * first for the same method and path, so neither feature needs to know about verification.
 */
export function verificationGateRoutes(deps: AppDeps): Router {
  const router = createRouter();
  if (!deps.config.requireEmailVerification) return router;
  const gate = requireVerifiedEmail(deps);
  router.put('/profile', optionalAuth(deps), gate);
  router.post('/query', optionalAuth(deps), gate);
  return router;
}

/** Lets anonymous requests through (the route itself decides about them). */
export function requireVerifiedEmail(deps: AppDeps): Middleware {
  return guard(
    async (ctx, next) => {
      const auth = ctx.state.auth;
      if (auth && !(await deps.extras.verification.isVerified(auth.userId))) {
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
