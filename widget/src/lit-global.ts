/**
 * The IIFE's Lit, shared with its lazily loaded sibling script textbook-assistant.account.js:
 * that build (vite.config.ts, `sharedLit`) resolves `lit` and `lit/directives/if-defined.js` to
 * this object instead of bundling a second copy, and fails on any other Lit import. Keep the two
 * lists equal.
 */
import { css, html, nothing, svg } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';

(window as Window & { __textbookAssistantLit?: object }).__textbookAssistantLit = {
  css,
  html,
  nothing,
  svg,
  ifDefined,
};
