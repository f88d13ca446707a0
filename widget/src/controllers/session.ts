import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { ApiError, type ApiClient } from '../api/client.js';
import { emit } from '../events.js';
import type { Account, ProfileFields, SecondFactor, SignInRequest, SignUpRequest } from '../types.js';
import { describeError } from './error-text.js';

export type SessionStatus = 'unknown' | 'signed-out' | 'signed-in';

/** Errors of one form: by field (from the API's `details[].path`) and for the form as a whole. */
export interface FormErrors {
  form?: string;
  fields: Record<string, string>;
}

type Host = ReactiveControllerHost & HTMLElement;

/**
 * The reader's session. Tokens live in httpOnly cookies, so "signed in" is learned from
 * GET /auth/session, which answers 200 to anonymous readers too; a refresh is tried only when
 * that answer says one would succeed.
 */
export class SessionController implements ReactiveController {
  status: SessionStatus = 'unknown';
  account: Account | undefined;
  busy = false;
  errors: FormErrors = { fields: {} };
  /** A short success message ("Profile saved"). */
  notice = '';
  /** The password was right and the account wants its second factor (POST /auth/signin/2fa). */
  twoFactorPending = false;

  constructor(
    private readonly host: Host,
    private readonly api: () => ApiClient,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  async restore(): Promise<void> {
    try {
      let session = await this.api().getSession();
      if (!session.user && session.refreshable && (await this.api().refresh()))
        session = await this.api().getSession();
      if (!session.user) throw new Error('no session');
      this.setAccount(session.user);
      emit(this.host, 'ta-signed-in', { user: this.account!, restored: true });
    } catch {
      this.account = undefined;
      this.status = 'signed-out';
    }
    this.host.requestUpdate();
  }

  clearErrors(): void {
    this.errors = { fields: {} };
    this.notice = '';
    this.host.requestUpdate();
  }

  /** Shows errors found before sending (client-side validation). */
  showErrors(errors: FormErrors): void {
    this.errors = errors;
    this.host.requestUpdate();
  }

  signIn(body: SignInRequest, fields: string[]): Promise<boolean> {
    return this.run(fields, async () => {
      const answer = await this.api().signIn(body);
      if ('two_factor_required' in answer) {
        this.twoFactorPending = true;
        return;
      }
      this.setAccount(await this.api().getProfile());
      emit(this.host, 'ta-signed-in', { user: answer.user, restored: false });
    });
  }

  /** The second sign-in step; a wrong code is shown next to its field. */
  signInSecondFactor(body: SecondFactor): Promise<boolean> {
    const field = 'code' in body ? 'code' : 'recovery_code';
    return this.run([field], async () => {
      try {
        const { user } = await this.api().signInSecondFactor(body);
        this.twoFactorPending = false;
        this.setAccount(await this.api().getProfile());
        emit(this.host, 'ta-signed-in', { user, restored: false });
      } catch (err) {
        if (!(err instanceof ApiError)) throw err;
        // The pending step is gone (too many guesses, 5 minutes passed): back to the password.
        if (err.code === 'two_factor_not_pending') this.twoFactorPending = false;
        if (err.code === 'invalid_two_factor_code' || err.code === 'validation_error')
          throw new ApiError(err.status, err.code, err.message, [
            { path: field, message: err.details[0]?.message ?? err.message },
          ]);
        throw err;
      }
    });
  }

  /** Leaves the second step for the password form. */
  cancelSecondFactor(): void {
    this.twoFactorPending = false;
    this.clearErrors();
  }

  /** Any call that ended the session on the server (delete account, sign out everywhere). */
  ended(reason: 'user' | 'expired'): void {
    this.endSession(reason);
    this.host.requestUpdate();
  }

  signUp(body: SignUpRequest, fields: string[]): Promise<boolean> {
    return this.run(fields, async () => {
      const { user } = await this.api().signUp(body);
      this.setAccount(await this.api().getProfile());
      emit(this.host, 'ta-signed-up', { user });
      emit(this.host, 'ta-signed-in', { user, restored: false });
    });
  }

  updateProfile(body: Partial<ProfileFields>, fields: string[]): Promise<boolean> {
    return this.run(fields, async () => {
      this.setAccount(await this.api().updateProfile(body));
      this.notice = 'Profile saved.';
      emit(this.host, 'ta-profile-updated', { account: this.account! });
    });
  }

  signOut(): Promise<boolean> {
    return this.run([], async () => {
      try {
        await this.api().signOut();
      } catch (err) {
        // Already signed out on the server: the goal is reached.
        if (!(err instanceof ApiError && err.status === 401)) throw err;
      }
      this.endSession('user');
    });
  }

  private setAccount(account: Account): void {
    this.account = account;
    this.status = 'signed-in';
  }

  /** Another tab signed out: the cookies are gone for this tab too. */
  endedElsewhere(): void {
    if (this.status !== 'signed-in') return;
    this.endSession('user');
    this.host.requestUpdate();
  }

  /** The client found the session gone while answering a question anonymously. */
  sessionLost(): void {
    if (this.status !== 'signed-in') return;
    this.endSession('expired');
    this.host.requestUpdate();
  }

  private endSession(reason: 'user' | 'expired'): void {
    const wasSignedIn = this.status === 'signed-in';
    this.account = undefined;
    this.status = 'signed-out';
    if (wasSignedIn || reason === 'user') emit(this.host, 'ta-signed-out', { reason });
  }

  async run(fields: string[], work: () => Promise<void>): Promise<boolean> {
    this.busy = true;
    this.errors = { fields: {} };
    this.notice = '';
    this.host.requestUpdate();
    try {
      await work();
      return true;
    } catch (err) {
      this.errors = toFormErrors(err, fields);
      if (err instanceof ApiError && err.status === 401 && this.status === 'signed-in') {
        this.endSession('expired');
        this.errors = { fields: {}, form: 'Your session has expired. Please sign in again.' };
      }
      return false;
    } finally {
      this.busy = false;
      this.host.requestUpdate();
    }
  }
}

/** Puts each `details[]` entry next to its field (by the path's first segment), the rest on top. */
export function toFormErrors(err: unknown, fields: string[]): FormErrors {
  const result: FormErrors = { fields: {} };
  const unplaced: string[] = [];
  if (err instanceof ApiError) {
    for (const detail of err.details) {
      const field = String(detail.path ?? '').split(/[.[\]/]/)[0] ?? '';
      if (fields.includes(field)) result.fields[field] ??= detail.message;
      else unplaced.push(detail.message);
    }
  }
  if (unplaced.length || !Object.keys(result.fields).length) {
    result.form = [describeError(err), ...unplaced].join(' ');
  }
  return result;
}
