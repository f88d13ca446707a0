import type { AccountChunk } from './account-chunk.js';
import { lazyChunk } from './lazy-script.js';

export type { AccountChunk };

/** Set by the build: true in the `<script>` (IIFE) build, which cannot split code. */
declare const __TA_IIFE__: boolean;

/** The Account tab's views and styles, loaded when the tab first shows (see lazy-script.ts). */
export const accountViews = lazyChunk<AccountChunk>(
  'textbook-assistant.account.js',
  '__textbookAssistantAccount',
  __TA_IIFE__ ? undefined : () => import('./account-chunk.js').then((m) => m.accountChunk),
);
