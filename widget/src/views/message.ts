import { html, nothing, type TemplateResult } from 'lit';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import type { Turn } from '../controllers/chat.js';
import { markdownRenderer } from '../markdown-loader.js';
import { isSafeUrl } from '../safe-url.js';
import type { Account, Citation } from '../types.js';
import { alertIcon, checkIcon, copyIcon, retryIcon, thumbDownIcon, thumbUpIcon } from './icons.js';

export interface TurnActions {
  account: Account | undefined;
  copiedId: string | undefined;
  now: number;
  onRetry(turn: Turn): void;
  onCopy(turn: Turn): void;
  onFeedback(turn: Turn, value: 1 | -1): void;
  onShowAccount(): void;
}

export function renderTurn(turn: Turn, actions: TurnActions): TemplateResult {
  const streaming = turn.status === 'streaming';
  return html`
    <li class="turn" data-turn=${turn.id}>
      <div class="message user" part="message message-user">
        ${
          turn.selectedText
            ? html`<blockquote class="quote" part="quote">${truncate(turn.selectedText, 240)}</blockquote>`
            : nothing
        }
        <p>${turn.query}</p>
      </div>
      <div
        class="message assistant"
        part="message message-assistant"
        aria-busy=${streaming ? 'true' : 'false'}
      >
        ${readAsNote(turn)}
        ${
          turn.answer
            ? html`<div class="answer markdown" part="answer">${renderAnswer(turn)}</div>`
            : streaming
              ? html`<div class="typing" role="img" aria-label="Writing an answer">
                  <i></i><i></i><i></i>
                </div>`
              : nothing
        }
        ${turn.status === 'error' ? renderTurnError(turn, actions) : nothing}
        ${
          // meta lists the passages in retrieval order, done those cited in marker order: showing the
          // list only once the answer is done keeps its order (and its numbers) from changing.
          turn.status !== 'streaming' && turn.meta?.citations.length
            ? renderCitations(turn.meta.citations)
            : nothing
        }
        ${turn.status === 'done' ? renderFooter(turn, actions) : nothing}
      </div>
    </li>
  `;
}

/**
 * Sanitized Markdown once the renderer has loaded; until then the text as is (Lit escapes it).
 * Markers link to their sources once the answer is done (the list, and its numbers, are final then).
 */
function renderAnswer(turn: Turn): unknown {
  const render = markdownRenderer();
  if (!render) return html`<p class="plain">${turn.answer}</p>`;
  const cited = turn.status === 'streaming' ? [] : (turn.meta?.citations ?? []);
  return unsafeHTML(render(turn.answer, cited));
}

function renderTurnError(turn: Turn, actions: TurnActions): TemplateResult {
  const error = turn.error!;
  const wait = error.retryAt ? Math.max(0, Math.ceil((error.retryAt - actions.now) / 1000)) : 0;
  const title =
    error.status === 429
      ? 'Too many questions'
      : error.code === 'stream_interrupted'
        ? 'Answer interrupted'
        : error.status === 0
          ? 'No connection'
          : error.status === 503
            ? 'Temporarily unavailable'
            : 'Something went wrong';
  const message =
    error.status === 429
      ? wait > 0
        ? `You can ask again in ${wait} s.`
        : 'You can ask again now.'
      : error.message;
  return html`
    <div class="turn-error" part="error" role="alert">
      ${alertIcon}
      <div>
        <strong>${title}</strong>
        <p>${message}</p>
      </div>
      <button
        class="btn small"
        part="retry"
        type="button"
        ?disabled=${wait > 0}
        @click=${() => actions.onRetry(turn)}
      >
        ${retryIcon} ${wait > 0 ? `Retry in ${wait} s` : 'Retry'}
      </button>
    </div>
  `;
}

function renderCitations(citations: Citation[]): TemplateResult {
  const unique = citations.filter((c, i) => citations.findIndex((o) => o.url === c.url) === i);
  return html`
    <div class="sources" part="citations">
      <p class="sources-title">Sources</p>
      <ol>
        ${unique.map((c, i) => {
          const path = headingPath(c);
          const body = html`<span class="num" aria-hidden="true">${i + 1}</span>
            <span class="cite-text"
              ><span class="cite-title">${c.title}</span>${
                path ? html`<span class="cite-path">${path}</span>` : nothing
              }</span
            >`;
          return html`<li>
            ${
              isSafeUrl(c.url)
                ? html`<a part="citation" href=${c.url} target="_blank" rel="noopener noreferrer">${body}</a>`
                : html`<span part="citation">${body}</span>`
            }
          </li>`;
        })}
      </ol>
    </div>
  `;
}

function renderFooter(turn: Turn, actions: TurnActions): TemplateResult {
  const copied = actions.copiedId === turn.id;
  const canRate = !!turn.meta?.query_id;
  return html`
    <div class="answer-footer">
      ${personalizationNote(turn, actions)}
      <div class="actions" part="actions">
        <button
          class="icon-btn"
          type="button"
          part="copy"
          aria-label=${copied ? 'Copied' : 'Copy answer'}
          title=${copied ? 'Copied' : 'Copy answer'}
          @click=${() => actions.onCopy(turn)}
        >
          ${copied ? checkIcon : copyIcon}
        </button>
        ${
          canRate
            ? html`<button
                  class="icon-btn"
                  type="button"
                  part="feedback"
                  aria-label="Helpful"
                  title="Helpful"
                  aria-pressed=${turn.feedback === 1 ? 'true' : 'false'}
                  @click=${() => actions.onFeedback(turn, 1)}
                >
                  ${thumbUpIcon}
                </button>
                <button
                  class="icon-btn"
                  type="button"
                  part="feedback"
                  aria-label="Not helpful"
                  title="Not helpful"
                  aria-pressed=${turn.feedback === -1 ? 'true' : 'false'}
                  @click=${() => actions.onFeedback(turn, -1)}
                >
                  ${thumbDownIcon}
                </button>`
            : nothing
        }
      </div>
    </div>
  `;
}

/** The words of the question the BFF read as the book's ("recieve" as "receive"), before the answer. */
function readAsNote(turn: Turn): TemplateResult | typeof nothing {
  const readAs = turn.meta?.read_as;
  if (!readAs?.length) return nothing;
  const pairs = readAs.map((r) => `“${r.typed}” as “${r.read}”`);
  return html`<p class="note read-as" part="read-as">Read ${joinList(pairs)}</p>`;
}

function personalizationNote(turn: Turn, actions: TurnActions): TemplateResult {
  const meta = turn.meta;
  if (!actions.account) {
    const signIn = html`<button class="link" type="button" @click=${actions.onShowAccount}>Sign in</button>`;
    return html`<p class="note" part="personalization">${signIn} for answers tailored to your experience</p>`;
  }
  if (!meta?.personalization_applied || meta.level === 'default') {
    return html`<p class="note" part="personalization">General answer, not tailored to your profile</p>`;
  }
  const interests = actions.account.profile.interests;
  const article = /^[AEIOU]/.test(meta.level) ? 'an' : 'a';
  const about = interests.length ? ` interested in ${joinList(interests)}` : '';
  return html`<p class="note" part="personalization">
    Answered for ${article} ${meta.level} reader${about}
  </p>`;
}

export function headingPath(c: Citation): string {
  const parts = Array.isArray(c.heading_path) ? c.heading_path : c.heading_path ? [c.heading_path] : [];
  return parts.filter((p) => p && p !== c.title).join(' › ');
}

function joinList(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
