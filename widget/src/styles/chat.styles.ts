import { css } from 'lit';

/** Conversation, rendered answers, citations, composer. */
export const chatStyles = css`
  .chat {
    display: flex;
    flex-direction: column;
    height: 100%;
  }
  .chat-log {
    flex: 1;
    min-height: 0;
    overflow-y: auto;
    padding: 12px 16px 8px;
    overscroll-behavior: contain;
  }
  .welcome {
    display: flex;
    flex-direction: column;
    align-items: center;
    padding: 28px 8px 8px;
    text-align: center;
  }
  .welcome-icon {
    display: grid;
    place-items: center;
    width: 48px;
    height: 48px;
    border-radius: 14px;
    background: color-mix(in srgb, var(--ta-accent) 14%, var(--ta-bg));
    color: var(--ta-accent);
  }
  .welcome h3 {
    margin: 14px 0 4px;
    font-size: 17px;
    font-weight: 650;
  }
  .welcome p {
    max-width: 300px;
    margin: 0 0 18px;
    color: var(--ta-muted);
    font-size: 14px;
  }
  .suggestions {
    display: grid;
    gap: 8px;
    width: 100%;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .suggestion {
    width: 100%;
    padding: 10px 14px;
    border: 1px solid var(--ta-border);
    border-radius: 10px;
    background: var(--ta-bg);
    font-size: 14px;
    text-align: start;
  }
  .suggestion:hover {
    border-color: var(--ta-accent);
    background: var(--ta-surface);
  }
  .turns {
    display: grid;
    gap: 18px;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .turn {
    display: grid;
    gap: 10px;
  }
  .message.user {
    justify-self: end;
    max-width: 85%;
    padding: 9px 14px;
    border-radius: 16px 16px 4px 16px;
    background: color-mix(in srgb, var(--ta-accent) 13%, var(--ta-bg));
    overflow-wrap: anywhere;
  }
  .message.user p {
    margin: 0;
    white-space: pre-wrap;
  }
  .quote {
    margin: 0 0 6px;
    padding: 2px 0 2px 10px;
    border-left: 3px solid var(--ta-accent);
    color: var(--ta-muted);
    font-size: 13px;
    font-style: italic;
    display: -webkit-box;
    -webkit-box-orient: vertical;
    -webkit-line-clamp: 3;
    overflow: hidden;
  }
  .message.assistant {
    min-width: 0;
    overflow-wrap: break-word;
  }
  .typing {
    display: flex;
    gap: 4px;
    padding: 8px 0;
  }
  .typing i {
    width: 7px;
    height: 7px;
    border-radius: 50%;
    background: var(--ta-muted);
    animation: ta-blink 1.2s infinite ease-in-out;
  }
  .typing i:nth-child(2) {
    animation-delay: 0.15s;
  }
  .typing i:nth-child(3) {
    animation-delay: 0.3s;
  }
  @keyframes ta-blink {
    0%,
    80%,
    100% {
      opacity: 0.25;
    }
    40% {
      opacity: 1;
    }
  }
  .sources {
    margin-top: 12px;
  }
  .sources-title {
    margin: 0 0 6px;
    color: var(--ta-muted);
    font-size: 12px;
    font-weight: 650;
    letter-spacing: 0.04em;
    text-transform: uppercase;
  }
  .sources ol {
    display: grid;
    gap: 6px;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  [part='citation'] {
    display: flex;
    align-items: flex-start;
    gap: 10px;
    padding: 8px 10px;
    border: 1px solid var(--ta-border);
    border-radius: 10px;
    color: inherit;
    font-size: 13px;
    line-height: 1.4;
    text-decoration: none;
  }
  a[part='citation']:hover {
    border-color: var(--ta-accent);
    background: var(--ta-surface);
  }
  .num {
    display: grid;
    flex: none;
    place-items: center;
    width: 20px;
    height: 20px;
    border-radius: 6px;
    background: var(--ta-surface);
    color: var(--ta-muted);
    font-size: 11px;
    font-weight: 700;
  }
  .cite-text {
    display: grid;
    min-width: 0;
  }
  .cite-title {
    font-weight: 600;
  }
  .cite-path {
    overflow: hidden;
    color: var(--ta-muted);
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .answer-footer {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 6px;
    margin-top: 10px;
  }
  .note {
    margin: 0;
    color: var(--ta-muted);
    font-size: 12.5px;
  }
  .read-as {
    margin-bottom: 6px;
  }
  .actions {
    display: flex;
    gap: 2px;
    margin-left: auto;
  }
  .actions .icon {
    width: 16px;
    height: 16px;
  }
  .turn-error {
    display: grid;
    grid-template-columns: auto 1fr auto;
    align-items: center;
    gap: 10px;
    padding: 10px 12px;
    border: 1px solid color-mix(in srgb, var(--ta-danger) 35%, var(--ta-bg));
    border-radius: 10px;
    background: color-mix(in srgb, var(--ta-danger) 7%, var(--ta-bg));
    font-size: 13.5px;
  }
  .turn-error > .icon {
    color: var(--ta-danger);
  }
  .turn-error p {
    margin: 0;
    color: var(--ta-muted);
  }
  .log-tools {
    display: flex;
    justify-content: center;
    padding: 14px 0 4px;
  }
`;
