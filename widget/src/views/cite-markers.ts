import type { Citation } from '../types.js';
import { isSafeUrl } from '../safe-url.js';

/** Where a marker is code or already a link, it stays text. */
const SKIP = 'pre, code, a, .katex';

/**
 * Turns each `[n]` of sanitized answer HTML into a link to citation n (1-based), named
 * "Source n: title". Runs after sanitization and builds the links with DOM calls only: the answer's
 * own HTML passes through unchanged. Unknown numbers and unsafe URLs stay plain text.
 */
export function linkCiteMarkers(sanitized: string, citations: Citation[]): string {
  if (!citations.length || !/\[\d+\]/.test(sanitized)) return sanitized;
  const tpl = document.createElement('template');
  tpl.innerHTML = sanitized;
  const walker = document.createTreeWalker(tpl.content, NodeFilter.SHOW_TEXT);
  const texts: Text[] = [];
  while (walker.nextNode()) {
    const node = walker.currentNode as Text;
    if (/\[\d+\]/.test(node.data) && !node.parentElement?.closest(SKIP)) texts.push(node);
  }
  for (const node of texts) {
    const parts = node.data.split(/(\[\d+\])/);
    node.replaceWith(...parts.map((part) => marker(part, citations) ?? part));
  }
  return tpl.innerHTML;
}

function marker(part: string, citations: Citation[]): HTMLAnchorElement | undefined {
  const n = /^\[(\d+)\]$/.exec(part)?.[1];
  const c = n ? citations[Number(n) - 1] : undefined;
  if (!c || !isSafeUrl(c.url)) return undefined;
  const a = document.createElement('a');
  a.className = 'cite-marker';
  a.href = c.url;
  a.target = '_blank';
  a.rel = 'noopener noreferrer';
  a.setAttribute('aria-label', `Source ${n}: ${c.title}`);
  a.textContent = part;
  return a;
}
