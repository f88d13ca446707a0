import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { REAUTH_FIELD } from '@textbook-assistant/contract/rules';
import { ApiError, type ApiClient } from '../api/client.js';
import type { AccountInfo, SessionInfo, TwoFactorSetup } from '../types.js';
import { toFormErrors, type FormErrors, type SessionController } from './session.js';

const REAUTH = REAUTH_FIELD;
const WRONG_PASSWORD = { invalid_password: REAUTH };

/** The signed-in account's security forms; each has its own errors and notice. */
export type SecurityForm = 'verify' | 'two-factor' | 'disable' | 'password' | 'sessions' | 'delete';

/**
 * Email verification, two-factor set-up, password, sessions and account deletion for the
 * signed-in reader (GET /account and /account/*). Loaded when the Account view is first shown.
 */
export class SecurityController implements ReactiveController {
  /** GET /account; undefined until loaded, or on a BFF without it (the sections stay hidden). */
  info: AccountInfo | undefined;
  sessions: SessionInfo[] | undefined;
  /** A pending two-factor set-up: the QR code and the otpauth URI. */
  setup: TwoFactorSetup | undefined;
  /** Shown once, right after two-factor sign-in was turned on. */
  recoveryCodes: string[] | undefined;
  codesCopied = false;
  busy: SecurityForm | '' = '';
  errors: { form: SecurityForm; errors: FormErrors } | undefined;
  notice: { form: SecurityForm; text: string } | undefined;
  /** The new password typed so far, for the live rule list. */
  newPassword = '';
  private loaded = false;
  private verifiedHere = false;
  /** The password typed to start a set-up, sent again with its confirming code; cleared after. */
  private setupPassword = '';

  constructor(
    private readonly host: ReactiveControllerHost & { renderRoot: ParentNode },
    private readonly api: () => ApiClient,
    private readonly session: SessionController,
  ) {
    host.addController(this);
  }

  /** Focuses the first match of `selector` once the view shows the latest state. */
  private focus(selector: string): void {
    this.host.requestUpdate();
    void this.host.updateComplete.then(() =>
      this.host.renderRoot.querySelector<HTMLElement>(selector)?.focus(),
    );
  }

  hostConnected(): void {}

  errorsOf(form: SecurityForm): FormErrors {
    return this.errors?.form === form ? this.errors.errors : { fields: {} };
  }

  noticeOf(form: SecurityForm): string {
    return this.notice?.form === form ? this.notice.text : '';
  }

  /** Errors found before sending (client-side checks). */
  invalid(form: SecurityForm, fields: Record<string, string>): void {
    this.errors = { form, errors: { fields } };
    this.notice = undefined;
    this.host.requestUpdate();
  }

  setNewPassword(value: string): void {
    this.newPassword = value;
    this.host.requestUpdate();
  }

  /** Loads once per sign-in; a BFF without /account just leaves the sections out. */
  load(): void {
    if (this.loaded) return;
    this.loaded = true;
    void Promise.all([this.api().getAccount(), this.api().getSessions()]).then(
      ([info, sessions]) => {
        // A verification link may have been used while GET /account was on its way.
        this.info = { ...info, email_verified: info.email_verified || this.verifiedHere };
        this.sessions = sessions;
        this.host.requestUpdate();
      },
      () => undefined,
    );
  }

  /** Forgets everything (signed out). */
  reset(): void {
    Object.assign(this, {
      info: undefined,
      sessions: undefined,
      setup: undefined,
      recoveryCodes: undefined,
      errors: undefined,
      notice: undefined,
      newPassword: '',
      setupPassword: '',
      loaded: false,
      verifiedHere: false,
    });
  }

  emailVerified(): void {
    this.verifiedHere = true;
    if (this.info) this.info = { ...this.info, email_verified: true };
    this.host.requestUpdate();
  }

  resendVerification(): Promise<boolean> {
    return this.run('verify', [], {}, async () => {
      const { email_verified } = await this.api().account<{ email_verified: boolean }>(
        'POST',
        '/verify-email/request',
      );
      if (email_verified) this.emailVerified();
      this.say(
        'verify',
        email_verified ? 'Your email is already verified.' : 'Check your inbox for the link.',
      );
    });
  }

  /** Every sensitive action re-authenticates with the current password (BFF: auth/reauth.ts). */
  startTwoFactor(password: string): Promise<boolean> {
    return this.run('two-factor', [REAUTH], WRONG_PASSWORD, async () => {
      this.setup = await this.api().setUpTwoFactor(password);
      this.setupPassword = password;
      this.focus('#tf-code');
    });
  }

