import { AppError } from '../platform/errors.js';
import type { Logger } from '../platform/logger.js';
import type { Mailer } from '../mail/mailer.js';
import { appLink, verificationMail } from '../mail/mail-templates.js';
import type { AccountStore } from './account-store.js';
import { hashOneTimeToken, newOneTimeToken, type OneTimeTokenStore } from './one-time-token-store.js';

export const VERIFY_EMAIL_TTL_SECONDS = 24 * 3600;

export interface VerificationDeps {
  accounts: AccountStore;
  tokens: OneTimeTokenStore;
  mailer: Mailer;
  logger: Logger;
  publicAppUrl: string;
}

/** Email verification: a single-use, 24-hour link mailed at sign-up and on request. */
export function createVerificationService(d: VerificationDeps) {
  async function mailLink(user: { id: string; email: string }): Promise<void> {
    const { token, hash } = newOneTimeToken();
    await d.tokens.insert(user.id, 'verify_email', hash, VERIFY_EMAIL_TTL_SECONDS);
    await d.mailer.send(verificationMail(user.email, appLink(d.publicAppUrl, 'verify_email', token)));
  }

  return {
    /** Called right after sign-up; a failure is logged and never reaches the reader. */
    afterSignup(user: { id: string; email: string }): void {
      mailLink(user).catch((err: unknown) =>
        d.logger.error({ err, userId: user.id }, 'verification mail at sign-up failed'),
      );
    },

    /** On request; says so when the mail could not be sent, so the reader can try again. */
    async request(userId: string): Promise<{ alreadyVerified: boolean }> {
      const user = await d.accounts.findById(userId);
      if (!user) throw new AppError('UNAUTHENTICATED', 'Sign in to continue.');
      if (user.emailVerified) return { alreadyVerified: true };
      try {
        await mailLink(user);
      } catch (err) {
        d.logger.error({ err, userId }, 'verification mail failed');
        throw new AppError('MAIL_UNAVAILABLE', 'The mail could not be sent. Try again shortly.');
      }
      return { alreadyVerified: false };
    },

    async verify(token: string): Promise<void> {
      const userId = await d.tokens.consume('verify_email', hashOneTimeToken(token));
      if (!userId) throw invalidToken();
      await d.accounts.markEmailVerified(userId);
      await d.tokens.voidOutstanding(userId, 'verify_email');
    },

    async isVerified(userId: string): Promise<boolean> {
      return (await d.accounts.findById(userId))?.emailVerified ?? false;
    },
  };
}

export function invalidToken(): AppError {
  return new AppError('INVALID_TOKEN', 'This link is invalid, already used or expired. Ask for a new one.');
}

export type VerificationService = ReturnType<typeof createVerificationService>;
