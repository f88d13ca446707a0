import { css } from 'lit';

/** Account security: verification notice, two-factor set-up, sessions, deletion. */
export const securityStyles = css`
  .section {
    display: grid;
    gap: 14px;
    margin: 0 20px;
    padding: 16px 0 20px;
    border-top: 1px solid var(--ta-border);
  }
  .section h3 {
    margin: 0;
    font-size: 17px;
    font-weight: 650;
  }
  .section h3:focus {
    outline: none;
  }
  .subsection {
    display: grid;
    gap: 12px;
  }
  .subsection h4 {
    margin: 0;
    font-size: 15px;
    font-weight: 650;
  }
  .subsection .lead {
    margin: 0;
  }
  .verify-notice {
    display: grid;
    gap: 8px;
    justify-items: start;
    margin: 16px 20px 0;
    padding: 12px;
    border: 1px solid var(--ta-border);
    border-radius: 10px;
    background: var(--ta-surface);
    font-size: 14px;
  }
  .verify-notice p {
    margin: 0;
  }
  .qr {
    padding: 8px;
    border-radius: 8px;
    background: #fff;
  }
  .secret {
    padding: 6px 8px;
    border-radius: 6px;
    background: var(--ta-surface);
    font-size: 13px;
    overflow-wrap: anywhere;
  }
  details summary {
    cursor: pointer;
    color: var(--ta-muted);
    font-size: 13px;
  }
  .codes {
    display: grid;
    grid-template-columns: 1fr 1fr;
    gap: 6px 16px;
    margin: 0;
    padding: 12px 12px 12px 32px;
    border-radius: 10px;
    background: var(--ta-surface);
    font-size: 14px;
  }
  .session-list {
    display: grid;
    gap: 8px;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .session {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: 10px;
    padding: 10px 12px;
    border: 1px solid var(--ta-border);
    border-radius: 10px;
  }
  .session-info {
    display: grid;
    gap: 2px;
    min-width: 0;
  }
  .session-device {
    font-weight: 600;
    font-size: 14px;
  }
  .session-meta {
    color: var(--ta-muted);
    font-size: 12.5px;
  }
  .badge {
    margin-left: 6px;
    padding: 1px 8px;
    border-radius: 999px;
    background: color-mix(in srgb, var(--ta-accent) 14%, var(--ta-bg));
    font-size: 12px;
    font-weight: 600;
  }
  .btn.danger {
    justify-self: start;
    border-color: var(--ta-danger);
    color: var(--ta-danger);
  }
`;
