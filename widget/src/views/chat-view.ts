import { html, nothing, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { LIMITS } from '@textbook-assistant/contract/rules';
import type { Turn } from '../controllers/chat.js';
import { bookIcon, closeIcon, sendIcon, trashIcon } from './icons.js';
import { renderTurn, type TurnActions } from './message.js';

export interface ChatViewContext extends TurnActions {
  turns: Turn[];
  busy: boolean;
  suggestions: string[];
  selection: string;
  onAsk(query: string): void;
  onClear(): void;
  onClearSelection(): void;
  /** The log's scroll, wheel and touch events (the reader moving away from a new answer). */
  onLogScroll(e: Event): void;
}

export function renderChatView(ctx: ChatViewContext): TemplateResult {
  return html`
    <div class="chat">
      <div
        class="chat-log"
        part="chat-log"
        role="log"
        aria-label="Conversation"
        tabindex="0"
        @scroll=${ctx.onLogScroll}
        @wheel=${{ handleEvent: ctx.onLogScroll, passive: true }}
        @touchmove=${{ handleEvent: ctx.onLogScroll, passive: true }}
      >
        ${ctx.turns.length ? renderConversation(ctx) : renderWelcome(ctx)}
      </div>
      ${renderComposer(ctx)}
    </div>
  `;
}

function renderWelcome(ctx: ChatViewContext): TemplateResult {
  return html`
    <div class="welcome" part="welcome">
      <div class="welcome-icon">${bookIcon}</div>
      <h3>Ask the textbook</h3>
      <p>Answers come from the book's own pages, with links to the sections they cite.</p>
      ${
        ctx.suggestions.length
          ? html`<ul class="suggestions" aria-label="Suggested questions">
              ${ctx.suggestions.map(
                (q) =>
                  html`<li>
                    <button class="suggestion" part="suggestion" type="button" @click=${() => ctx.onAsk(q)}>
                      ${q}
                    </button>
                  </li>`,
              )}
            </ul>`
          : nothing
      }
    </div>
  `;
}

function renderConversation(ctx: ChatViewContext): TemplateResult {
  return html`
    <ol class="turns" aria-label="Questions and answers">
      ${repeat(
        ctx.turns,
        (t) => t.id,
        (t) => renderTurn(t, ctx),
      )}
    </ol>
    <div class="log-tools">
      <button class="btn ghost small" type="button" part="clear" ?disabled=${ctx.busy} @click=${ctx.onClear}>
        ${trashIcon} New conversation
      </button>
    </div>
  `;
}

function renderComposer(ctx: ChatViewContext): TemplateResult {
  const submit = (e: SubmitEvent): void => {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const input = form.elements.namedItem('query') as HTMLTextAreaElement;
    const query = input.value.trim();
    if (!query || ctx.busy) return;
    ctx.onAsk(query);
    input.value = '';
    input.style.height = '';
  };
  const keydown = (e: KeyboardEvent): void => {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      (e.currentTarget as HTMLTextAreaElement).form?.requestSubmit();
    }
  };
  const grow = (e: Event): void => {
    const input = e.currentTarget as HTMLTextAreaElement;
    input.style.height = '';
    input.style.height = `${Math.min(input.scrollHeight, 140)}px`;
  };
  return html`
    <form class="composer" part="composer" @submit=${submit}>
      ${
        ctx.selection
          ? html`<div class="selection" part="selection">
              <span class="selection-label">Asking about</span>
              <q>${ctx.selection.length > 160 ? `${ctx.selection.slice(0, 159)}…` : ctx.selection}</q>
              <button
                class="icon-btn small"
                type="button"
                aria-label="Remove the selected passage"
                @click=${ctx.onClearSelection}
              >
                ${closeIcon}
              </button>
            </div>`
          : nothing
      }
      <div class="composer-row">
        <textarea
          name="query"
          part="input"
          rows="1"
          maxlength=${LIMITS.queryMaxChars}
          aria-label="Your question"
          placeholder=${ctx.selection ? 'What would you like to know about it?' : 'Ask a question about the book…'}
          @keydown=${keydown}
          @input=${grow}
        ></textarea>
        <button class="send" part="send" type="submit" aria-label="Send question" ?disabled=${ctx.busy}>
          ${sendIcon}
        </button>
      </div>
      <p class="disclaimer">Answers are generated from the textbook and may contain mistakes.</p>
    </form>
  `;
}
