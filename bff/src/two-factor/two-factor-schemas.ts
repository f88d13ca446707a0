import { z } from 'zod';

const totpCode = z
  .string()
  .trim()
  .regex(/^\d{6}$/, 'must be the 6-digit code from the authenticator app');
const recoveryCode = z.string().trim().min(8, 'is not a recovery code').max(32, 'is not a recovery code');

export const ConfirmTwoFactorBody = z.object({ code: totpCode }).strict();

const exactlyOne = (a: unknown, b: unknown) => (a === undefined) !== (b === undefined);

/** Disabling needs one proof: a current code or the account password. */
export const DisableTwoFactorBody = z
  .object({
    code: totpCode.optional(),
    password: z.string().min(1, 'required').max(1024, 'too long').optional(),
  })
  .strict()
  .refine((b) => exactlyOne(b.code, b.password), 'send either code or password');

/** The second sign-in step: a current code, or one of the recovery codes. */
export const SecondFactorBody = z
  .object({ code: totpCode.optional(), recovery_code: recoveryCode.optional() })
  .strict()
  .refine((b) => exactlyOne(b.code, b.recovery_code), 'send either code or recovery_code');

export const SetupResponse = z.object({ otpauth_uri: z.string(), qr_svg: z.string() });
export const RecoveryCodesResponse = z.object({ recovery_codes: z.array(z.string()) });
export const TwoFactorRequiredResponse = z.object({ two_factor_required: z.literal(true) });
