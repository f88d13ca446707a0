import type { renderMarkdown } from './markdown.js';

export type RenderMarkdown = typeof renderMarkdown;

/** Set by the build: true in the `<script>` (IIFE) build, which cannot split code. */
declare const __TA_IIFE__: boolean;

const GLOBAL = '__textbookAssistantMarkdown';
const CHUNK = 'textbook-assistant.markdown.js';

// Only valid while the IIFE first runs, so read it now: the chunk sits next to this script.
const scriptSrc = document.currentScript instanceof HTMLScriptElement ? document.currentScript.src : '';

let renderer: RenderMarkdown | undefined;
let pending: Promise<RenderMarkdown> | undefined;

/** The Markdown renderer if it has loaded; answers show as plain text until then. */
export function markdownRenderer(): RenderMarkdown | undefined {
  return renderer;
}

/**
 * Loads marked + DOMPurify (about 27 KB gzipped, more than half the widget) only when the
 * panel first opens: an ES-module chunk for npm users, a sibling script for the IIFE.
 */
export function loadMarkdown(): Promise<RenderMarkdown> {
  pending ??= (__TA_IIFE__ ? loadScript() : import('./markdown.js').then((m) => m.renderMarkdown)).then(
    (render) => (renderer = render),
    (err: unknown) => {
      pending = undefined; // let a later open try again
      throw err;
    },
  );
  return pending;
}

type WithRenderer = Window & { [GLOBAL]?: RenderMarkdown };

function loadScript(): Promise<RenderMarkdown> {
  const existing = (window as WithRenderer)[GLOBAL];
  if (existing) return Promise.resolve(existing);
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = new URL(CHUNK, scriptSrc || document.baseURI).href;
    script.async = true;
    script.onload = () => {
      const render = (window as WithRenderer)[GLOBAL];
      if (render) resolve(render);
      else reject(new Error(`${CHUNK} did not register a renderer`));
    };
    script.onerror = () => reject(new Error(`Could not load ${script.src}`));
    document.head.append(script);
  });
}
