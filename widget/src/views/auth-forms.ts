import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { FormErrors } from '../controllers/session.js';
import { PASSWORD_RULES, passwordProblems } from '../password-rules.js';
import {
  HARDWARE_LEVELS,
  SOFTWARE_LEVELS,
  type HardwareExperience,
  type SignInRequest,
  type SignUpRequest,
  type SoftwareExperience,
} from '../types.js';
import { checkIcon, closeIcon, dotIcon } from './icons.js';
import { describedBy, fieldError, interestsField, selectField } from './fields.js';

export type AuthMode = 'signin' | 'signup' | 'forgot' | 'reset';

export interface AuthFormsContext {
  mode: AuthMode;
  busy: boolean;
  errors: FormErrors;
  notice: string;
  password: string;
  interests: string[];
  onMode(mode: AuthMode): void;
  onPassword(value: string): void;
  onInterests(values: string[]): void;
  onInvalid(errors: FormErrors): void;
  onSignIn(body: SignInRequest): void;
  onSignUp(body: SignUpRequest): void;
}

export const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function formTopError(errors: FormErrors): TemplateResult | typeof nothing {
  return errors.form ? html`<div class="form-error" part="error" role="alert">${errors.form}</div>` : nothing;
}

export function formNotice(notice: string): TemplateResult | typeof nothing {
  return notice ? html`<div class="notice" part="notice" role="status">${notice}</div>` : nothing;
}

export interface TextFieldExtra {
  describedBy?: string;
  onInput?: (e: Event) => void;
  inputmode?: string;
  maxlength?: number;
}

export function textField(
  id: string,
  name: string,
  label: string,
  type: string,
  autocomplete: string,
  errors: FormErrors,
  extra: TextFieldExtra = {},
): TemplateResult {
  const error = errors.fields[name];
  return html`
    <div class="field" part="field">
      <label for=${id}>${label}</label>
      <input
        id=${id}
        name=${name}
        type=${type}
        autocomplete=${autocomplete}
        inputmode=${ifDefined(extra.inputmode)}
        maxlength=${ifDefined(extra.maxlength)}
        required
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby=${ifDefined(describedBy(id, error, ...(extra.describedBy ? [extra.describedBy] : [])))}
        @input=${extra.onInput}
      />
      ${fieldError(id, error)}
    </div>
  `;
}

export function renderSignIn(ctx: AuthFormsContext): TemplateResult {
  const submit = (e: SubmitEvent): void => {
    e.preventDefault();
    const data = new FormData(e.currentTarget as HTMLFormElement);
    const body = {
      email: String(data.get('email') ?? '').trim(),
      password: String(data.get('password') ?? ''),
    };
    const fields: Record<string, string> = {};
    if (!EMAIL.test(body.email)) fields.email = 'Enter a valid email address.';
    if (!body.password) fields.password = 'Enter your password.';
    if (Object.keys(fields).length) ctx.onInvalid({ fields });
    else ctx.onSignIn(body);
  };
  return html`
    <form class="form" part="form" novalidate aria-labelledby="signin-title" @submit=${submit}>
      <h3 id="signin-title">Sign in</h3>
      <p class="lead">Sign in to get answers written for your experience and interests.</p>
      ${formNotice(ctx.notice)} ${formTopError(ctx.errors)}
      ${textField('signin-email', 'email', 'Email', 'email', 'email', ctx.errors)}
      ${textField('signin-password', 'password', 'Password', 'password', 'current-password', ctx.errors)}
      <button class="btn primary block" part="submit" type="submit" ?disabled=${ctx.busy}>
        ${ctx.busy ? 'Signing in…' : 'Sign in'}
      </button>
      <p class="switch">
        <button class="link" part="forgot" type="button" @click=${() => ctx.onMode('forgot')}>
          Forgot password?
        </button>
      </p>
      <p class="switch">
        New here?
        <button class="link" type="button" @click=${() => ctx.onMode('signup')}>Create an account</button>
      </p>
    </form>
  `;
}

export function renderSignUp(ctx: AuthFormsContext): TemplateResult {
  const submit = (e: SubmitEvent): void => {
    e.preventDefault();
    const data = new FormData(e.currentTarget as HTMLFormElement);
    const body: SignUpRequest = {
      email: String(data.get('email') ?? '').trim(),
      password: String(data.get('password') ?? ''),
      software_experience: String(data.get('software_experience')) as SoftwareExperience,
      hardware_experience: String(data.get('hardware_experience')) as HardwareExperience,
      interests: ctx.interests,
    };
    const fields: Record<string, string> = {};
    if (!EMAIL.test(body.email)) fields.email = 'Enter a valid email address.';
    const problems = passwordProblems(body.password);
    if (problems.length) fields.password = `Password needs: ${problems.join(', ').toLowerCase()}.`;
    if (Object.keys(fields).length) ctx.onInvalid({ fields });
    else ctx.onSignUp(body);
  };
  return html`
    <form class="form" part="form" novalidate aria-labelledby="signup-title" @submit=${submit}>
      <h3 id="signup-title">Create an account</h3>
      <p class="lead">Tell us your background and the assistant will pitch its answers at your level.</p>
      ${formTopError(ctx.errors)} ${textField('signup-email', 'email', 'Email', 'email', 'email', ctx.errors)}
      ${textField('signup-password', 'password', 'Password', 'password', 'new-password', ctx.errors, {
        describedBy: 'signup-password-rules',
        onInput: (e) => ctx.onPassword((e.currentTarget as HTMLInputElement).value),
      })}
      ${renderPasswordRules(ctx.password)}
      <div class="field-row">
        ${selectField({
          id: 'signup-software',
          name: 'software_experience',
          label: 'Software experience',
          options: SOFTWARE_LEVELS,
          value: 'Beginner',
          error: ctx.errors.fields.software_experience,
        })}
        ${selectField({
          id: 'signup-hardware',
          name: 'hardware_experience',
          label: 'Hardware experience',
          options: HARDWARE_LEVELS,
          value: 'None',
          error: ctx.errors.fields.hardware_experience,
        })}
      </div>
      ${interestsField({
        id: 'signup-interests',
        values: ctx.interests,
        error: ctx.errors.fields.interests,
        onChange: ctx.onInterests,
      })}
      <button class="btn primary block" part="submit" type="submit" ?disabled=${ctx.busy}>
        ${ctx.busy ? 'Creating account…' : 'Create account'}
      </button>
      <p class="switch">
        Already have an account?
        <button class="link" type="button" @click=${() => ctx.onMode('signin')}>Sign in</button>
      </p>
    </form>
  `;
}

/** The live checklist: neutral until the reader types, then each rule met or not met. */
export function renderPasswordRules(password: string, id = 'signup-password-rules'): TemplateResult {
  const typed = password.length > 0;
  return html`
    <ul class="rules" id=${id} part="password-rules" aria-label="Password requirements">
      ${PASSWORD_RULES.map((rule) => {
        if (!typed) return html`<li class="pending">${dotIcon}<span>${rule.label}</span></li>`;
        const met = rule.test(password);
        return html`<li class=${met ? 'met' : 'unmet'}>
          ${met ? checkIcon : closeIcon}<span>${rule.label}</span
          ><span class="sr-only">${met ? ' (met)' : ' (not met)'}</span>
        </li>`;
      })}
    </ul>
  `;
}
