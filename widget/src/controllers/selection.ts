import type { ReactiveController, ReactiveControllerHost } from 'lit';

const MIN_CHARS = 3;
const BUTTON_WIDTH = 150;

/**
 * Watches text selected on the host page and places the "Ask about this" button by it.
 * The button itself lives in the widget's shadow root (position: fixed).
 */
export class SelectionController implements ReactiveController {
  text = '';
  position: { top: number; left: number } | undefined;
  private timer: number | undefined;
  private readonly schedule = (): void => {
    window.clearTimeout(this.timer);
    this.timer = window.setTimeout(this.read, 200);
  };
  private readonly read = (): void => {
    const before = `${this.text}|${this.position?.top}|${this.position?.left}`;
    this.measure();
    if (before !== `${this.text}|${this.position?.top}|${this.position?.left}`) this.host.requestUpdate();
  };

  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {
    host.addController(this);
  }

  hostConnected(): void {
    document.addEventListener('selectionchange', this.schedule);
    window.addEventListener('scroll', this.schedule, { capture: true, passive: true });
    window.addEventListener('resize', this.schedule, { passive: true });
  }

  hostDisconnected(): void {
    document.removeEventListener('selectionchange', this.schedule);
    window.removeEventListener('scroll', this.schedule, { capture: true });
    window.removeEventListener('resize', this.schedule);
    window.clearTimeout(this.timer);
  }

  dismiss(): void {
    this.text = '';
    this.position = undefined;
    this.host.requestUpdate();
  }

  private measure(): void {
    const selection = document.getSelection();
    const text = selection?.toString().replace(/\s+/g, ' ').trim() ?? '';
    if (!selection || selection.isCollapsed || selection.rangeCount === 0 || text.length < MIN_CHARS) {
      this.text = '';
      this.position = undefined;
      return;
    }
    const range = selection.getRangeAt(0);
    // Selections inside the widget (or retargeted to it) are not host-page passages.
    if (this.host.contains(range.commonAncestorContainer) || range.commonAncestorContainer === this.host) {
      this.position = undefined;
      return;
    }
    const rect = range.getBoundingClientRect();
    // Scrolled out of sight (or not laid out): no button until the passage is back in view.
    if ((!rect.width && !rect.height) || rect.bottom < 0 || rect.top > window.innerHeight) {
      this.position = undefined;
      return;
    }
    const below = rect.bottom + 8;
    const above = rect.top - 44;
    const top = below + 40 <= window.innerHeight ? below : above >= 8 ? above : window.innerHeight - 48;
    const left = Math.min(
      Math.max(8, rect.left + rect.width / 2 - BUTTON_WIDTH / 2),
      window.innerWidth - BUTTON_WIDTH - 8,
    );
    this.text = text;
    this.position = { top: Math.round(top), left: Math.round(left) };
  }
}
