import DOMPurify from 'dompurify';
import { Marked } from 'marked';
import { mathExtension } from './markdown-math.js';
import { isSafeUrl } from './safe-url.js';
import type { Citation } from './types.js';
import { linkCiteMarkers } from './views/cite-markers.js';

export { isSafeUrl };

// Own instances, so the host page's marked/DOMPurify settings and hooks are never touched.
const marked = new Marked({ gfm: true, breaks: false, async: false }, mathExtension());
let purify: ReturnType<typeof DOMPurify> | undefined;

function sanitizer(): ReturnType<typeof DOMPurify> {
  if (purify) return purify;
  purify = DOMPurify(window);
  purify.addHook('afterSanitizeAttributes', (node) => {
    for (const attr of ['href', 'src'] as const) {
      const value = node.getAttribute(attr);
      if (value !== null && !isSafeUrl(value)) node.removeAttribute(attr);
    }
    // A code block scrolls sideways: keyboard users must be able to focus it to scroll it (WCAG 2.1.1).
    if (node.tagName === 'PRE') node.setAttribute('tabindex', '0');
    if (node.tagName === 'A' && node.hasAttribute('href')) {
      node.setAttribute('target', '_blank');
      node.setAttribute('rel', 'noopener noreferrer');
    }
  });
  return purify;
}

/**
 * Markdown (GFM tables included, `$…$`/`$$…$$` as MathML) → sanitized HTML: no scripts, no event
 * handlers, links only to safe protocols. DOMPurify's default profiles keep MathML elements.
 */
export function renderMarkdown(markdown: string, citations: Citation[] = []): string {
  const html = marked.parse(markdown) as string;
  const clean = sanitizer().sanitize(html, {
    FORBID_TAGS: ['style', 'form', 'input', 'button', 'textarea', 'select', 'iframe', 'object', 'embed'],
    FORBID_ATTR: ['style', 'class', 'id'],
    ADD_ATTR: ['target'],
  });
  // After sanitizing: `[n]` markers become links to their sources, built with DOM calls (cite-markers.ts).
  return linkCiteMarkers(clean, citations);
}
