import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { AccountViewContext } from '../views/account-view.js';
import type { AuthMode } from '../views/auth-forms.js';
import type { RecoveryController } from './recovery.js';
import type { SecurityController } from './security.js';
import type { SessionController } from './session.js';

const SIGN_UP_FIELDS = ['email', 'password', 'software_experience', 'hardware_experience', 'interests'];
const PROFILE_FIELDS = ['software_experience', 'hardware_experience', 'interests'];

/**
 * What the account forms hold between renders (which form, the password typed so far for
 * the live rule list, the interest chips) and how their submits reach the session.
 */
export class AccountFormsController implements ReactiveController {
  mode: AuthMode = 'signin';
  private useRecoveryCode = false;
  private password = '';
  private signUpInterests: string[] = [];
  private profileInterests: string[] = [];

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly session: SessionController,
    private readonly recovery: RecoveryController,
    private readonly security: SecurityController,
    /** Moves focus to the first control of the view once it has rendered. */
    private readonly focusFirst: () => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  /** Starts the profile editor's chips from the saved profile. */
  resetProfileDraft(): void {
    this.profileInterests = [...(this.session.account?.profile.interests ?? [])];
    this.host.requestUpdate();
  }

  context(): AccountViewContext {
    const s = this.session;
    const set = (apply: () => void): void => {
      apply();
      this.host.requestUpdate();
    };
    const refocus = (): void => void this.host.updateComplete.then(this.focusFirst);
    const afterSessionChange = async (ok: boolean): Promise<void> => {
      if (!ok) return;
      if (s.twoFactorPending) return refocus();
      this.mode = 'signin';
      this.password = '';
      this.signUpInterests = [];
      this.resetProfileDraft();
      await this.host.updateComplete;
      this.focusFirst();
    };
    return {
      status: s.status,
      account: s.account,
      busy: s.busy,
      errors: s.errors,
      notice: s.notice,
      mode: this.mode,
      twoFactorPending: s.twoFactorPending,
      security: this.security,
      forgotSent: this.recovery.forgotSent,
      useRecoveryCode: this.useRecoveryCode,
      password: this.password,
      interests: this.signUpInterests,
      profileInterests: this.profileInterests,
      onMode: (mode) => {
        set(() => (this.mode = mode));
        this.recovery.forgotSent = false;
        s.clearErrors();
        refocus();
      },
      onUseRecoveryCode: (use) => {
        set(() => (this.useRecoveryCode = use));
        s.clearErrors();
        refocus();
      },
      onSecondFactor: (body) => void s.signInSecondFactor(body).then(afterSessionChange),
      onCancelSecondFactor: () => {
        s.cancelSecondFactor();
        refocus();
      },
      onForgot: (email) => void this.recovery.forgot(email),
      onReset: (password) =>
        void this.recovery.reset(password).then((ok) => {
          if (!ok) return;
          set(() => {
            this.mode = 'signin';
            this.password = '';
          });
          refocus();
        }),
      onPassword: (value) => set(() => (this.password = value)),
      onInterests: (values) => set(() => (this.signUpInterests = values)),
      onProfileInterests: (values) => set(() => (this.profileInterests = values)),
      onInvalid: (errors) => s.showErrors(errors),
      onSignIn: (body) => {
        this.useRecoveryCode = false;
        void s.signIn(body, ['email', 'password']).then(afterSessionChange);
      },
      onSignUp: (body) => void s.signUp(body, SIGN_UP_FIELDS).then(afterSessionChange),
      onSaveProfile: (body) =>
        void s.updateProfile(body, PROFILE_FIELDS).then(() => this.resetProfileDraft()),
      onSignOut: () =>
        void s.signOut().then((ok) => {
          if (ok) this.security.reset();
          return afterSessionChange(ok);
        }),
    };
  }
}
