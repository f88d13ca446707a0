/**
 * The Account tab (sign-in, sign-up, recovery, profile, security, sessions) and its styles: not
 * needed to read or ask, so it is a lazy chunk (account-loader.ts) loaded when the tab first shows.
 */
import type { CSSResult } from 'lit';
import { accountStyles } from './styles/account.styles.js';
import { securityStyles } from './styles/security.styles.js';
import { renderAccountView } from './views/account-view.js';

export interface AccountChunk {
  renderAccountView: typeof renderAccountView;
  /** Adopted into the element's shadow root after its own styles. */
  styles: CSSResult[];
}

export const accountChunk: AccountChunk = { renderAccountView, styles: [accountStyles, securityStyles] };
