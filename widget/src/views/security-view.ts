import { html, nothing, type TemplateResult } from 'lit';
import { REAUTH_FIELD } from '@textbook-assistant/contract/rules';
import type { SecurityController } from '../controllers/security.js';
import type { FormErrors } from '../controllers/session.js';
import { passwordProblems } from '../password-rules.js';
import { formNotice, formTopError, renderPasswordRules, textField } from './auth-forms.js';
import { renderSessions } from './sessions-view.js';

const fieldValue = (e: SubmitEvent, name: string): string =>
  String(new FormData(e.currentTarget as HTMLFormElement).get(name) ?? '');

/** Every sensitive action asks for the current password, under one field name. */
const REAUTH = REAUTH_FIELD;
const passwordField = (id: string, label: string, errors: FormErrors): TemplateResult =>
  textField(id, REAUTH, label, 'password', 'current-password', errors);

/** "Email not verified" with a resend button; nothing once verified. */
export function renderVerifyNotice(sec: SecurityController): TemplateResult | typeof nothing {
  const sent = sec.noticeOf('verify');
  if (!sec.info || (sec.info.email_verified && !sent)) return nothing;
  return html`
    <div class="verify-notice" part="verify-notice" role="region" aria-label="Account verification">
      ${
        sec.info.email_verified
          ? nothing
          : html`<p>Your email address is not verified yet. Open the link we mailed you.</p>`
      }
      ${formNotice(sent)} ${formTopError(sec.errorsOf('verify'))}
      ${
        sec.info.email_verified
          ? nothing
          : html`<button
              class="btn small"
              part="resend-verification"
              type="button"
              ?disabled=${sec.busy === 'verify'}
              @click=${() => void sec.resendVerification()}
            >
              Resend verification email
            </button>`
      }
    </div>
  `;
}

/** Two-factor sign-in, password change, sessions and account deletion. */
export function renderSecurity(sec: SecurityController): TemplateResult | typeof nothing {
  if (!sec.info) return nothing;
  return html`
    <section class="section" part="security" aria-labelledby="security-title">
      <h3 id="security-title">Security</h3>
      ${renderTwoFactor(sec)} ${renderChangePassword(sec)}
    </section>
    ${renderSessions(sec)} ${renderDeleteAccount(sec)}
  `;
}

function renderTwoFactor(sec: SecurityController): TemplateResult {
  const busy = sec.busy === 'two-factor';
  const errors = sec.errorsOf('two-factor');
  const head = html`<h4 id="tf-title">Two-factor sign-in</h4>
    ${formNotice(sec.noticeOf('two-factor'))}`;
  if (sec.recoveryCodes) {
    return html`<div class="subsection" part="recovery-codes" role="group" aria-labelledby="tf-title">
      ${head}
      <p class="lead">
        Save these recovery codes somewhere safe. Each signs you in once if you lose your phone. They are
        shown only now.
      </p>
      <ol class="codes" aria-label="Recovery codes">
        ${sec.recoveryCodes.map((c) => html`<li><code>${c}</code></li>`)}
      </ol>
      <div class="form-actions">
        <button
          id="tf-copy"
          class="btn"
          part="copy-codes"
          type="button"
          @click=${() => void sec.copyRecoveryCodes()}
        >
          ${sec.codesCopied ? 'Copied' : 'Copy codes'}
        </button>
        <button class="btn primary" type="button" @click=${() => sec.recoveryCodesSaved()}>
          I have saved them
        </button>
      </div>
      <span class="sr-only" role="status">${sec.codesCopied ? 'Recovery codes copied' : ''}</span>
    </div>`;
  }
  if (sec.setup) {
    const { otpauth_uri, qr_svg } = sec.setup;
    const key = new URL(otpauth_uri).searchParams.get('secret') ?? '';
    const submit = (e: SubmitEvent): void => {
      e.preventDefault();
      void sec.confirmTwoFactor(fieldValue(e, 'code').replace(/\s+/g, ''));
    };
    return html`<form
      class="subsection"
      part="form two-factor-setup"
      novalidate
      aria-labelledby="tf-title"
      @submit=${submit}
    >
      ${head}
      <p class="lead">Scan this QR code with an authenticator app, then enter the code it shows.</p>
      <img
        class="qr"
        part="qr"
        width="180"
        height="180"
        alt="QR code for your authenticator app"
        src=${`data:image/svg+xml;charset=utf-8,${encodeURIComponent(qr_svg)}`}
      />
      <p class="hint">Cannot scan it? Enter this key in the app:</p>
      <code class="secret" part="otpauth-secret">${key}</code>
      <details>
        <summary>Setup link</summary>
        <code class="secret" part="otpauth-uri">${otpauth_uri}</code>
      </details>
      ${formTopError(errors)}
      ${textField('tf-code', 'code', '6-digit code from the app', 'text', 'one-time-code', errors, {
        inputmode: 'numeric',
        maxlength: 6,
      })}
      <div class="form-actions">
        <button class="btn primary" part="submit" type="submit" ?disabled=${busy}>
          ${busy ? 'Checking…' : 'Turn on'}
        </button>
        <button class="btn" type="button" @click=${() => sec.cancelTwoFactor()}>Cancel</button>
      </div>
    </form>`;
  }
  if (sec.info?.two_factor_enabled) {
    const disableErrors = sec.errorsOf('disable');
    const submit = (e: SubmitEvent): void => {
      e.preventDefault();
      const password = fieldValue(e, REAUTH);
      if (!password) sec.invalid('disable', { [REAUTH]: 'Enter your password.' });
      else void sec.disableTwoFactor(password);
    };
    return html`<form
      class="subsection"
      part="form two-factor-disable"
      novalidate
      aria-labelledby="tf-title"
      @submit=${submit}
    >
      ${head}
      <p class="lead">On: signing in asks for a code from your authenticator app.</p>
      ${formTopError(disableErrors)}
      ${passwordField('tf-off-password', 'Your password, to turn it off', disableErrors)}
      <button class="btn" part="submit" type="submit" ?disabled=${sec.busy === 'disable'}>
        Turn off two-factor sign-in
      </button>
    </form>`;
  }
  const start = (e: SubmitEvent): void => {
    e.preventDefault();
    const password = fieldValue(e, REAUTH);
    if (!password) sec.invalid('two-factor', { [REAUTH]: 'Enter your password.' });
    else void sec.startTwoFactor(password);
  };
  return html`<form class="subsection" novalidate aria-labelledby="tf-title" @submit=${start}>
    ${head} ${formTopError(errors)}
    <p class="lead">Add a code from an authenticator app to your password when you sign in.</p>
    ${passwordField('tf-start-password', 'Your password, to set it up', errors)}
    <button id="tf-start" class="btn" part="two-factor-start" type="submit" ?disabled=${busy}>
      Set up two-factor sign-in
    </button>
  </form>`;
}