  cancelTwoFactor(): void {
    this.setup = undefined;
    this.setupPassword = '';
    this.errors = undefined;
    this.host.requestUpdate();
    this.focus('#tf-start');
  }

  confirmTwoFactor(code: string): Promise<boolean> {
    return this.run('two-factor', ['code'], { invalid_two_factor_code: 'code' }, async () => {
      const { recovery_codes } = await this.api().account<{ recovery_codes: string[] }>(
        'POST',
        '/2fa/confirm',
        { code, [REAUTH]: this.setupPassword },
      );
      this.setup = undefined;
      this.setupPassword = '';
      this.recoveryCodes = recovery_codes;
      this.codesCopied = false;
      if (this.info) this.info = { ...this.info, two_factor_enabled: true };
      this.focus('#tf-copy');
    });
  }

  async copyRecoveryCodes(): Promise<void> {
    try {
      await navigator.clipboard.writeText((this.recoveryCodes ?? []).join('\n'));
      this.codesCopied = true;
    } catch {
      this.say('two-factor', 'Copying is not allowed here: select the codes and copy them.');
    }
    this.host.requestUpdate();
  }

  recoveryCodesSaved(): void {
    this.recoveryCodes = undefined;
    this.say('two-factor', 'Two-factor sign-in is on.');
    this.host.requestUpdate();
    this.focus('#tf-off-password');
  }

  disableTwoFactor(password: string): Promise<boolean> {
    return this.run('disable', [REAUTH], WRONG_PASSWORD, async () => {
      await this.api().account('POST', '/2fa/disable', { [REAUTH]: password });
      if (this.info) this.info = { ...this.info, two_factor_enabled: false };
      this.say('two-factor', 'Two-factor sign-in is off.');
      this.focus('#tf-start');
    });
  }

  changePassword(current: string, next: string): Promise<boolean> {
    const fields = ['current_password', 'new_password'];
    return this.run('password', fields, WRONG_PASSWORD, async () => {
      await this.api().account('POST', '/password', { [REAUTH]: current, new_password: next });
      this.newPassword = '';
      this.say('password', 'Password changed. Your other devices were signed out.');
      this.sessions = this.sessions?.filter((s) => s.current);
    });
  }

  revokeSession(id: string): Promise<boolean> {
    return this.run('sessions', [], {}, async () => {
      await this.api().account('DELETE', `/sessions/${encodeURIComponent(id)}`);
      if (this.sessions?.find((s) => s.id === id)?.current) return this.signedOut();
      this.sessions = this.sessions?.filter((s) => s.id !== id);
      this.say('sessions', 'Session ended.');
      this.focus('#sessions-title');
    });
  }

  signOutEverywhere(): Promise<boolean> {
    return this.run('sessions', [], {}, async () => {
      await this.api().account('POST', '/signout-all');
      this.signedOut();
    });
  }

  deleteAccount(password: string): Promise<boolean> {
    return this.run('delete', [REAUTH], WRONG_PASSWORD, async () => {
      await this.api().account('DELETE', '', { [REAUTH]: password });
      this.signedOut();
      this.session.notice = 'Your account was deleted.';
    });
  }

  private signedOut(): void {
    this.reset();
    this.session.ended('user');
    this.focus('#signin-email');
  }

  private say(form: SecurityForm, text: string): void {
    this.notice = { form, text };
  }

  /**
   * Runs one form's request: `codeToField` puts an error without details (a wrong password or
   * code) next to the field it is about; a session that turned out to be gone signs out.
   */
  private async run(
    form: SecurityForm,
    fields: string[],
    codeToField: Record<string, string>,
    work: () => Promise<void>,
  ): Promise<boolean> {
    this.busy = form;
    this.errors = undefined;
    this.notice = undefined;
    this.host.requestUpdate();
    try {
      await work();
      return true;
    } catch (err) {
      const field = err instanceof ApiError ? codeToField[err.code] : undefined;
      const errors = toFormErrors(err, fields);
      if (field && err instanceof ApiError) {
        this.errors = { form, errors: { fields: { [field]: err.message } } };
      } else {
        this.errors = { form, errors };
      }
      if (err instanceof ApiError && err.code === 'unauthenticated') {
        this.reset();
        this.session.ended('expired');
        this.session.errors = { fields: {}, form: 'Your session has expired. Please sign in again.' };
      }
      return false;
    } finally {
      this.busy = '';
      this.host.requestUpdate();
    }
  }
}
