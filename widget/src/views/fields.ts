import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { LIMITS } from '@textbook-assistant/contract/rules';
import { closeIcon } from './icons.js';

/** The error line under a field; its id is what the control's aria-describedby points at. */
export function fieldError(id: string, error: string | undefined): TemplateResult | typeof nothing {
  return error ? html`<p class="field-error" part="field-error" id=${`${id}-error`}>${error}</p>` : nothing;
}

export function describedBy(id: string, error: string | undefined, ...extra: string[]): string | undefined {
  const ids = [...extra, error ? `${id}-error` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

export interface SelectFieldOptions {
  id: string;
  name: string;
  label: string;
  options: readonly string[];
  value: string;
  error?: string;
}

export function selectField(o: SelectFieldOptions): TemplateResult {
  return html`
    <div class="field" part="field">
      <label for=${o.id}>${o.label}</label>
      <select
        id=${o.id}
        name=${o.name}
        aria-invalid=${o.error ? 'true' : 'false'}
        aria-describedby=${ifDefined(describedBy(o.id, o.error))}
      >
        ${o.options.map((opt) => html`<option value=${opt} ?selected=${opt === o.value}>${opt}</option>`)}
      </select>
      ${fieldError(o.id, o.error)}
    </div>
  `;
}

export const MAX_INTERESTS = LIMITS.interestsMax;
export const MAX_INTEREST_LENGTH = LIMITS.interestMaxChars;
const SUGGESTED_INTERESTS = [
  'ROS 2',
  'Simulation',
  'Humanoids',
  'Computer vision',
  'Control',
  'Reinforcement learning',
];

export interface InterestsFieldOptions {
  id: string;
  values: string[];
  error?: string;
  onChange(values: string[]): void;
}

/** Interests as removable chips: type and press Enter (or comma) to add; at most 10, 50 characters each. */
export function interestsField(o: InterestsFieldOptions): TemplateResult {
  const full = o.values.length >= MAX_INTERESTS;
  const add = (raw: string): void => {
    const value = raw.trim().slice(0, MAX_INTEREST_LENGTH);
    if (!value || full || o.values.some((v) => v.toLowerCase() === value.toLowerCase())) return;
    o.onChange([...o.values, value]);
  };
  const keydown = (e: KeyboardEvent): void => {
    const input = e.currentTarget as HTMLInputElement;
    if ((e.key === 'Enter' || e.key === ',') && !e.isComposing) {
      e.preventDefault();
      add(input.value);
      input.value = '';
    } else if (e.key === 'Backspace' && !input.value && o.values.length) {
      o.onChange(o.values.slice(0, -1));
    }
  };
  const suggestions = SUGGESTED_INTERESTS.filter(
    (s) => !o.values.some((v) => v.toLowerCase() === s.toLowerCase()),
  );
  const hintId = `${o.id}-hint`;
  return html`
    <div class="field" part="field">
      <label for=${o.id}>Interests <span class="optional">(optional)</span></label>
      <div class="chips" part="chips">
        ${
          o.values.length
            ? html`<ul class="chip-list" aria-label="Your interests">
                ${o.values.map(
                  (v, i) =>
                    html`<li class="chip" part="chip">
                      <span>${v}</span>
                      <button
                        type="button"
                        aria-label=${`Remove ${v}`}
                        @click=${() => o.onChange(o.values.filter((_, j) => j !== i))}
                      >
                        ${closeIcon}
                      </button>
                    </li>`,
                )}
              </ul>`
            : nothing
        }
        <input
          id=${o.id}
          type="text"
          maxlength=${MAX_INTEREST_LENGTH}
          autocomplete="off"
          ?disabled=${full}
          placeholder=${full ? 'Maximum reached' : 'Type an interest, press Enter'}
          aria-invalid=${o.error ? 'true' : 'false'}
          aria-describedby=${describedBy(o.id, o.error, hintId)!}
          @keydown=${keydown}
          @blur=${(e: Event) => {
            const input = e.currentTarget as HTMLInputElement;
            add(input.value);
            input.value = '';
          }}
        />
      </div>
      <p class="hint" id=${hintId}>${o.values.length} of ${MAX_INTERESTS}</p>
      ${
        !full && suggestions.length
          ? html`<div class="chip-suggestions" role="group" aria-label="Suggested interests">
              ${suggestions
                .slice(0, 4)
                .map(
                  (s) =>
                    html`<button type="button" class="chip-suggestion" @click=${() => add(s)}>
                      + ${s}
                    </button>`,
                )}
            </div>`
          : nothing
      }
      ${fieldError(o.id, o.error)}
    </div>
  `;
}
