import { html, nothing, type TemplateResult } from 'lit';
import { closeIcon, sparkleIcon } from './icons.js';

export type Tab = 'chat' | 'account';

export function renderLauncher(open: boolean, heading: string, onOpen: () => void): TemplateResult {
  return html`
    <button
      class="launcher"
      part="launcher"
      type="button"
      aria-haspopup="dialog"
      aria-expanded=${open ? 'true' : 'false'}
      aria-label=${`Open ${heading}`}
      @click=${onOpen}
    >
      ${sparkleIcon}<span class="launcher-label">Ask the book</span>
    </button>
  `;
}

/** The floating "Ask about this" button by a selection on the host page. */
export function renderAskSelection(
  position: { top: number; left: number } | undefined,
  onAsk: () => void,
): TemplateResult | typeof nothing {
  if (!position) return nothing;
  return html`
    <button
      class="ask-selection"
      part="ask-selection"
      type="button"
      style=${`top:${position.top}px;left:${position.left}px`}
      @mousedown=${(e: Event) => e.preventDefault()}
      @click=${onAsk}
    >
      ${sparkleIcon} Ask about this
    </button>
  `;
}

/** Chat / Account tabs (WAI-ARIA tabs: arrow keys, Home and End move between them). */
export function renderTabs(
  current: Tab,
  signedIn: boolean,
  onSelect: (tab: Tab, focus: boolean) => void,
): TemplateResult {
  const keydown = (e: KeyboardEvent): void => {
    if (!['ArrowLeft', 'ArrowRight', 'Home', 'End'].includes(e.key)) return;
    e.preventDefault();
    const other: Tab = current === 'chat' ? 'account' : 'chat';
    onSelect(e.key === 'Home' ? 'chat' : e.key === 'End' ? 'account' : other, true);
  };
  const tab = (id: Tab, label: string): TemplateResult => html`
    <button
      id=${`tab-${id}`}
      class="tab"
      part="tab"
      role="tab"
      type="button"
      aria-selected=${current === id ? 'true' : 'false'}
      aria-controls=${`panel-${id}`}
      tabindex=${current === id ? 0 : -1}
      @click=${() => onSelect(id, false)}
    >
      ${label}
    </button>
  `;
  return html`
    <div class="tabs" part="tabs" role="tablist" aria-label="Assistant sections" @keydown=${keydown}>
      ${tab('chat', 'Chat')}${tab('account', signedIn ? 'Account' : 'Sign in')}
    </div>
  `;
}

export interface PanelOptions {
  heading: string;
  tab: Tab;
  signedIn: boolean;
  body: TemplateResult;
  /**
   * The tab's content is still loading: the panel itself is the tab stop after the tabs (WAI-ARIA
   * tabs: a panel without focusable content is focusable), so a reader who tabs in waits there.
   */
  loading: boolean;
  announcement: string;
  onCancel(e: Event): void;
  onClosed(): void;
  onKeydown(e: KeyboardEvent): void;
  onHide(): void;
  onSelectTab(tab: Tab, focus: boolean): void;
  /** Docked beside the page (`layout="sidepanel"` on a wide screen): not modal, resizable. */
  docked: boolean;
  resizer: TemplateResult;
}

/** The modal dialog: header, tabs, the current tab's panel and the live region. */
export function renderPanel(o: PanelOptions): TemplateResult {
  return html`
    <dialog
      class=${o.docked ? 'panel docked' : 'panel'}
      part="panel"
      role="dialog"
      aria-modal=${o.docked ? 'false' : 'true'}
      aria-labelledby="ta-title"
      @cancel=${o.onCancel}
      @close=${o.onClosed}
      @keydown=${o.onKeydown}
    >
      ${o.docked ? o.resizer : nothing}
      <header class="header" part="header">
        <span class="header-icon" aria-hidden="true">${sparkleIcon}</span>
        <h2 id="ta-title">${o.heading}</h2>
        <button class="icon-btn" part="close" type="button" aria-label="Close" @click=${o.onHide}>
          ${closeIcon}
        </button>
      </header>
      ${renderTabs(o.tab, o.signedIn, o.onSelectTab)}
      <div
        class="tabpanel"
        id=${`panel-${o.tab}`}
        role="tabpanel"
        aria-labelledby=${`tab-${o.tab}`}
        tabindex=${o.loading ? 0 : nothing}
      >
        ${o.body}
      </div>
      <div class="sr-only" role="status" aria-live="polite">${o.announcement}</div>
    </dialog>
  `;
}
