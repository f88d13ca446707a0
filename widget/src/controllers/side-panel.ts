import { html, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';

type Host = ReactiveControllerHost & HTMLElement & { layout: string; open: boolean };

const KEY = 'textbook-assistant:sidepanel-width';
const MIN = 320;
const STEP = 16;
/** The class and the variable the page reflows by (documented in the README). */
export const OPEN_CLASS = 'ta-sidepanel-open';
export const WIDTH_VAR = '--ta-sidepanel-width';
/** Physical, like the panel's place: `margin-inline-end` is the left in a right-to-left page, the bottom in a vertical one. */
const REFLOW = `html.${OPEN_CLASS} body{margin-right:var(${WIDTH_VAR})}`;

/**
 * `layout="sidepanel"`: on screens 768 px and wider the panel docks beside the page, which
 * reflows (a class and a width variable on `<html>`); its width is resized with the keyboard or
 * a pointer on a separator and remembered. Narrower screens keep the modal dialog.
 *
 * Single-page hosts rewrite `<html>`'s attributes on a route change (Docusaurus's react-helmet
 * sets its `class` for each page), so while docked the class and the variable are put back
 * whenever they go.
 */
export class SidePanelController implements ReactiveController {
  private readonly media = window.matchMedia('(min-width: 768px)');
  width = Number(localStorage.getItem(KEY)) || 400;
  private readonly onMedia = (): void => this.host.requestUpdate();
  private readonly rootObserver = new MutationObserver(() => this.reflow());

  constructor(private readonly host: Host) {
    host.addController(this);
  }

  get docked(): boolean {
    return this.host.layout === 'sidepanel' && this.media.matches;
  }

  private get max(): number {
    return Math.max(MIN, Math.min(720, Math.round(window.innerWidth * 0.6)));
  }

  hostConnected(): void {
    this.media.addEventListener('change', this.onMedia);
    this.rootObserver.observe(document.documentElement, {
      attributes: true,
      attributeFilter: ['class', 'style'],
    });
  }

  hostDisconnected(): void {
    this.media.removeEventListener('change', this.onMedia);
    this.rootObserver.disconnect();
    document.documentElement.classList.remove(OPEN_CLASS);
    document.documentElement.style.removeProperty(WIDTH_VAR);
  }

  hostUpdated(): void {
    this.reflow();
  }

  /** Puts `<html>`'s class and width variable in the state the panel is in (touching nothing already right). */
  private reflow(): void {
    const root = document.documentElement;
    const on = this.docked && this.host.open;
    if (on && !document.getElementById('ta-sidepanel-reflow')) {
      const style = Object.assign(document.createElement('style'), {
        id: 'ta-sidepanel-reflow',
        textContent: REFLOW,
      });
      document.head.append(style);
    }
    if (root.classList.contains(OPEN_CLASS) !== on) root.classList.toggle(OPEN_CLASS, on);
    const width = on ? `${this.width}px` : '';
    if (root.style.getPropertyValue(WIDTH_VAR) !== width) {
      if (on) root.style.setProperty(WIDTH_VAR, width);
      else root.style.removeProperty(WIDTH_VAR);
    }
  }

  private resize(width: number): void {
    this.width = Math.round(Math.min(this.max, Math.max(MIN, width)));
    try {
      localStorage.setItem(KEY, String(this.width));
    } catch {
      // Storage disabled: the width lasts for this page only.
    }
    this.host.requestUpdate();
  }

  private readonly onKey = (e: KeyboardEvent): void => {
    const next = { ArrowLeft: this.width + STEP, ArrowRight: this.width - STEP, Home: MIN, End: this.max }[
      e.key
    ];
    if (next === undefined) return;
    e.preventDefault();
    this.resize(next);
  };

  private readonly onPointerDown = (e: PointerEvent): void => {
    const handle = e.currentTarget as HTMLElement;
    handle.setPointerCapture(e.pointerId);
    const move = (m: PointerEvent): void => this.resize(window.innerWidth - m.clientX);
    handle.addEventListener('pointermove', move);
    handle.addEventListener('lostpointercapture', () => handle.removeEventListener('pointermove', move), {
      once: true,
    });
  };

  /** The separator on the panel's inner edge (WAI-ARIA window splitter). */
  renderResizer(): TemplateResult {
    return html`<div
      class="resizer"
      part="resizer"
      role="separator"
      aria-orientation="vertical"
      aria-label="Resize the assistant"
      aria-valuenow=${this.width}
      aria-valuemin=${MIN}
      aria-valuemax=${this.max}
      tabindex="0"
      @keydown=${this.onKey}
      @pointerdown=${this.onPointerDown}
    ></div>`;
  }
}
