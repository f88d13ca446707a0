import { html, nothing, type TemplateResult } from 'lit';
import { passwordProblems } from '../password-rules.js';
import type { SecondFactor } from '../types.js';
import {
  EMAIL,
  formNotice,
  formTopError,
  renderPasswordRules,
  textField,
  type AuthFormsContext,
  type AuthMode,
} from './auth-forms.js';

/** The signed-out flows besides sign-in and sign-up: second factor, forgot and reset password. */
export interface RecoveryFormsContext extends AuthFormsContext {
  forgotSent: boolean;
  useRecoveryCode: boolean;
  onUseRecoveryCode(use: boolean): void;
  onSecondFactor(body: SecondFactor): void;
  onCancelSecondFactor(): void;
  onForgot(email: string): void;
  onReset(password: string): void;
}

const valueOf = (e: SubmitEvent, name: string): string =>
  String(new FormData(e.currentTarget as HTMLFormElement).get(name) ?? '').trim();

function backToSignIn(
  ctx: AuthFormsContext,
  label = 'Back to sign in',
  mode: AuthMode = 'signin',
): TemplateResult {
  return html`<p class="switch">
    <button class="link" type="button" @click=${() => ctx.onMode(mode)}>${label}</button>
  </p>`;
}

export function renderSecondFactor(ctx: RecoveryFormsContext): TemplateResult {
  const recovery = ctx.useRecoveryCode;
  const name = recovery ? 'recovery_code' : 'code';
  const submit = (e: SubmitEvent): void => {
    e.preventDefault();
    const value = valueOf(e, name).replace(/\s+/g, '');
    if (!recovery && !/^\d{6}$/.test(value))
      ctx.onInvalid({ fields: { code: 'Enter the 6-digit code from your authenticator app.' } });
    else if (recovery && value.length < 8)
      ctx.onInvalid({ fields: { recovery_code: 'Enter one of your recovery codes.' } });
    else ctx.onSecondFactor(recovery ? { recovery_code: value } : { code: value });
  };
  return html`
    <form class="form" part="form two-factor-step" novalidate aria-labelledby="tfa-title" @submit=${submit}>
      <h3 id="tfa-title">Two-factor sign-in</h3>
      <p class="lead">
        ${
          recovery
            ? 'Enter one of the recovery codes you saved. Each works once.'
            : 'Enter the 6-digit code your authenticator app shows for this account.'
        }
      </p>
      ${formTopError(ctx.errors)}
      ${
        recovery
          ? textField('tfa-recovery', 'recovery_code', 'Recovery code', 'text', 'off', ctx.errors, {
              maxlength: 32,
            })
          : textField('tfa-code', 'code', 'Authentication code', 'text', 'one-time-code', ctx.errors, {
              inputmode: 'numeric',
              maxlength: 6,
            })
      }
      <button class="btn primary block" part="submit" type="submit" ?disabled=${ctx.busy}>
        ${ctx.busy ? 'Checking…' : 'Verify and sign in'}
      </button>
      <p class="switch">
        <button class="link" type="button" @click=${() => ctx.onUseRecoveryCode(!recovery)}>
          ${recovery ? 'Use a code from the app instead' : 'Use a recovery code instead'}
        </button>
      </p>
      <p class="switch">
        <button class="link" type="button" @click=${ctx.onCancelSecondFactor}>Back to sign in</button>
      </p>
    </form>
  `;
}

export function renderForgot(ctx: RecoveryFormsContext): TemplateResult {
  const submit = (e: SubmitEvent): void => {
    e.preventDefault();
    const email = valueOf(e, 'email');
    if (!EMAIL.test(email)) ctx.onInvalid({ fields: { email: 'Enter a valid email address.' } });
    else ctx.onForgot(email);
  };
  return html`
    <form
      class="form"
      part="form forgot-password"
      novalidate
      aria-labelledby="forgot-title"
      @submit=${submit}
    >
      <h3 id="forgot-title">Reset your password</h3>
      <p class="lead">We will mail a link to choose a new password. It works for one hour.</p>
      ${formNotice(ctx.notice)} ${formTopError(ctx.errors)}
      ${textField('forgot-email', 'email', 'Email', 'email', 'email', ctx.errors)}
      <button class="btn primary block" part="submit" type="submit" ?disabled=${ctx.busy}>
        ${ctx.busy ? 'Sending…' : ctx.forgotSent ? 'Send again' : 'Send reset link'}
      </button>
      ${backToSignIn(ctx)}
    </form>
  `;
}

export function renderReset(ctx: RecoveryFormsContext): TemplateResult {
  const submit = (e: SubmitEvent): void => {
    e.preventDefault();
    const password = String(new FormData(e.currentTarget as HTMLFormElement).get('password') ?? '');
    const problems = passwordProblems(password);
    if (problems.length)
      ctx.onInvalid({ fields: { password: `Password needs: ${problems.join(', ').toLowerCase()}.` } });
    else ctx.onReset(password);
  };
  return html`
    <form class="form" part="form reset-password" novalidate aria-labelledby="reset-title" @submit=${submit}>
      <h3 id="reset-title">Choose a new password</h3>
      <p class="lead">Resetting signs you out on every device.</p>
      ${formTopError(ctx.errors)}
      ${textField('reset-password', 'password', 'New password', 'password', 'new-password', ctx.errors, {
        describedBy: 'reset-password-rules',
        onInput: (e) => ctx.onPassword((e.currentTarget as HTMLInputElement).value),
      })}
      ${renderPasswordRules(ctx.password, 'reset-password-rules')}
      <button class="btn primary block" part="submit" type="submit" ?disabled=${ctx.busy}>
        ${ctx.busy ? 'Saving…' : 'Set new password'}
      </button>
      ${ctx.errors.form ? backToSignIn(ctx, 'Ask for a new link', 'forgot') : nothing}
    </form>
  `;
}
