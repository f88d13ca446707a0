import { z } from 'zod';
import { email, password } from '../auth/auth-schemas.js';

/** A token from a mail link: base64url, as the mails carry it. */
const oneTimeToken = z
  .string()
  .trim()
  .min(16, 'is not a valid token')
  .max(200, 'is not a valid token')
  .regex(/^[A-Za-z0-9_-]+$/, 'is not a valid token');

/** Checking an existing password applies no rule: any wrong one is just wrong. */
const existingPassword = z.string().min(1, 'required').max(1024, 'too long');

export const VerifyEmailBody = z.object({ token: oneTimeToken }).strict();
export const ForgotPasswordBody = z.object({ email }).strict();
export const ResetPasswordBody = z.object({ token: oneTimeToken, password }).strict();
export const ChangePasswordBody = z
  .object({ current_password: existingPassword, new_password: password })
  .strict();
export const DeleteAccountBody = z.object({ password: existingPassword }).strict();

export const AcceptedResponse = z.object({ message: z.string() });
export const VerifyRequestResponse = z.object({ sent: z.boolean(), email_verified: z.boolean() });

export const AccountView = z.object({
  id: z.uuid(),
  email: z.email(),
  email_verified: z.boolean(),
  role: z.enum(['user', 'admin']),
  two_factor_enabled: z.boolean(),
  created_at: z.iso.datetime(),
});

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
