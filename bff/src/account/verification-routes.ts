import type Router from '@koa/router';
import { operation } from '../platform/operation.js';
import { createRouter } from '../platform/router.js';
import type { Context } from 'koa';
import type { Config } from '../platform/config.js';
import type { LimiterStore } from '../platform/rate-limit.js';
import type { SessionStore } from '../auth/session-store.js';
import type { TokenService } from '../auth/tokens.js';
import type { VerificationService } from './verification-service.js';
import { requireAuth } from '../auth/auth-middleware.js';
import { rateLimit } from '../platform/rate-limit.js';
import { parseBody } from '../platform/validate.js';
import { VerifyEmailBody, VerifyEmailResponse, VerifyRequestResponse } from '@textbook-assistant/contract';

/** At most 3 verification mails per reader per 15 minutes: enough to retry, too few to spam. */
const VERIFY_MAIL_LIMIT = { max: 3, windowMs: 15 * 60_000 };

export interface VerificationRouteDeps {
  config: Pick<Config, 'rateLimits'>;
  limiter: LimiterStore;
  tokens: TokenService;
  sessions: SessionStore;
  verification: VerificationService;
}

export function verificationRoutes(deps: VerificationRouteDeps): Router {
  const router = createRouter();
  const { verification } = deps;
  const byUser = (ctx: Context) => ctx.state.auth!.userId;

  router.post(
    '/verify-email/request',
    operation({
      operationId: 'requestVerificationMail',
      summary: 'Mail a new verification link (3 per 15 min); 200 when already verified',
      responses: { 200: VerifyRequestResponse, 202: VerifyRequestResponse },
      errors: ['MAIL_UNAVAILABLE'],
    }),
    requireAuth(deps),
    rateLimit(deps.limiter, { name: 'verify-mail', limit: VERIFY_MAIL_LIMIT, key: byUser }),
    async (ctx) => {
      const { alreadyVerified } = await verification.request(ctx.state.auth!.userId);
      ctx.status = alreadyVerified ? 200 : 202;
      ctx.body = { sent: !alreadyVerified, email_verified: alreadyVerified };
    },
  );

  // No sign-in needed: the link may be opened in another browser. The token is the proof.
  router.post(
    '/verify-email',
    operation({
      operationId: 'verifyEmail',
      summary: 'Verify the email with the token from the mail (single use, 24 h)',
      body: VerifyEmailBody,
      responses: { 200: VerifyEmailResponse },
      errors: ['INVALID_TOKEN'],
    }),
    rateLimit(deps.limiter, {
      name: 'verify-email',
      limit: deps.config.rateLimits.signin,
      key: (ctx) => ctx.ip,
    }),
    async (ctx) => {
      const { token } = parseBody(VerifyEmailBody, ctx.request.body);
      await verification.verify(token);
      ctx.body = { email_verified: true };
    },
  );

  return router;
}
