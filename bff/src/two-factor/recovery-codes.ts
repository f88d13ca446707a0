import { createHash, randomBytes } from 'node:crypto';

export const RECOVERY_CODE_COUNT = 10;

/** "abcd-efgh-ijkl": about 59 random bits from an alphabet without look-alikes (no 0/o, 1/l/i). */
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

export function newRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  return Array.from({ length: count }, () => {
    const bytes = randomBytes(12);
    const chars = [...bytes].map((b) => ALPHABET[b % ALPHABET.length]).join('');
    return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`;
  });
}

/** Codes are high-entropy random strings, so a fast hash is enough; input is normalised first. */
export function hashRecoveryCode(code: string): string {
  const normalised = code.trim().toLowerCase().replace(/[\s-]/g, '');
  return createHash('sha256').update(`recovery:${normalised}`).digest('hex');
}
