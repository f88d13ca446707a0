import { css } from 'lit';

/** The question form at the bottom of the chat: selected passage, text area, send button. */
export const composerStyles = css`
  .composer {
    padding: 10px 16px 12px;
    border-top: 1px solid var(--ta-border);
  }
  .selection {
    display: flex;
    align-items: center;
    gap: 8px;
    margin-bottom: 8px;
    padding: 6px 6px 6px 10px;
    border-left: 3px solid var(--ta-accent);
    border-radius: 6px;
    background: var(--ta-surface);
    font-size: 13px;
  }
  .selection-label {
    flex: none;
    color: var(--ta-muted);
    font-weight: 600;
  }
  .selection q {
    flex: 1;
    min-width: 0;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .composer-row {
    display: flex;
    align-items: flex-end;
    gap: 8px;
    padding: 6px 6px 6px 14px;
    border: 1px solid var(--ta-border);
    border-radius: 14px;
    background: var(--ta-bg);
    transition:
      border-color 0.15s ease,
      box-shadow 0.15s ease;
  }
  .composer-row:focus-within {
    border-color: var(--ta-accent);
    box-shadow: 0 0 0 3px color-mix(in srgb, var(--ta-accent) 20%, transparent);
  }
  .composer textarea {
    flex: 1;
    min-height: 34px;
    max-height: 140px;
    padding: 6px 0;
    border: 0;
    outline: none;
    background: transparent;
    font-size: 15px;
    line-height: 1.45;
    resize: none;
  }
  .composer textarea::placeholder {
    color: var(--ta-muted);
  }
  .send {
    display: grid;
    flex: none;
    place-items: center;
    width: 34px;
    height: 34px;
    padding: 0;
    border: 0;
    border-radius: 10px;
    background: var(--ta-accent);
    color: var(--ta-accent-fg);
  }
  .send:disabled {
    opacity: 0.5;
  }
  .send .icon {
    width: 18px;
    height: 18px;
  }
  .disclaimer {
    margin: 8px 0 0;
    color: var(--ta-muted);
    font-size: 11.5px;
    text-align: center;
  }
`;
