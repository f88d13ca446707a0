import type { Route } from '@playwright/test';
import type { ErrorBody, ErrorCode, SessionView, UserView } from '@textbook-assistant/contract';
import type { RecordedRequest } from './mock-bff.js';
import { SENSITIVE_ACTIONS } from '@textbook-assistant/contract/rules';

export const VALID_TOTP = '123456';
export const RECOVERY_CODES = Array.from({ length: 10 }, (_, i) => `rc${i}-abcd-efgh`);
export const QR_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 21 21"><path d="M1 1h7v7H1z" fill="#000"/></svg>';
export const OTPAUTH_URI =
  'otpauth://totp/Textbook%20Assistant:ada%40example.org?secret=JBSWY3DPEHPK3PXP&issuer=Textbook%20Assistant';
export const FORGOT_ANSWER = 'If an account uses this address, a link to reset the password is on its way.';

export function makeSessions(): SessionView[] {
  return [
    {
      id: '00000000-0000-4000-8000-000000000001',
      device: 'Chrome on Linux',
      user_agent: 'Mozilla/5.0 (X11; Linux x86_64) Chrome/130',
      ip: '127.0.0.1',
      created_at: '2026-01-01T00:00:00.000Z',
      last_used_at: '2026-01-02T10:00:00.000Z',
      current: true,
    },
    {
      id: '00000000-0000-4000-8000-000000000002',
      device: 'Firefox on Windows',
      user_agent: 'Mozilla/5.0 (Windows NT 10.0) Firefox/131',
      ip: '10.0.0.2',
      created_at: '2026-01-01T00:00:00.000Z',
      last_used_at: '2026-01-01T12:00:00.000Z',
      current: false,
    },
  ];
}

type Json = (status: number, data?: unknown) => Promise<void>;

/** The routes that re-authenticate with current_password, as in the BFF. */
const SENSITIVE: ReadonlySet<string> = new Set(SENSITIVE_ACTIONS);

const error = (code: ErrorCode, message: string): ErrorBody => ({ error: { code, message } });

/**
 * The account extras of docs/account-extras.md (verification, reset, two-factor, sessions,
 * password, deletion) for the mocked BFF. `route` answers them or returns false.
 */
export class UserViewExtras {
  emailVerified = true;
  twoFactorEnabled = false;
  /** Emails whose sign-in asks for the second step. */
  twoFactorEmails = new Set<string>();
  /** The email waiting for its second step (the `ta_2fa` cookie, in the real BFF). */
  pendingTwoFactor: string | undefined;
  sessions: SessionView[] = makeSessions();
  /** Tokens the mail links may carry. */
  validTokens = new Set<string>();

  async route(
    route: Route,
    key: string,
    req: RecordedRequest,
    json: Json,
    ctx: {
      session: UserView | undefined;
      authed: boolean;
      unauthorized: () => Promise<void>;
      passwordOf: (email: string) => string;
      signIn: (email: string) => UserView | undefined;
      end: (deleteUser: boolean) => void;
    },
  ): Promise<boolean> {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const token = String(body.token ?? '');
    switch (key) {
      case 'POST /auth/signin/2fa': {
        const email = this.pendingTwoFactor;
        if (!email) await json(401, error('two_factor_not_pending', 'Sign in with your password first.'));
        else if (body.code === VALID_TOTP || RECOVERY_CODES.includes(String(body.recovery_code))) {
          this.pendingTwoFactor = undefined;
          const account = ctx.signIn(email)!;
          await json(200, { user: account, expires_in: 900 });
        } else
          await json(401, error('invalid_two_factor_code', 'The code is incorrect or was already used.'));
        return true;
      }
      case 'POST /auth/forgot-password':
        await json(202, { message: FORGOT_ANSWER });
        return true;
      case 'POST /auth/reset-password':
      case 'POST /account/verify-email':
        if (!this.validTokens.delete(token)) {
          await json(400, error('invalid_token', 'The link is invalid or has expired.'));
        } else if (key.endsWith('verify-email')) {
          this.emailVerified = true;
          await json(200, { email_verified: true });
        } else await json(204);
        return true;
    }
    if (!key.includes(' /account')) return false;
    if (!ctx.authed) {
      await ctx.unauthorized();
      return true;
    }
    const account = ctx.session!;
    if (key.startsWith('DELETE /account/sessions/')) {
      const id = key.slice('DELETE /account/sessions/'.length);
      const found = this.sessions.find((s) => s.id === id);
      if (!found) await json(404, error('not_found', 'No such session.'));
      else {
        this.sessions = this.sessions.filter((s) => s !== found);
        if (found.current) ctx.end(false);
        await json(204);
      }
      return true;
    }
    // Re-authentication, as the BFF's auth/reauth.ts: every sensitive action carries current_password.
    if (SENSITIVE.has(key)) {
      if (typeof body.current_password !== 'string' || !body.current_password) {
        await json(400, {
          error: {
            code: 'validation_error',
            message: 'The request has invalid or missing fields.',
            details: [{ path: 'current_password', message: 'required' }],
          },
        } satisfies ErrorBody);
        return true;
      }
      if (body.current_password !== ctx.passwordOf(account.email)) {
        await json(401, error('invalid_password', 'The password is incorrect.'));
        return true;
      }
    }
    switch (key) {
      case 'GET /account':
        await json(200, {
          id: account.id,
          email: account.email,
          email_verified: this.emailVerified,
          role: 'user',
          two_factor_enabled: this.twoFactorEnabled,
          created_at: account.created_at,
        });
        return true;
      case 'GET /account/sessions':
        await json(200, { sessions: this.sessions });
        return true;
      case 'POST /account/verify-email/request':
        await json(this.emailVerified ? 200 : 202, {
          sent: !this.emailVerified,
          email_verified: this.emailVerified,
        });
        return true;
      case 'POST /account/signout-all':
        this.sessions = [];
        ctx.end(false);
        await json(204);
        return true;
      case 'POST /account/password':
        this.sessions = this.sessions.filter((s) => s.current);
        await json(204);
        return true;
      case 'DELETE /account':
        ctx.end(true);
        await json(204);
        return true;
      case 'POST /account/2fa/setup':
        await json(200, { otpauth_uri: OTPAUTH_URI, qr_svg: QR_SVG });
        return true;
      case 'POST /account/2fa/confirm':
        if (body.code !== VALID_TOTP)
          await json(401, error('invalid_two_factor_code', 'The code is incorrect or was already used.'));
        else {
          this.twoFactorEnabled = true;
          await json(200, { recovery_codes: RECOVERY_CODES });
        }
        return true;
      case 'POST /account/2fa/disable':
        this.twoFactorEnabled = false;
        await json(204);
        return true;
      case 'POST /account/2fa/recovery-codes':
        await json(200, { recovery_codes: RECOVERY_CODES });
        return true;
    }
    return false;
  }
}
