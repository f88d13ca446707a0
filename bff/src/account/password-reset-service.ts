import type { Logger } from '../platform/logger.js';
import type { Mailer } from '../mail/mailer.js';
import { appLink, passwordResetMail } from '../mail/mail-templates.js';
import type { PasswordHasher } from '../auth/passwords.js';
import type { AccountStore } from './account-store.js';
import { hashOneTimeToken, newOneTimeToken, type OneTimeTokenStore } from './one-time-token-store.js';
import { invalidToken } from './verification-service.js';

export const RESET_PASSWORD_TTL_SECONDS = 3600;

export interface PasswordResetDeps {
  accounts: AccountStore;
  tokens: OneTimeTokenStore;
  mailer: Mailer;
  passwords: PasswordHasher;
  logger: Logger;
  publicAppUrl: string;
}

/** Forgot / reset password: a single-use, one-hour link; a reset ends every session. */
export function createPasswordResetService(d: PasswordResetDeps) {
  async function mailResetLink(email: string): Promise<void> {
    const user = await d.accounts.findByEmail(email);
    if (!user || !user.isActive) return;
    const { token, hash } = newOneTimeToken();
    await d.tokens.insert(user.id, 'reset_password', hash, RESET_PASSWORD_TTL_SECONDS);
    await d.mailer.send(passwordResetMail(user.email, appLink(d.publicAppUrl, 'reset_password', token)));
  }

  return {
    /**
     * Returns before looking anything up: the answer and its timing are the same whether or not
     * the address has an account. Failures are logged.
     */
    requestReset(email: string): void {
      mailResetLink(email).catch((err: unknown) => d.logger.error({ err }, 'password reset mail failed'));
    },

    /** The token is spent first, atomically; only the one request that spent it sets the password. */
    async reset(token: string, newPassword: string): Promise<void> {
      const userId = await d.tokens.consume('reset_password', hashOneTimeToken(token));
      if (!userId) throw invalidToken();
      const hashed = await d.passwords.hash(newPassword);
      await d.accounts.setPassword(userId, hashed, null);
      // The link arrived in the mailbox: that proves the address as well as a verification link.
      await d.accounts.markEmailVerified(userId);
      await d.tokens.voidOutstanding(userId, 'reset_password');
      d.logger.info({ userId }, 'password reset: every session revoked');
    },
  };
}

export type PasswordResetService = ReturnType<typeof createPasswordResetService>;
