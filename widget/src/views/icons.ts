import { svg, type SVGTemplateResult } from 'lit';

/** 24×24 stroke icons (Lucide-style), decorative: callers label the control. */
const icon = (body: SVGTemplateResult): SVGTemplateResult =>
  svg`<svg class="icon" viewBox="0 0 24 24" width="20" height="20" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false">${body}</svg>`;

export const sparkleIcon = icon(
  svg`<path d="M12 3l1.9 5.8L20 11l-6.1 2.2L12 19l-1.9-5.8L4 11l6.1-2.2z"/><path d="M19 3v4M21 5h-4"/>`,
);
export const closeIcon = icon(svg`<path d="M18 6 6 18M6 6l12 12"/>`);
export const sendIcon = icon(svg`<path d="M12 19V5M5 12l7-7 7 7"/>`);
export const copyIcon = icon(
  svg`<rect x="9" y="9" width="13" height="13" rx="2"/><path d="M5 15H4a2 2 0 0 1-2-2V4a2 2 0 0 1 2-2h9a2 2 0 0 1 2 2v1"/>`,
);
export const dotIcon = icon(svg`<circle cx="12" cy="12" r="3"/>`);
export const checkIcon = icon(svg`<path d="M20 6 9 17l-5-5"/>`);
export const thumbUpIcon = icon(
  svg`<path d="M7 10v12M15 5.9 14 10h5.8a2 2 0 0 1 2 2.3l-1.4 8A2 2 0 0 1 18.4 22H4a2 2 0 0 1-2-2v-8a2 2 0 0 1 2-2h2.8a2 2 0 0 0 1.8-1.1L12 2a3.1 3.1 0 0 1 3 3.9z"/>`,
);
export const thumbDownIcon = icon(
  svg`<path d="M17 14V2M9 18.1 10 14H4.2a2 2 0 0 1-2-2.3l1.4-8A2 2 0 0 1 5.6 2H20a2 2 0 0 1 2 2v8a2 2 0 0 1-2 2h-2.8a2 2 0 0 0-1.8 1.1L12 22a3.1 3.1 0 0 1-3-3.9z"/>`,
);
export const retryIcon = icon(svg`<path d="M3 12a9 9 0 1 0 3-6.7L3 8"/><path d="M3 3v5h5"/>`);
export const bookIcon = icon(svg`<path d="M4 19.5V4.5A2.5 2.5 0 0 1 6.5 2H20v20H6.5a2.5 2.5 0 0 1 0-5H20"/>`);
export const alertIcon = icon(svg`<circle cx="12" cy="12" r="10"/><path d="M12 8v4M12 16h.01"/>`);
export const trashIcon = icon(svg`<path d="M3 6h18M8 6V4h8v2M19 6l-1 14H6L5 6"/>`);
export const userIcon = icon(svg`<circle cx="12" cy="8" r="4"/><path d="M4 21a8 8 0 0 1 16 0"/>`);
