import { html, type TemplateResult } from 'lit';
import type { FormErrors, SessionStatus } from '../controllers/session.js';
import { HARDWARE_LEVELS, SOFTWARE_LEVELS, type Account, type ProfileFields } from '../types.js';
import type { SecurityController } from '../controllers/security.js';
import { formNotice, formTopError, renderSignIn, renderSignUp } from './auth-forms.js';
import {
  renderForgot,
  renderReset,
  renderSecondFactor,
  type RecoveryFormsContext,
} from './recovery-forms.js';
import { renderSecurity, renderVerifyNotice } from './security-view.js';
import { interestsField, selectField } from './fields.js';
import { userIcon } from './icons.js';

export interface AccountViewContext extends RecoveryFormsContext {
  status: SessionStatus;
  account: Account | undefined;
  twoFactorPending: boolean;
  security: SecurityController;
  profileInterests: string[];
  onProfileInterests(values: string[]): void;
  onSaveProfile(body: ProfileFields): void;
  onSignOut(): void;
}

export function renderAccountView(ctx: AccountViewContext): TemplateResult {
  // A reset link works whatever the session: the reset ends every session anyway.
  if (ctx.mode === 'reset') return renderReset(ctx);
  if (ctx.status === 'unknown') return html`<p class="loading" role="status">Checking your session…</p>`;
  if (ctx.status === 'signed-in' && ctx.account)
    return html`${renderVerifyNotice(ctx.security)}${renderProfile(ctx, ctx.account)}${renderSecurity(ctx.security)}`;
  if (ctx.twoFactorPending) return renderSecondFactor(ctx);
  if (ctx.mode === 'forgot') return renderForgot(ctx);
  return ctx.mode === 'signup' ? renderSignUp(ctx) : renderSignIn(ctx);
}

function renderProfile(ctx: AccountViewContext, account: Account): TemplateResult {
  const errors: FormErrors = ctx.errors;
  const submit = (e: SubmitEvent): void => {
    e.preventDefault();
    const data = new FormData(e.currentTarget as HTMLFormElement);
    ctx.onSaveProfile({
      software_experience: String(data.get('software_experience')) as ProfileFields['software_experience'],
      hardware_experience: String(data.get('hardware_experience')) as ProfileFields['hardware_experience'],
      interests: ctx.profileInterests,
    });
  };
  return html`
    <form class="form" part="form profile" novalidate aria-labelledby="profile-title" @submit=${submit}>
      <div class="profile-head">
        <span class="avatar" aria-hidden="true">${userIcon}</span>
        <div>
          <h3 id="profile-title">Your profile</h3>
          <p class="email">${account.email}</p>
        </div>
      </div>
      <p class="lead">Answers are written for this background. Change it any time.</p>
      ${formTopError(errors)} ${formNotice(ctx.notice)}
      <div class="field-row">
        ${selectField({
          id: 'profile-software',
          name: 'software_experience',
          label: 'Software experience',
          options: SOFTWARE_LEVELS,
          value: account.profile.software_experience,
          error: errors.fields.software_experience,
        })}
        ${selectField({
          id: 'profile-hardware',
          name: 'hardware_experience',
          label: 'Hardware experience',
          options: HARDWARE_LEVELS,
          value: account.profile.hardware_experience,
          error: errors.fields.hardware_experience,
        })}
      </div>
      ${interestsField({
        id: 'profile-interests',
        values: ctx.profileInterests,
        error: errors.fields.interests,
        onChange: ctx.onProfileInterests,
      })}
      <div class="form-actions">
        <button class="btn primary" part="submit" type="submit" ?disabled=${ctx.busy}>
          ${ctx.busy ? 'Saving…' : 'Save profile'}
        </button>
        <button class="btn" part="sign-out" type="button" ?disabled=${ctx.busy} @click=${ctx.onSignOut}>
          Sign out
        </button>
      </div>
    </form>
  `;
}
