import { z } from 'zod';
import { ExistingPassword } from './auth.js';
import { REAUTH_FIELD } from './limits.js';

const TotpCode = z
  .string()
  .trim()
  .regex(/^\d{6}$/, 'must be the 6-digit code from the authenticator app');
const RecoveryCode = z.string().trim().min(8, 'is not a recovery code').max(32, 'is not a recovery code');

const exactlyOne = (a: unknown, b: unknown) => (a === undefined) !== (b === undefined);

/** The current password of a sensitive action (REAUTH_FIELD, in limits.ts). */
export const ReauthBody = z.object({ [REAUTH_FIELD]: ExistingPassword });

/** POST /account/2fa/setup. */
export const SetupTwoFactorBody = ReauthBody.strict();
/** POST /account/2fa/confirm: the first code from the app switches two-factor sign-in on. */
export const ConfirmTwoFactorBody = ReauthBody.extend({ code: TotpCode }).strict();
/** POST /account/2fa/disable. */
export const DisableTwoFactorBody = ReauthBody.strict();
/** POST /account/2fa/recovery-codes: ten new codes; the old ones stop working. */
export const RegenerateRecoveryCodesBody = ReauthBody.strict();

/** POST /auth/signin/2fa, the second sign-in step: a current code, or one of the recovery codes. */
export const SecondFactorBody = z
  .object({ code: TotpCode.optional(), recovery_code: RecoveryCode.optional() })
  .strict()
  .refine((b) => exactlyOne(b.code, b.recovery_code), 'send either code or recovery_code');

/** POST /account/2fa/setup. `qr_svg` is server-made SVG: show it only through an `<img>` data URL. */
export const SetupResponse = z.object({ otpauth_uri: z.string(), qr_svg: z.string() });
/** POST /account/2fa/confirm and /account/2fa/recovery-codes: shown once, never again. */
export const RecoveryCodesResponse = z.object({ recovery_codes: z.array(z.string()) });

export type ReauthRequest = z.input<typeof ReauthBody>;
export type SetupTwoFactorRequest = z.input<typeof SetupTwoFactorBody>;
export type ConfirmTwoFactorRequest = z.input<typeof ConfirmTwoFactorBody>;
export type RegenerateRecoveryCodesRequest = z.input<typeof RegenerateRecoveryCodesBody>;
export type DisableTwoFactorRequest = z.input<typeof DisableTwoFactorBody>;
export type SecondFactorRequest = z.input<typeof SecondFactorBody>;
export type SetupResponse = z.infer<typeof SetupResponse>;
export type RecoveryCodesResponse = z.infer<typeof RecoveryCodesResponse>;
