import { lazyChunk } from './lazy-script.js';
import type { renderMarkdown } from './markdown.js';

export type RenderMarkdown = typeof renderMarkdown;

/** Set by the build: true in the `<script>` (IIFE) build, which cannot split code. */
declare const __TA_IIFE__: boolean;

/**
 * marked + DOMPurify + Temml (most of the widget's weight), loaded only when the panel first
 * opens: an ES-module chunk for npm users; for the IIFE the sibling script
 * `textbook-assistant.markdown.js` (see lazy-script.ts).
 */
const markdown = lazyChunk<RenderMarkdown>(
  'textbook-assistant.markdown.js',
  '__textbookAssistantMarkdown',
  __TA_IIFE__ ? undefined : () => import('./markdown.js').then((m) => m.renderMarkdown),
);

/** The Markdown renderer if it has loaded; answers show as plain text until then. */
export function markdownRenderer(): RenderMarkdown | undefined {
  return markdown.get();
}

/** Loads the renderer (once); `apiBase` is where the IIFE finds the chunk when it is not beside the script. */
export function loadMarkdown(apiBase = ''): Promise<RenderMarkdown> {
  return markdown.load(apiBase);
}
