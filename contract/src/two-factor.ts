import { z } from 'zod';
import { ExistingPassword } from './auth.js';

const TotpCode = z
  .string()
  .trim()
  .regex(/^\d{6}$/, 'must be the 6-digit code from the authenticator app');
const RecoveryCode = z.string().trim().min(8, 'is not a recovery code').max(32, 'is not a recovery code');

const exactlyOne = (a: unknown, b: unknown) => (a === undefined) !== (b === undefined);

/** POST /account/2fa/confirm: the first code from the app switches two-factor sign-in on. */
export const ConfirmTwoFactorBody = z.object({ code: TotpCode }).strict();

/** POST /account/2fa/disable: one proof, a current code or the account password. */
export const DisableTwoFactorBody = z
  .object({ code: TotpCode.optional(), password: ExistingPassword.optional() })
  .strict()
  .refine((b) => exactlyOne(b.code, b.password), 'send either code or password');

/** POST /auth/signin/2fa, the second sign-in step: a current code, or one of the recovery codes. */
export const SecondFactorBody = z
  .object({ code: TotpCode.optional(), recovery_code: RecoveryCode.optional() })
  .strict()
  .refine((b) => exactlyOne(b.code, b.recovery_code), 'send either code or recovery_code');

/** POST /account/2fa/setup. `qr_svg` is server-made SVG: show it only through an `<img>` data URL. */
export const SetupResponse = z.object({ otpauth_uri: z.string(), qr_svg: z.string() });
/** POST /account/2fa/confirm: shown once, never again. */
export const RecoveryCodesResponse = z.object({ recovery_codes: z.array(z.string()) });

export type ConfirmTwoFactorRequest = z.input<typeof ConfirmTwoFactorBody>;
export type DisableTwoFactorRequest = z.input<typeof DisableTwoFactorBody>;
export type SecondFactorRequest = z.input<typeof SecondFactorBody>;
export type SetupResponse = z.infer<typeof SetupResponse>;
export type RecoveryCodesResponse = z.infer<typeof RecoveryCodesResponse>;
