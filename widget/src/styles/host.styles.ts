import { css } from 'lit';

/** Theme variables, resets, and the parts that live outside the panel (launcher, selection button). */
export const hostStyles = css`
  :host {
    --ta-accent: #2e8555;
    --ta-accent-fg: #ffffff;
    --ta-bg: #ffffff;
    --ta-fg: #1c1e21;
    --ta-muted: #5f6670;
    --ta-surface: #f4f5f7;
    --ta-border: #e1e4e8;
    --ta-danger: #c02a2a;
    --ta-radius: 14px;
    --ta-font: system-ui, -apple-system, 'Segoe UI', Roboto, Ubuntu, 'Helvetica Neue', Arial, sans-serif;
    --ta-font-size: 15px;
    --ta-z-index: 2147483000;
    --ta-panel-width: 420px;
    --ta-offset: 20px;
    --ta-shadow: 0 24px 60px -12px rgb(15 23 42 / 0.28), 0 2px 8px rgb(15 23 42 / 0.08);
    /* Inherited properties cross the shadow boundary through the host: reset every one of them
       (letter-spacing, line-height, text-transform, cursor, visibility, font features, writing
       mode…). Important, because the host page's own rules on this element would win otherwise;
       custom properties (the theme) are untouched by all. */
    all: initial !important;
    direction: ltr !important; /* not part of all */
    display: contents !important;
    color-scheme: light !important;
  }
  :host([dir='rtl']) {
    direction: rtl !important;
  }
  :host([data-ta-theme='dark']) {
    --ta-accent: #25c2a0;
    --ta-accent-fg: #0b1f19;
    --ta-bg: #1b1b1d;
    --ta-fg: #e6e7e9;
    --ta-muted: #a3a8b0;
    --ta-surface: #26272b;
    --ta-border: #38393e;
    --ta-danger: #ff8a8a;
    --ta-shadow: 0 24px 60px -12px rgb(0 0 0 / 0.6), 0 0 0 1px rgb(255 255 255 / 0.04);
    color-scheme: dark !important;
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  button,
  input,
  select,
  textarea {
    font: inherit;
    color: inherit;
    letter-spacing: normal;
  }
  button {
    cursor: pointer;
  }
  button:disabled {
    cursor: not-allowed;
  }
  :focus-visible {
    outline: 2px solid var(--ta-accent);
    outline-offset: 2px;
  }
  .icon {
    flex: none;
    display: block;
  }
  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    padding: 0;
    margin: -1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
  .launcher,
  .ask-selection {
    position: fixed;
    z-index: var(--ta-z-index);
    display: inline-flex;
    align-items: center;
    gap: 8px;
    margin: 0;
    border: 0;
    border-radius: 999px;
    font-family: var(--ta-font);
    font-weight: 600;
    line-height: 1;
    text-transform: none;
    visibility: visible;
    opacity: 1;
  }
  .launcher {
    right: var(--ta-offset);
    bottom: var(--ta-offset);
    height: 48px;
    padding: 0 20px 0 16px;
    font-size: 15px;
    color: var(--ta-accent-fg);
    background: var(--ta-accent);
    box-shadow: 0 8px 24px -6px rgb(15 23 42 / 0.35);
    transition:
      transform 0.15s ease,
      box-shadow 0.15s ease;
  }
  .launcher[aria-expanded='true'] {
    visibility: hidden;
    opacity: 0;
    transform: scale(0.9);
  }
  .launcher:hover {
    transform: translateY(-1px);
    box-shadow: 0 12px 28px -6px rgb(15 23 42 / 0.4);
  }
  .ask-selection {
    height: 34px;
    padding: 0 14px 0 10px;
    font-size: 13px;
    color: var(--ta-bg);
    background: var(--ta-fg);
    box-shadow: 0 6px 20px -4px rgb(15 23 42 / 0.35);
    animation: ta-pop 0.12s ease-out;
  }
  .ask-selection .icon {
    width: 16px;
    height: 16px;
  }
  @keyframes ta-pop {
    from {
      opacity: 0;
      transform: translateY(4px);
    }
  }
  @media (prefers-reduced-motion: reduce) {
    *,
    *::before,
    *::after {
      animation: none !important;
      transition: none !important;
    }
  }
`;
