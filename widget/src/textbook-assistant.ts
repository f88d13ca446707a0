import { adoptStyles, html, LitElement, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { ApiClient } from './api/client.js';
import { AccountFormsController } from './controllers/account-forms.js';
import { ChatController, MAX_SELECTED_TEXT, type Turn } from './controllers/chat.js';
import { RecoveryController } from './controllers/recovery.js';
import { SecurityController } from './controllers/security.js';
import { SelectionController } from './controllers/selection.js';
import { SessionController } from './controllers/session.js';
import { SidePanelController } from './controllers/side-panel.js';
import { SignOutSyncController } from './controllers/sign-out-sync.js';
import { ThemeController } from './controllers/theme.js';
import { accountViews, type AccountChunk } from './account-loader.js';
import { emit } from './events.js';
import { loadMarkdown } from './markdown-loader.js';
import { chatStyles } from './styles/chat.styles.js';
import { hostStyles } from './styles/host.styles.js';
import { composerStyles } from './styles/composer.styles.js';
import { markdownStyles } from './styles/markdown.styles.js';
import { panelStyles } from './styles/panel.styles.js';
import { renderChatView } from './views/chat-view.js';
import { focusFirstControl, scrollToEnd, trapTab } from './views/focus.js';
import { PinnedScroll } from './views/log-scroll.js';
import { renderAskSelection, renderLauncher, renderPanel, type Tab } from './views/chrome.js';

/**
 * An assistant for an online textbook: chat with the book (streamed, cited answers
 * personalized to the reader), sign up, sign in and edit the reading profile.
 *
 * @summary Launcher button + modal chat/account panel for a textbook site.
 *
 * @attr api-base - Origin of the BFF (e.g. `https://api.example.org`); requests go to `${apiBase}/api/v1`.
 * @attr open - Whether the panel is open (reflected).
 * @attr max-results - How many passages the answer may draw on (1–20; the server's default when unset).
 * @attr heading - Title shown in the panel header.
 * @attr layout - `dialog` (default) or `sidepanel`: docked beside the page on screens ≥ 768 px (the page
 *   reflows: `<html>` gets the class `ta-sidepanel-open` and `--ta-sidepanel-width`), resizable, not modal.
 *
 * @fires {CustomEvent<Record<string, never>>} ta-opened - The panel opened.
 * @fires {CustomEvent<Record<string, never>>} ta-closed - The panel closed.
 * @fires {CustomEvent<SignedInDetail>} ta-signed-in - A session started or was found on load. `detail: { user, restored }`.
 * @fires {CustomEvent<SignedUpDetail>} ta-signed-up - An account was created (followed by `ta-signed-in`). `detail: { user }`.
 * @fires {CustomEvent<SignedOutDetail>} ta-signed-out - The session ended (`user`: here or in another tab, which clears the conversation in every tab). `detail: { reason: 'user' | 'expired' }`.
 * @fires {CustomEvent<ProfileUpdatedDetail>} ta-profile-updated - The profile was saved. `detail: { account }`.
 * @fires {CustomEvent<AnswerReceivedDetail>} ta-answer-received - An answer finished. `detail: { query, selectedText, response }`.
 *
 * @csspart launcher - The floating button that opens the panel.
 * @csspart ask-selection - The floating "Ask about this" button by selected page text.
 * @csspart panel - The dialog.
 * @csspart resizer - The side panel's resize handle (a separator: arrow keys, Home, End, or drag).
 * @csspart header - The panel's header (title, close button).
 * @csspart close - The close button.
 * @csspart tabs - The tab list.
 * @csspart tab - Each tab.
 * @csspart chat-log - The scrolling conversation.
 * @csspart welcome - The empty conversation's greeting.
 * @csspart suggestion - A suggested question.
 * @csspart clear - The "New conversation" button.
 * @csspart message - Every message (with `message-user` or `message-assistant`).
 * @csspart message-user - A reader's question.
 * @csspart message-assistant - An answer.
 * @csspart quote - The selected passage a question is about.
 * @csspart answer - An answer's rendered Markdown.
 * @csspart personalization - The note on how an answer was personalized.
 * @csspart read-as - The note, above an answer, on the mistyped words of its question the BFF read as the book's ("Read “recieve” as “receive”").
 * @csspart citations - An answer's source list.
 * @csspart citation - Each source link.
 * @csspart actions - An answer's copy and feedback buttons.
 * @csspart copy - The copy-answer button.
 * @csspart feedback - The thumbs up / down buttons.
 * @csspart error - An error message (chat or form).
 * @csspart retry - The retry button of a failed answer.
 * @csspart notice - A success message ("Profile saved").
 * @csspart composer - The question form.
 * @csspart selection - The "asking about" passage above the input.
 * @csspart input - The question text area.
 * @csspart send - The send button.
 * @csspart form - Every account form (with its own part, e.g. `profile`).
 * @csspart profile - The reading-profile form.
 * @csspart forgot-password - The "forgot password" form.
 * @csspart reset-password - The form that sets a new password from a mail link.
 * @csspart two-factor-step - The sign-in form's second step (authenticator or recovery code).
 * @csspart two-factor-setup - The form that confirms a new authenticator.
 * @csspart two-factor-disable - The form that turns two-factor sign-in off.
 * @csspart change-password - The change-password form.
 * @csspart field - A form field.
 * @csspart field-error - A field's error.
 * @csspart chips - The interests input.
 * @csspart chip - Each interest.
 * @csspart password-rules - The live password checklist.
 * @csspart submit - A form's submit button.
 * @csspart forgot - The "Forgot password?" link.
 * @csspart sign-out - The sign-out button.
 * @csspart verify-notice - "Email not verified", on the account view.
 * @csspart resend-verification - Its "send the link again" button.
 * @csspart security - The two-factor and password section.
 * @csspart two-factor-start - The button that starts two-factor set-up.
 * @csspart qr - The authenticator QR code.
 * @csspart otpauth-secret - The authenticator key, for typing in by hand.
 * @csspart otpauth-uri - The full `otpauth://` URI.
 * @csspart recovery-codes - The recovery codes shown once.
 * @csspart copy-codes - The button that copies them.
 * @csspart sessions - The signed-in devices section.
 * @csspart session - Each signed-in device.
 * @csspart badge - "This device", on the current session.
 * @csspart revoke - A session's sign-out button.
 * @csspart sign-out-everywhere - The "Sign out everywhere else" button.
 * @csspart delete-account - The delete-account section.
 * @csspart delete - Its delete button.
 *
 * @cssprop [--ta-accent=#2e8555] - Accent colour (launcher, buttons, links). Dark theme: `#25c2a0`.
 * @cssprop [--ta-accent-fg=#ffffff] - Text on the accent colour. Dark theme: `#0b1f19`.
 * @cssprop [--ta-bg=#ffffff] - Panel background. Dark theme: `#1b1b1d`.
 * @cssprop [--ta-fg=#1c1e21] - Text colour. Dark theme: `#e6e7e9`.
 * @cssprop [--ta-muted=#5f6670] - Secondary text. Dark theme: `#a3a8b0`.
 * @cssprop [--ta-surface=#f4f5f7] - Message and input surfaces. Dark theme: `#26272b`.
 * @cssprop [--ta-border=#e1e4e8] - Borders. Dark theme: `#38393e`.
 * @cssprop [--ta-danger=#c02a2a] - Errors. Dark theme: `#ff8a8a`.
 * @cssprop [--ta-radius=14px] - Panel corner radius (controls use a fraction of it).
 * @cssprop [--ta-font=system-ui, -apple-system, 'Segoe UI', Roboto, Ubuntu, 'Helvetica Neue', Arial, sans-serif] - Font family.
 * @cssprop [--ta-font-size=15px] - Base font size.
 * @cssprop [--ta-z-index=2147483000] - Stacking level of the launcher and the selection button.
 * @cssprop [--ta-panel-width=420px] - Panel width on wide screens.
 * @cssprop [--ta-offset=20px] - Distance of the launcher and panel from the viewport corner.
 * @cssprop [--ta-shadow=0 24px 60px -12px rgb(15 23 42 / 0.28), 0 2px 8px rgb(15 23 42 / 0.08)] - The panel's shadow. Dark theme: `0 24px 60px -12px rgb(0 0 0 / 0.6), 0 0 0 1px rgb(255 255 255 / 0.04)`.
 */
export class TextbookAssistant extends LitElement {
  static override styles = [
    hostStyles,
    panelStyles,
    chatStyles,
    composerStyles,
    markdownStyles,
    // + the account chunk's styles, adopted when it loads (adoptAccountStyles)
  ];

  private readonly theme = new ThemeController(this);
  private readonly selection = new SelectionController(this);
  private readonly side = new SidePanelController(this);
  private readonly pinned = new PinnedScroll();
  private readonly session = new SessionController(this, () => this.client);
  private readonly chat = new ChatController(
    this,
    () => this.client,
    () => this.maxResults,
  );
  private readonly signOutSync = new SignOutSyncController(
    this,
    () => this.chat.clear(),
    () => this.session.endedElsewhere(),
  );
  private readonly recovery = new RecoveryController(() => this.client, this.session);
  private readonly security = new SecurityController(this, () => this.client, this.session);
  private readonly forms = new AccountFormsController(this, this.session, this.recovery, this.security, () =>
    this.focusFirst(),
  );

  @query('dialog') private dialog!: HTMLDialogElement;
  @query('.launcher') private launcher!: HTMLButtonElement;
  @query('.tabpanel') private tabpanel!: HTMLElement;

  @state() private tab: Tab = 'chat';
  @state() private pendingSelection = '';
  @state() private now = Date.now();
  /** The Account tab's chunk could not load (offline, blocked): its view says so and offers a retry. */
  @state() private accountLoadFailed = false;
  private accountStylesAdopted = false;

  private client = new ApiClient('');
  private ticker: number | undefined;

  /** Origin of the BFF; requests go to `${apiBase}/api/v1`. */
  @property({ attribute: 'api-base' }) apiBase = '';

  /** Whether the panel is open. */
  @property({ type: Boolean, reflect: true }) open = false;

  /** How many passages an answer may draw on (1–20). */
  @property({ attribute: 'max-results', type: Number }) maxResults: number | undefined;

  /** `sidepanel` docks the assistant beside the page on wide screens; `dialog` floats it as a modal. */
  @property() layout: 'dialog' | 'sidepanel' = 'dialog';

  /** Title in the panel header. */
  @property() heading = 'Textbook assistant';

  /** Questions offered on an empty conversation. */
  @property({ attribute: false }) suggestions: string[] = [
    'What is physical AI?',
    'How do ROS 2 nodes communicate?',
    'Why do policies trained in simulation fail on real robots?',
  ];

  /** Opens the panel; with `selectedText`, the next question is about that passage. */
  show(selectedText?: string): void {
    if (selectedText) {
      this.pendingSelection = selectedText.slice(0, MAX_SELECTED_TEXT);
      this.tab = 'chat';
    }
    this.open = true;
  }

  hide(): void {
    this.open = false;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.clearInterval(this.ticker);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('apiBase')) {
      this.client = new ApiClient(this.apiBase);
      this.client.onSessionLost = () => this.session.sessionLost();
      this.chat.load(this.apiBase);
      this.signOutSync.listen(this.apiBase);
      void this.session.restore().then(() => this.forms.resetProfileDraft());
      // A mail link (reset password, verify email) opened this page: go straight to its form.
      if (this.recovery.takeMailLink(() => this.security.emailVerified())) {
        [this.tab, this.open] = ['account', true];
        if (this.recovery.resetToken) this.forms.mode = 'reset';
      }
    }
    if (this.tab === 'account' && !accountViews.get() && !this.accountLoadFailed) this.loadAccountViews();
    if (this.session.status === 'signed-in' && this.tab === 'account') this.security.load();
    if (this.session.status === 'signed-out' && this.security.info) this.security.reset();
    const waiting = this.chat.turns.some((t) => t.error?.retryAt && t.error.retryAt > this.now);
    if (waiting && !this.ticker) this.ticker = window.setInterval(() => (this.now = Date.now()), 1000);
    if (!waiting && this.ticker) this.ticker = void window.clearInterval(this.ticker);
  }

  protected override updated(changed: PropertyValues<this>): void {
    // The screen crossed 768 px (or the layout changed) while open: reopen as the other kind.
    if (this.dialog.open && this.dialog.matches(':modal') === this.side.docked) {
      this.dialog.close();
      this.openDialog();
    }
    if (changed.has('open')) this.syncDialog(changed.get('open') === true);
    if (this.open && this.tab === 'chat') this.pinned.apply(this.renderRoot);
  }

  private openDialog(): void {
    if (this.side.docked) this.dialog.show();
    else this.dialog.showModal();
  }

  private syncDialog(wasOpen: boolean): void {
    const dialog = this.dialog;
    if (this.open && !dialog.open) {
      // Markdown arrives while the reader types the first question.
      void loadMarkdown(this.apiBase).then(
        () => this.requestUpdate(),
        () => undefined, // answers stay plain text
      );
      this.openDialog();
      this.focusFirst();
      emit(this, 'ta-opened', {});
    } else if (!this.open && dialog.open) {
      dialog.close();
    }
    if (!this.open && wasOpen) {
      this.launcher.focus();
      emit(this, 'ta-closed', {});
    }
    if (this.open) this.scrollLog();
  }

  /** While the Account tab's views load, this focuses its panel ("Loading…"): see showAccountBody. */
  private readonly focusFirst = (): void => focusFirstControl(this.renderRoot, this.tab);

  private loadAccountViews(): void {
    void accountViews.load(this.apiBase).then(
      (chunk) => {
        this.adoptAccountStyles(chunk);
        return this.showAccountBody();
      },
      () => {
        this.accountLoadFailed = true;
        return this.showAccountBody();
      },
    );
  }

  /**
   * The Account tab's views (or the notice that they could not load) replace "Loading…". A reader
   * who waited on the loading panel (tabbed into it, or the panel opened on it) goes on to the first
   * field; one who went elsewhere meanwhile (back to the tabs, to the page) keeps their place. The
   * intent is read from where focus is now, when the views arrive, not from a flag set earlier.
   */
  private async showAccountBody(): Promise<void> {
    const waiting = this.tab === 'account' && this.shadowRoot?.activeElement === this.tabpanel;
    this.requestUpdate();
    await this.updateComplete;
    if (waiting && this.open && this.tab === 'account') this.focusFirst();
  }

  /** Adds the account chunk's styles after the element's own (once per shadow root). */
  private adoptAccountStyles(chunk: AccountChunk): void {
    if (this.accountStylesAdopted || !this.shadowRoot) return;
    this.accountStylesAdopted = true;
    adoptStyles(this.shadowRoot, [...TextbookAssistant.elementStyles, ...chunk.styles]);
  }

  private renderAccount(): TemplateResult {
    const chunk = accountViews.get();
    if (chunk) {
      this.adoptAccountStyles(chunk);
      return chunk.renderAccountView(this.forms.context());
    }
    if (!this.accountLoadFailed) return html`<p class="loading" role="status">Loading…</p>`;
    return html`<div class="loading" part="error" role="alert">
      <p>The account forms could not load. Check your connection, then try again.</p>
      <button class="btn" part="retry" type="button" @click=${this.retryAccountViews}>Try again</button>
    </div>`;
  }

  /** Tries the chunk again; focus waits on the loading panel (the button it was on goes away). */
  private readonly retryAccountViews = (): void => {
    this.accountLoadFailed = false;
    void this.updateComplete.then(this.focusFirst);
  };

  private readonly scrollLog = (): void => {
    this.pinned.unpin();
    scrollToEnd(this.renderRoot, '.chat-log');
  };

  private readonly onCancel = (e: Event): void => {
    e.preventDefault();
    this.hide();
  };

  private readonly onDialogKeydown = (e: KeyboardEvent): void => {
    // Docked beside the page, the panel is not modal: Tab may leave it, Escape still closes it.
    if (this.side.docked) {
      if (e.key === 'Escape') this.hide();
    } else if (e.key === 'Tab') trapTab(e, this.dialog, this.shadowRoot!);
  };

  private selectTab(tab: Tab, focus = false): void {
    this.tab = tab;
    this.session.clearErrors();
    if (focus)
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#tab-${tab}`)?.focus());
  }

  private ask(query: string): void {
    this.chat.ask(query, this.pendingSelection || undefined);
    this.pendingSelection = '';
    const turn = this.chat.turns.at(-1);
    if (turn) this.pinned.pin(turn.id);
  }

  /** A retried answer is brought into view as a new one is, wherever the reader had scrolled before. */
  private retry(turn: Turn): void {
    if (this.chat.busy) return;
    this.chat.retry(turn);
    this.pinned.pin(turn.id);
  }

  private askAboutSelection(): void {
    const text = this.selection.text;
    this.selection.dismiss();
    document.getSelection()?.removeAllRanges();
    this.show(text);
  }

  private renderBody(): TemplateResult {
    if (this.tab === 'account') return this.renderAccount();
    return renderChatView({
      turns: this.chat.turns,
      busy: this.chat.busy,
      suggestions: this.suggestions,
      selection: this.pendingSelection,
      account: this.session.account,
      copiedId: this.chat.copiedId,
      now: this.now,
      onAsk: (q) => this.ask(q),
      onClear: () => this.chat.clear(),
      onClearSelection: () => (this.pendingSelection = ''),
      onLogScroll: this.pinned.onUserScroll,
      onRetry: (t) => this.retry(t),
      onCopy: (t) => void this.chat.copy(t),
      onFeedback: (t, v) => void this.chat.sendFeedback(t, v),
      onShowAccount: () => this.selectTab('account', true),
    });
  }

  override render(): TemplateResult {
    return html`
      ${renderLauncher(this.open, this.heading, () => this.show())}
      ${renderAskSelection(this.open ? undefined : this.selection.position, () => this.askAboutSelection())}
      ${renderPanel({
        heading: this.heading,
        tab: this.tab,
        signedIn: this.session.status === 'signed-in',
        body: this.renderBody(),
        loading: this.tab === 'account' && !accountViews.get() && !this.accountLoadFailed,
        announcement: this.chat.announcement,
        onCancel: this.onCancel,
        // A dialog reopened as the other kind (docked / modal) also fired close: it stays open.
        onClosed: () => (this.open = this.dialog.open),
        docked: this.side.docked,
        resizer: this.side.renderResizer(),
        onKeydown: this.onDialogKeydown,
        onHide: () => this.hide(),
        onSelectTab: (tab, focus) => this.selectTab(tab, focus),
      })}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'textbook-assistant': TextbookAssistant;
  }
}

// A second copy of the script (or the npm build next to the IIFE) must not throw, and importing
// the module where there is no DOM (Node, server-side rendering) defines nothing.
if (typeof customElements !== 'undefined' && !customElements.get('textbook-assistant'))
  customElements.define('textbook-assistant', TextbookAssistant);
