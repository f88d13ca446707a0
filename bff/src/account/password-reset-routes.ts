import type Router from '@koa/router';
import { operation } from '../platform/operation.js';
import { createRouter } from '../platform/router.js';
import type { Context } from 'koa';
import type { Config } from '../platform/config.js';
import type { LimiterStore } from '../platform/rate-limit.js';
import type { PasswordResetService } from './password-reset-service.js';
import { rateLimit } from '../platform/rate-limit.js';
import { parseBody } from '../platform/validate.js';
import { AcceptedResponse, ForgotPasswordBody, ResetPasswordBody } from '@textbook-assistant/contract';

/** Reset mails per address: a guard against mail-bombing someone, whoever asks. */
const RESET_MAIL_LIMIT = { max: 3, windowMs: 60 * 60_000 };

export const FORGOT_PASSWORD_ANSWER = {
  message: 'If an account uses this address, a link to reset the password is on its way.',
};

function emailKey(ctx: Context): string {
  const raw = (ctx.request.body as { email?: unknown } | undefined)?.email;
  return typeof raw === 'string' ? raw.trim().toLowerCase() : '';
}

export interface PasswordResetRouteDeps {
  config: Pick<Config, 'rateLimits'>;
  limiter: LimiterStore;
  passwordReset: PasswordResetService;
}

export function passwordResetRoutes(deps: PasswordResetRouteDeps): Router {
  const router = createRouter();
  const { passwordReset } = deps;
  const { rateLimits } = deps.config;
  const byIp = (ctx: Context) => ctx.ip;

  router.post(
    '/forgot-password',
    operation({
      operationId: 'forgotPassword',
      summary: 'Mail a reset link; always 202 with the same body, whether or not the address exists',
      body: ForgotPasswordBody,
      responses: { 202: AcceptedResponse },
    }),
    rateLimit(deps.limiter, { name: 'forgot-ip', limit: rateLimits.signup, key: byIp }),
    rateLimit(deps.limiter, { name: 'forgot-email', limit: RESET_MAIL_LIMIT, key: emailKey }),
    async (ctx) => {
      const { email } = parseBody(ForgotPasswordBody, ctx.request.body);
      passwordReset.requestReset(email);
      ctx.status = 202;
      ctx.body = FORGOT_PASSWORD_ANSWER;
    },
  );

  router.post(
    '/reset-password',
    operation({
      operationId: 'resetPassword',
      summary: 'Set a new password with the mailed token (single use, 1 h); ends every session',
      body: ResetPasswordBody,
      responses: { 204: null },
      errors: ['INVALID_TOKEN'],
    }),
    rateLimit(deps.limiter, { name: 'reset', limit: rateLimits.signin, key: byIp }),
    async (ctx) => {
      const { token, password } = parseBody(ResetPasswordBody, ctx.request.body);
      await passwordReset.reset(token, password);
      ctx.status = 204;
    },
  );

  return router;
}