function renderChangePassword(sec: SecurityController): TemplateResult {
  const errors = sec.errorsOf('password');
  const submit = (e: SubmitEvent): void => {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const current = fieldValue(e, REAUTH);
    const next = fieldValue(e, 'new_password');
    const fields: Record<string, string> = {};
    if (!current) fields[REAUTH] = 'Enter your current password.';
    const problems = passwordProblems(next);
    if (problems.length) fields.new_password = `Password needs: ${problems.join(', ').toLowerCase()}.`;
    if (Object.keys(fields).length) return sec.invalid('password', fields);
    void sec.changePassword(current, next).then((ok) => ok && form.reset());
  };
  return html`<form
    class="subsection"
    part="form change-password"
    novalidate
    aria-labelledby="cp-title"
    @submit=${submit}
  >
    <h4 id="cp-title">Change password</h4>
    ${formNotice(sec.noticeOf('password'))} ${formTopError(errors)}
    ${passwordField('cp-current', 'Current password', errors)}
    ${textField('cp-new', 'new_password', 'New password', 'password', 'new-password', errors, {
      describedBy: 'cp-new-rules',
      onInput: (e) => sec.setNewPassword((e.currentTarget as HTMLInputElement).value),
    })}
    ${renderPasswordRules(sec.newPassword, 'cp-new-rules')}
    <button class="btn" part="submit" type="submit" ?disabled=${sec.busy === 'password'}>
      ${sec.busy === 'password' ? 'Saving…' : 'Change password'}
    </button>
  </form>`;
}

function renderDeleteAccount(sec: SecurityController): TemplateResult {
  const errors = sec.errorsOf('delete');
  const submit = (e: SubmitEvent): void => {
    e.preventDefault();
    const password = fieldValue(e, REAUTH);
    if (password) void sec.deleteAccount(password);
    else sec.invalid('delete', { [REAUTH]: 'Enter your password to confirm.' });
  };
  return html`<section class="section" part="delete-account" aria-labelledby="del-title">
    <form class="subsection" novalidate aria-labelledby="del-title" @submit=${submit}>
      <h3 id="del-title">Delete account</h3>
      <p class="lead">This removes your account, profile and sessions for good.</p>
      ${formTopError(errors)} ${passwordField('del-password', 'Your password, to confirm', errors)}
      <button class="btn danger" part="delete" type="submit" ?disabled=${sec.busy === 'delete'}>
        ${sec.busy === 'delete' ? 'Deleting…' : 'Delete my account'}
      </button>
    </form>
  </section>`;
}
