/**
 * The bounds every client and the BFF agree on (DESIGN.md, "HTTP API"). Plain constants, no zod:
 * the widget imports them without pulling a validator into its bundle.
 */
export const LIMITS = {
  /** POST /query `query`. */
  queryMaxChars: 2000,
  /**
   * POST /query `selected_text`, the passage the reader highlighted. 4000 (the BFF's value, not
   * the widget's old 2000): a textbook paragraph with an equation or a code block passes 2000
   * easily, retrieval only reads its first 500 characters anyway, and loosening the widget breaks
   * no client while tightening the API would.
   */
  selectedTextMaxChars: 4000,
  maxResults: { min: 1, max: 20, default: 5 },
  /** POST /query `history`: the conversation's previous turns, oldest first. */
  historyMaxTurns: 10,
  historyTurnMaxChars: 4000,
  interestsMax: 10,
  interestMaxChars: 50,
  emailMaxChars: 254,
  /** Checking an existing password applies no rule, only this bound. */
  existingPasswordMaxChars: 1024,
  analyticsDays: { min: 1, max: 365, default: 30 },
} as const;

export const SOFTWARE_LEVELS = ['Beginner', 'Intermediate', 'Advanced'] as const;
export const HARDWARE_LEVELS = ['None', 'Basic', 'Advanced'] as const;

/**
 * Re-authentication: every sensitive account action (two-factor set-up, confirmation, disabling,
 * new recovery codes, a password change, deleting the account) carries the current password under
 * this one field name, so a stolen access cookie alone cannot do any of them.
 */
export const REAUTH_FIELD = 'current_password';

/** The sensitive actions (method and path under /api/v1): each is refused without REAUTH_FIELD. */
export const SENSITIVE_ACTIONS = [
  'POST /account/2fa/setup',
  'POST /account/2fa/confirm',
  'POST /account/2fa/disable',
  'POST /account/2fa/recovery-codes',
  'POST /account/password',
  'DELETE /account',
] as const;
