import { html, nothing, type TemplateResult } from 'lit';
import type { SecurityController } from '../controllers/security.js';
import { formNotice, formTopError } from './auth-forms.js';

export function formatTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? iso
    : date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** The reader's sign-ins (GET /account/sessions): revoke one, or all of them. */
export function renderSessions(sec: SecurityController): TemplateResult | typeof nothing {
  const sessions = sec.sessions;
  if (!sessions) return nothing;
  const busy = sec.busy === 'sessions';
  return html`
    <section class="section" part="sessions" aria-labelledby="sessions-title">
      <h3 id="sessions-title" tabindex="-1">Signed-in devices</h3>
      ${formNotice(sec.noticeOf('sessions'))} ${formTopError(sec.errorsOf('sessions'))}
      <ul class="session-list">
        ${sessions.map((s) => {
          const when = formatTime(s.last_used_at);
          return html`<li class="session" part="session">
            <div class="session-info">
              <span class="session-device">
                ${s.device} ${s.current ? html`<span class="badge" part="badge">This device</span>` : nothing}
              </span>
              <span class="session-meta"
                >Last used <time datetime=${s.last_used_at}>${when}</time>${s.ip ? ` · ${s.ip}` : ''}</span
              >
            </div>
            <button
              class="btn small"
              part="revoke"
              type="button"
              aria-label=${`Revoke ${s.device}${s.current ? ' (this device)' : ''}, last used ${when}`}
              ?disabled=${busy}
              @click=${() => void sec.revokeSession(s.id)}
            >
              Revoke
            </button>
          </li>`;
        })}
      </ul>
      <button
        class="btn"
        part="sign-out-everywhere"
        type="button"
        ?disabled=${busy}
        @click=${() => void sec.signOutEverywhere()}
      >
        Sign out everywhere
      </button>
    </section>
  `;
}
