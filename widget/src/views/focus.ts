const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** Keeps Tab and Shift+Tab inside the open dialog (the browser would let focus reach its own UI). */
export function trapTab(e: KeyboardEvent, container: HTMLElement, root: ShadowRoot): void {
  const items = [...container.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.checkVisibility());
  const first = items[0];
  const last = items.at(-1);
  if (!first || !last) return;
  const active = root.activeElement;
  if (e.shiftKey && (active === first || !container.contains(active))) {
    e.preventDefault();
    last.focus();
  } else if (!e.shiftKey && (active === last || !container.contains(active))) {
    e.preventDefault();
    first.focus();
  }
}

/**
 * The first control of the current tab: the question box, or the view's first field or button; while
 * the view is still loading, its (then focusable) panel.
 */
export function focusFirstControl(root: ParentNode, tab: 'chat' | 'account'): void {
  const control = root.querySelector<HTMLElement>(
    tab === 'chat' ? 'textarea' : '.tabpanel input:not([disabled]), .tabpanel select, .tabpanel button',
  );
  (control ?? root.querySelector<HTMLElement>('.tabpanel[tabindex="0"]'))?.focus();
}

export function scrollToEnd(root: ParentNode, selector: string): void {
  const el = root.querySelector(selector);
  if (el) el.scrollTop = el.scrollHeight;
}
