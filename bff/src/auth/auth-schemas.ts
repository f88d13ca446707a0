import { z } from 'zod';
import { ProfileFields, UserView } from '../profile/profile-schemas.js';

export const PASSWORD_SPECIALS = '@$!%*?&';
export const PASSWORD_MAX_BYTES = 72;

/** The seed plan's rule. Over 72 bytes is refused: bcrypt would silently ignore the rest. */
export const password = z
  .string()
  .min(8, 'at least 8 characters')
  .refine((p) => Buffer.byteLength(p, 'utf8') <= PASSWORD_MAX_BYTES, `at most ${PASSWORD_MAX_BYTES} bytes`)
  .refine((p) => /[a-z]/.test(p), 'needs a lowercase letter')
  .refine((p) => /[A-Z]/.test(p), 'needs an uppercase letter')
  .refine((p) => /\d/.test(p), 'needs a digit')
  .refine((p) => /[@$!%*?&]/.test(p), `needs one of ${PASSWORD_SPECIALS}`);

export const email = z
  .string()
  .trim()
  .max(254, 'at most 254 characters')
  .pipe(z.email('must be a valid email address'))
  .transform((e) => e.toLowerCase());

export const SignupBody = z.object({ email, password }).extend(ProfileFields.shape).strict();

/** Sign-in does not apply the password rule: any wrong password gets the same 401. */
export const SigninBody = z
  .object({ email, password: z.string().min(1, 'required').max(1024, 'too long') })
  .strict();

export const AuthResponse = z.object({ user: UserView, expires_in: z.number().int() });

export type SignupBody = z.infer<typeof SignupBody>;
export type SigninBody = z.infer<typeof SigninBody>;
