import type { Account, AuthUser, QueryResponse } from './types.js';

export interface SignedInDetail {
  user: AuthUser;
  /** True when an existing session was picked up on page load rather than a sign-in. */
  restored: boolean;
}
export interface SignedUpDetail {
  user: AuthUser;
}
export interface SignedOutDetail {
  /** `user` when the reader signed out, `expired` when the session could not be refreshed. */
  reason: 'user' | 'expired';
}
export interface ProfileUpdatedDetail {
  account: Account;
}
export interface AnswerReceivedDetail {
  query: string;
  selectedText?: string;
  response: QueryResponse;
}

export interface TextbookAssistantEventMap {
  'ta-signed-in': CustomEvent<SignedInDetail>;
  'ta-signed-up': CustomEvent<SignedUpDetail>;
  'ta-signed-out': CustomEvent<SignedOutDetail>;
  'ta-profile-updated': CustomEvent<ProfileUpdatedDetail>;
  'ta-answer-received': CustomEvent<AnswerReceivedDetail>;
  'ta-opened': CustomEvent<Record<string, never>>;
  'ta-closed': CustomEvent<Record<string, never>>;
}

type DetailOf<K extends keyof TextbookAssistantEventMap> =
  TextbookAssistantEventMap[K] extends CustomEvent<infer D> ? D : never;

/** Dispatches one of the widget's events: bubbling and composed, so it crosses shadow roots. */
export function emit<K extends keyof TextbookAssistantEventMap>(
  target: EventTarget,
  type: K,
  detail: DetailOf<K>,
): void {
  target.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface HTMLElementEventMap extends TextbookAssistantEventMap {}
}
