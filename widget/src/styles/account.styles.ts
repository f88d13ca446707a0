import { css } from 'lit';

/** Sign-in, sign-up and profile forms. */
export const accountStyles = css`
  .form {
    display: grid;
    gap: 14px;
    padding: 16px 20px 24px;
  }
  .form h3 {
    margin: 0;
    font-size: 18px;
    font-weight: 650;
  }
  .lead {
    margin: -8px 0 2px;
    color: var(--ta-muted);
    font-size: 14px;
  }
  .field {
    display: grid;
    gap: 6px;
    min-width: 0;
  }
  .field label {
    font-size: 13.5px;
    font-weight: 600;
  }
  .optional {
    color: var(--ta-muted);
    font-weight: 400;
  }
  .field-row {
    display: grid;
    grid-template-columns: 1fr 1fr;
    gap: 12px;
  }
  @media (max-width: 360px) {
    .field-row {
      grid-template-columns: 1fr;
    }
  }
  .field input,
  .field select,
  .chips {
    width: 100%;
    min-height: 40px;
    padding: 8px 12px;
    border: 1px solid var(--ta-border);
    border-radius: calc(var(--ta-radius) * 0.7);
    background: var(--ta-bg);
    font-size: 15px;
  }
  .field select {
    appearance: none;
    padding-right: 34px;
    background-image:
      linear-gradient(45deg, transparent 50%, var(--ta-muted) 50%),
      linear-gradient(135deg, var(--ta-muted) 50%, transparent 50%);
    background-position:
      calc(100% - 18px) 50%,
      calc(100% - 13px) 50%;
    background-size: 5px 5px;
    background-repeat: no-repeat;
    cursor: pointer;
  }
  .field input:focus,
  .field select:focus,
  .chips:focus-within {
    border-color: var(--ta-accent);
    outline: none;
    box-shadow: 0 0 0 3px color-mix(in srgb, var(--ta-accent) 20%, transparent);
  }
  .field [aria-invalid='true'] {
    border-color: var(--ta-danger);
  }
  .field-error {
    margin: 0;
    color: var(--ta-danger);
    font-size: 13px;
  }
  .hint {
    margin: 0;
    color: var(--ta-muted);
    font-size: 12.5px;
  }
  .form-error,
  .notice {
    padding: 10px 12px;
    border-radius: 10px;
    font-size: 14px;
  }
  .form-error {
    border: 1px solid color-mix(in srgb, var(--ta-danger) 35%, var(--ta-bg));
    background: color-mix(in srgb, var(--ta-danger) 8%, var(--ta-bg));
    color: var(--ta-danger);
  }
  .notice {
    border: 1px solid color-mix(in srgb, var(--ta-accent) 35%, var(--ta-bg));
    background: color-mix(in srgb, var(--ta-accent) 10%, var(--ta-bg));
  }
  .rules {
    display: grid;
    grid-template-columns: 1fr 1fr;
    gap: 4px 12px;
    margin: -6px 0 0;
    padding: 0;
    list-style: none;
    color: var(--ta-muted);
    font-size: 12.5px;
  }
  .rules li {
    display: flex;
    align-items: center;
    gap: 5px;
  }
  .rules .icon {
    width: 14px;
    height: 14px;
  }
  .rules li.met {
    color: var(--ta-fg);
  }
  .rules li.met .icon {
    color: var(--ta-accent);
  }
  .rules li.unmet .icon {
    color: var(--ta-danger);
  }
  .chips {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 6px;
    padding: 5px 8px;
  }
  .chip-list {
    display: contents;
    list-style: none;
  }
  .chip {
    display: inline-flex;
    align-items: center;
    gap: 2px;
    max-width: 100%;
    padding: 2px 4px 2px 10px;
    border-radius: 999px;
    background: color-mix(in srgb, var(--ta-accent) 14%, var(--ta-bg));
    font-size: 13px;
    font-weight: 500;
  }
  .chip span {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .chip button {
    display: grid;
    place-items: center;
    width: 20px;
    height: 20px;
    padding: 0;
    border: 0;
    border-radius: 50%;
    background: transparent;
  }
  .chip button:hover {
    background: color-mix(in srgb, var(--ta-fg) 12%, transparent);
  }
  .chip .icon {
    width: 12px;
    height: 12px;
  }
  .chips input {
    flex: 1;
    min-width: 140px;
    min-height: 28px;
    padding: 0 4px;
    border: 0;
    outline: none;
    box-shadow: none;
    background: transparent;
  }
  .chips input:focus {
    box-shadow: none;
  }
  .chip-suggestions {
    display: flex;
    flex-wrap: wrap;
    gap: 6px;
  }
  .chip-suggestion {
    padding: 3px 10px;
    border: 1px dashed var(--ta-border);
    border-radius: 999px;
    background: transparent;
    color: var(--ta-muted);
    font-size: 12.5px;
  }
  .chip-suggestion:hover {
    border-color: var(--ta-accent);
    color: var(--ta-fg);
  }
  .switch {
    margin: 0;
    color: var(--ta-muted);
    font-size: 14px;
    text-align: center;
  }
  .profile-head {
    display: flex;
    align-items: center;
    gap: 12px;
  }
  .profile-head .email {
    margin: 0;
    color: var(--ta-muted);
    font-size: 14px;
    overflow-wrap: anywhere;
  }
  .avatar {
    display: grid;
    place-items: center;
    width: 42px;
    height: 42px;
    border-radius: 50%;
    background: color-mix(in srgb, var(--ta-accent) 14%, var(--ta-bg));
    color: var(--ta-accent);
  }
  .form-actions {
    display: flex;
    justify-content: space-between;
    gap: 10px;
  }
`;
