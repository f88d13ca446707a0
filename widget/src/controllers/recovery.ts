import { ApiError, type ApiClient } from '../api/client.js';
import type { SessionController } from './session.js';

/**
 * Mail links land on the host page with the token in the URL: the BFF writes
 * `?reset_password=…` and `?verify_email=…` (bff/src/mail/mail-templates.ts); a host may also
 * use `?ta_reset_token=…` or a `#ta-reset=…` fragment, which never reaches the server's logs.
 */
const PARAMS = {
  reset: ['reset_password', 'ta_reset_token', 'ta-reset'],
  verify: ['verify_email', 'ta_verify_token', 'ta-verify'],
} as const;

export interface UrlTokens {
  reset?: string;
  verify?: string;
}

/** Reads the mail-link tokens and removes them from the address bar (and its history entry). */
export function takeUrlTokens(): UrlTokens {
  const url = new URL(window.location.href);
  const hash = new URLSearchParams(url.hash.slice(1));
  const found: UrlTokens = {};
  const changed = { search: false, hash: false };
  for (const kind of ['reset', 'verify'] as const) {
    for (const name of PARAMS[kind]) {
      for (const [where, params] of [
        ['search', url.searchParams],
        ['hash', hash],
      ] as const) {
        const value = params.get(name);
        if (value === null) continue;
        found[kind] ??= value;
        params.delete(name);
        changed[where] = true;
      }
    }
  }
  if (changed.hash) url.hash = hash.toString();
  if (changed.search || changed.hash) {
    window.history.replaceState(window.history.state, '', `${url.pathname}${url.search}${url.hash}`);
  }
  return found;
}

/** Forgot password, reset password and verify email: flows that need no session. */
export class RecoveryController {
  /** The reset token from the mail link, until the new password is set. */
  resetToken = '';
  /** The forgot-password form was sent: it shows the same confirmation whatever the address. */
  forgotSent = false;

  constructor(
    private readonly api: () => ApiClient,
    private readonly session: SessionController,
  ) {}

  /**
   * Takes a mail link's token from the URL: keeps a reset token for the reset form, or verifies
   * the email at once. True when the panel should open on the Account view.
   */
  takeMailLink(onVerified: () => void): boolean {
    const tokens = takeUrlTokens();
    if (tokens.reset) this.resetToken = tokens.reset;
    else if (tokens.verify) void this.verify(tokens.verify).then((ok) => ok && onVerified());
    return !!(tokens.reset || tokens.verify);
  }

  forgot(email: string): Promise<boolean> {
    return this.session.run(['email'], async () => {
      const { message } = await this.api().forgotPassword(email);
      this.forgotSent = true;
      this.session.notice = message;
    });
  }

  reset(password: string): Promise<boolean> {
    return this.session.run(['password'], async () => {
      try {
        await this.api().resetPassword(this.resetToken, password);
      } catch (err) {
        throw err instanceof ApiError && err.code === 'invalid_token'
          ? new ApiError(
              err.status,
              err.code,
              'This reset link is invalid, used or expired. Ask for a new one.',
            )
          : err;
      }
      this.resetToken = '';
      if (this.session.status === 'signed-in') this.session.ended('user'); // the reset ended it
      this.session.notice = 'Your password was reset. Sign in with the new one.';
    });
  }

  verify(token: string): Promise<boolean> {
    return this.session.run([], async () => {
      try {
        await this.api().verifyEmail(token);
      } catch (err) {
        throw err instanceof ApiError && (err.code === 'invalid_token' || err.code === 'validation_error')
          ? new ApiError(err.status, err.code, 'This verification link is invalid, used or expired.')
          : err;
      }
      this.session.notice = 'Email verified.';
    });
  }
}
