import { AppError } from '../platform/errors.js';
import type { SecretBox } from './secret-box.js';
import type { TwoFactorStore } from './two-factor-store.js';
import { matchingStep, newTotpSecret, otpauthUri } from './totp.js';
import { hashRecoveryCode, newRecoveryCodes } from './recovery-codes.js';

export interface TwoFactorServiceDeps {
  store: TwoFactorStore;
  box: SecretBox;
}

export interface SecondFactor {
  code?: string;
  recovery_code?: string;
}

const badCode = () =>
  new AppError('INVALID_TWO_FACTOR_CODE', 'The code is incorrect or was already used.', {
    details: [{ path: 'code', message: 'The code is incorrect or was already used.' }],
  });

/** TOTP set-up, confirmation, disabling, and checking a second factor at sign-in. */
export function createTwoFactorService(d: TwoFactorServiceDeps) {
  /** A code within ±1 step whose step is newer than the last accepted one. */
  async function acceptCode(userId: string, sealedSecret: string, code: string, enable: boolean) {
    const step = matchingStep(d.box.open(sealedSecret), code);
    return step !== null && (await d.store.claimStep(userId, step, { enable }));
  }

  async function checkSecondFactor(userId: string, factor: SecondFactor): Promise<boolean> {
    const row = await d.store.find(userId);
    if (!row?.enabled) return false;
    if (factor.code) return acceptCode(userId, row.sealedSecret, factor.code, false);
    if (factor.recovery_code) return d.store.useRecoveryCode(userId, hashRecoveryCode(factor.recovery_code));
    return false;
  }

  async function requireEnabled(userId: string) {
    if (!(await d.store.isEnabled(userId))) {
      throw new AppError('TWO_FACTOR_NOT_ENABLED', 'Two-factor sign-in is not on.');
    }
  }

  return {
    isEnabled: (userId: string) => d.store.isEnabled(userId),
    checkSecondFactor,

    async setup(userId: string, email: string): Promise<{ otpauth_uri: string; qr_svg: string }> {
      const secret = newTotpSecret();
      if (!(await d.store.savePending(userId, d.box.seal(secret)))) {
        throw new AppError(
          'TWO_FACTOR_ALREADY_ENABLED',
          'Two-factor sign-in is already on. Disable it first.',
        );
      }
      const uri = otpauthUri(secret, email);
      // Loaded here, not at start: only turning 2FA on draws a QR code (its 0.5 MB stays off the ready path).
      const { default: QRCode } = await import('qrcode');
      return { otpauth_uri: uri, qr_svg: await QRCode.toString(uri, { type: 'svg', margin: 1 }) };
    },

    /** Turns 2FA on with a first valid code and hands out the recovery codes, once. */
    async confirm(userId: string, code: string): Promise<{ recovery_codes: string[] }> {
      const row = await d.store.find(userId);
      if (!row) throw new AppError('TWO_FACTOR_NOT_ENABLED', 'Start the set-up first.');
      if (row.enabled) throw new AppError('TWO_FACTOR_ALREADY_ENABLED', 'Two-factor sign-in is already on.');
      if (!(await acceptCode(userId, row.sealedSecret, code, true))) throw badCode();
      const codes = newRecoveryCodes();
      await d.store.replaceRecoveryCodes(userId, codes.map(hashRecoveryCode));
      return { recovery_codes: codes };
    },

    /** The current password was checked by the route's guard. */
    async disable(userId: string): Promise<void> {
      await requireEnabled(userId);
      await d.store.remove(userId);
    },

    /** Ten new recovery codes, shown once; the old ones stop working. */
    async regenerateRecoveryCodes(userId: string): Promise<{ recovery_codes: string[] }> {
      await requireEnabled(userId);
      const codes = newRecoveryCodes();
      await d.store.replaceRecoveryCodes(userId, codes.map(hashRecoveryCode));
      return { recovery_codes: codes };
    },
  };
}

export type TwoFactorService = ReturnType<typeof createTwoFactorService>;
