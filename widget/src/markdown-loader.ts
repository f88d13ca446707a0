import { chunkUrls, loadGlobalScript } from './lazy-script.js';
import type { renderMarkdown } from './markdown.js';

export type RenderMarkdown = typeof renderMarkdown;

/** Set by the build: true in the `<script>` (IIFE) build, which cannot split code. */
declare const __TA_IIFE__: boolean;

const GLOBAL = '__textbookAssistantMarkdown';
const CHUNK = 'textbook-assistant.markdown.js';

let renderer: RenderMarkdown | undefined;
let pending: Promise<RenderMarkdown> | undefined;

/** The Markdown renderer if it has loaded; answers show as plain text until then. */
export function markdownRenderer(): RenderMarkdown | undefined {
  return renderer;
}

/**
 * Loads marked + DOMPurify (about 27 KB gzipped, more than half the widget) only when the
 * panel first opens: an ES-module chunk for npm users; for the IIFE a sibling script, or the
 * same file from `${apiBase}/widget/` when the page has only the one script.
 */
export function loadMarkdown(apiBase = ''): Promise<RenderMarkdown> {
  pending ??= (
    __TA_IIFE__
      ? loadGlobalScript<RenderMarkdown>(chunkUrls(CHUNK, apiBase), GLOBAL)
      : import('./markdown.js').then((m) => m.renderMarkdown)
  ).then(
    (render) => (renderer = render),
    (err: unknown) => {
      pending = undefined; // let a later open try again
      throw err;
    },
  );
  return pending;
}
