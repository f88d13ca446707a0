import { z } from 'zod';
import { LIMITS } from './limits.js';
import { PASSWORD_CHECKS } from './password-rule.js';
import { ProfileFields, UserView } from './profile.js';

/** A new password: the rule of password-rule.ts, each failed check one message. */
export const NewPassword = z.string().superRefine((value, ctx) => {
  for (const check of PASSWORD_CHECKS) {
    if (!check.test(value)) ctx.addIssue({ code: 'custom', message: check.problem });
  }
});

/** Checking an existing password applies no rule: any wrong one is just wrong. */
export const ExistingPassword = z
  .string()
  .min(1, 'required')
  .max(LIMITS.existingPasswordMaxChars, 'too long');

export const Email = z
  .string()
  .trim()
  .max(LIMITS.emailMaxChars, `at most ${LIMITS.emailMaxChars} characters`)
  .pipe(z.email('must be a valid email address'))
  .transform((e) => e.toLowerCase());

/** POST /auth/signup. */
export const SignupBody = z
  .object({ email: Email, password: NewPassword })
  .extend(ProfileFields.shape)
  .strict();

/** POST /auth/signin. Sign-in does not apply the password rule: any wrong password gets the same 401. */
export const SigninBody = z.object({ email: Email, password: ExistingPassword }).strict();

/** A started session: sign-up, sign-in, the second sign-in step. */
export const AuthResponse = z.object({
  user: UserView,
  /** Seconds until the access cookie expires. */
  expires_in: z.number().int(),
});

/** POST /auth/signin when the account has two-factor sign-in: no session yet. */
export const TwoFactorRequiredResponse = z.object({ two_factor_required: z.literal(true) });

export const SigninResponse = z.union([AuthResponse, TwoFactorRequiredResponse]);

/** POST /auth/refresh. */
export const RefreshResponse = z.object({ expires_in: z.number().int() });

/**
 * GET /auth/session: always 200. `refreshable` is true when there is no valid access token but
 * the refresh cookie names a live session (then, and only then, POST /auth/refresh is worth it).
 */
export const SessionStatusResponse = z.object({
  user: UserView.nullable(),
  expires_in: z.number().int().nullable(),
  refreshable: z.boolean(),
});

export type SignupBody = z.infer<typeof SignupBody>;
export type SignupRequest = z.input<typeof SignupBody>;
export type SigninBody = z.infer<typeof SigninBody>;
export type SigninRequest = z.input<typeof SigninBody>;
export type AuthResponse = z.infer<typeof AuthResponse>;
export type TwoFactorRequiredResponse = z.infer<typeof TwoFactorRequiredResponse>;
export type SigninResponse = z.infer<typeof SigninResponse>;
export type RefreshResponse = z.infer<typeof RefreshResponse>;
export type SessionStatusResponse = z.infer<typeof SessionStatusResponse>;
