/**
 * Entry of `textbook-assistant.account.js`, the IIFE build's lazily loaded Account tab. Its `lit`
 * imports are the IIFE's own Lit (lit-global.ts), so templates and styles are one Lit's.
 */
import { accountChunk } from './account-chunk.js';

(window as Window & { __textbookAssistantAccount?: typeof accountChunk }).__textbookAssistantAccount =
  accountChunk;
