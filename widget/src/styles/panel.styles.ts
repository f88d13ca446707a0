import { css } from 'lit';

/** The dialog frame: header, tabs, shared buttons. */
export const panelStyles = css`
  .panel {
    position: fixed;
    inset: auto var(--ta-offset) var(--ta-offset) auto;
    width: min(var(--ta-panel-width), calc(100vw - 2 * var(--ta-offset)));
    height: min(700px, calc(100dvh - 2 * var(--ta-offset)));
    max-width: none;
    max-height: none;
    margin: 0;
    padding: 0;
    display: none;
    flex-direction: column;
    overflow: hidden;
    border: 1px solid var(--ta-border);
    border-radius: var(--ta-radius);
    background: var(--ta-bg);
    color: var(--ta-fg);
    box-shadow: var(--ta-shadow);
    font-family: var(--ta-font);
    font-size: var(--ta-font-size);
    font-weight: 400;
    line-height: 1.55;
    text-align: start;
  }
  .panel[open] {
    display: flex;
    animation: ta-rise 0.18s ease-out;
  }
  .panel.docked {
    inset: 0 0 0 auto;
    width: var(--ta-sidepanel-width, 400px);
    height: 100dvh;
    border-width: 0 0 0 1px;
    border-radius: 0;
    box-shadow: none;
    animation: none;
    z-index: var(--ta-z-index);
  }
  .resizer {
    position: absolute;
    inset: 0 auto 0 0;
    z-index: 1;
    width: 6px;
    cursor: col-resize;
    touch-action: none;
  }
  .resizer:hover,
  .resizer:focus-visible {
    outline: 0;
    background: var(--ta-accent);
  }
  .panel::backdrop {
    background: rgb(15 23 42 / 0.25);
  }
  @keyframes ta-rise {
    from {
      opacity: 0;
      transform: translateY(12px) scale(0.98);
    }
  }
  @media (max-width: 480px) {
    .panel {
      inset: 0;
      width: 100%;
      height: 100%;
      border: 0;
      border-radius: 0;
    }
  }
  .header {
    display: flex;
    align-items: center;
    gap: 10px;
    padding: 14px 12px 10px 16px;
  }
  .header h2 {
    flex: 1;
    margin: 0;
    font-size: 16px;
    font-weight: 650;
    line-height: 1.3;
  }
  .header-icon {
    display: grid;
    place-items: center;
    width: 30px;
    height: 30px;
    border-radius: 9px;
    color: var(--ta-accent-fg);
    background: var(--ta-accent);
  }
  .header-icon .icon {
    width: 18px;
    height: 18px;
  }
  .tabs {
    display: flex;
    gap: 4px;
    margin: 0 16px 4px;
    padding: 4px;
    border-radius: 10px;
    background: var(--ta-surface);
  }
  .tab {
    flex: 1;
    padding: 6px 10px;
    border: 0;
    border-radius: 7px;
    background: transparent;
    color: var(--ta-muted);
    font-size: 14px;
    font-weight: 600;
  }
  .tab[aria-selected='true'] {
    background: var(--ta-bg);
    color: var(--ta-fg);
    box-shadow: 0 1px 3px rgb(15 23 42 / 0.12);
  }
  .tabpanel {
    flex: 1;
    min-height: 0;
    overflow-y: auto;
  }
  /* Focusable only while its view loads; the ring inside, where the panel's edges cannot clip it. */
  .tabpanel:focus-visible {
    outline-offset: -2px;
  }
  .icon-btn {
    display: grid;
    place-items: center;
    width: 34px;
    height: 34px;
    padding: 0;
    border: 0;
    border-radius: 8px;
    background: transparent;
    color: var(--ta-muted);
  }
  .icon-btn:hover,
  .icon-btn[aria-pressed='true'] {
    background: var(--ta-surface);
    color: var(--ta-fg);
  }
  .icon-btn[aria-pressed='true'] {
    color: var(--ta-accent);
  }
  .icon-btn.small {
    width: 26px;
    height: 26px;
  }
  .icon-btn .icon {
    width: 18px;
    height: 18px;
  }
  .btn {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 6px;
    min-height: 38px;
    padding: 0 16px;
    border: 1px solid var(--ta-border);
    border-radius: calc(var(--ta-radius) * 0.7);
    background: var(--ta-bg);
    color: var(--ta-fg);
    font-size: 14px;
    font-weight: 600;
  }
  .btn:hover:not(:disabled) {
    background: var(--ta-surface);
  }
  .btn:disabled {
    opacity: 0.6;
  }
  .btn.primary {
    border-color: transparent;
    background: var(--ta-accent);
    color: var(--ta-accent-fg);
  }
  .btn.primary:hover:not(:disabled) {
    background: var(--ta-accent);
    filter: brightness(1.08);
  }
  .btn.ghost {
    border-color: transparent;
    background: transparent;
    color: var(--ta-muted);
  }
  .btn.small {
    min-height: 30px;
    padding: 0 10px;
    font-size: 13px;
  }
  .btn.block {
    width: 100%;
  }
  .btn .icon {
    width: 16px;
    height: 16px;
  }
  .link {
    padding: 0;
    border: 0;
    background: none;
    color: var(--ta-accent);
    font-weight: 600;
    text-decoration: underline;
    text-underline-offset: 2px;
  }
  .loading {
    padding: 24px;
    color: var(--ta-muted);
  }
`;
