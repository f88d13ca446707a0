import { z } from 'zod';
import { Email, NewPassword } from './auth.js';
import { ReauthBody } from './two-factor.js';

/** A token from a mail link: base64url, as the mails carry it. */
const OneTimeToken = z
  .string()
  .trim()
  .min(16, 'is not a valid token')
  .max(200, 'is not a valid token')
  .regex(/^[A-Za-z0-9_-]+$/, 'is not a valid token');

/** POST /account/verify-email. */
export const VerifyEmailBody = z.object({ token: OneTimeToken }).strict();
export const VerifyEmailResponse = z.object({ email_verified: z.literal(true) });
/** POST /account/verify-email/request: 202 when a mail went out, 200 when already verified. */
export const VerifyRequestResponse = z.object({ sent: z.boolean(), email_verified: z.boolean() });

/** POST /auth/forgot-password: always the same 202 answer, whether or not the address exists. */
export const ForgotPasswordBody = z.object({ email: Email }).strict();
export const AcceptedResponse = z.object({ message: z.string() });
/** POST /auth/reset-password. */
export const ResetPasswordBody = z.object({ token: OneTimeToken, password: NewPassword }).strict();

/** POST /account/password. */
export const ChangePasswordBody = ReauthBody.extend({ new_password: NewPassword }).strict();
/** DELETE /account. */
export const DeleteAccountBody = ReauthBody.strict();

/** GET /account: the account's security facts (the profile lives at /profile). */
export const AccountView = z.object({
  id: z.uuid(),
  email: z.email(),
  email_verified: z.boolean(),
  role: z.enum(['user', 'admin']),
  two_factor_enabled: z.boolean(),
  created_at: z.iso.datetime(),
});

/** One sign-in (a refresh-token family) in GET /account/sessions. */
export const SessionView = z.object({
  id: z.uuid(),
  device: z.string(),
  user_agent: z.string().nullable(),
  ip: z.string().nullable(),
  created_at: z.iso.datetime(),
  last_used_at: z.iso.datetime(),
  current: z.boolean(),
});
export const SessionsResponse = z.object({ sessions: z.array(SessionView) });

export type VerifyEmailRequest = z.input<typeof VerifyEmailBody>;
export type VerifyEmailResponse = z.infer<typeof VerifyEmailResponse>;
export type VerifyRequestResponse = z.infer<typeof VerifyRequestResponse>;
export type ForgotPasswordRequest = z.input<typeof ForgotPasswordBody>;
export type AcceptedResponse = z.infer<typeof AcceptedResponse>;
export type ResetPasswordRequest = z.input<typeof ResetPasswordBody>;
export type ChangePasswordRequest = z.input<typeof ChangePasswordBody>;
export type DeleteAccountRequest = z.input<typeof DeleteAccountBody>;
export type AccountView = z.infer<typeof AccountView>;
export type SessionView = z.infer<typeof SessionView>;
export type SessionsResponse = z.infer<typeof SessionsResponse>;
