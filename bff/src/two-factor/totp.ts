import { Secret, TOTP } from 'otpauth';

const PERIOD = 30;
const ISSUER = 'Textbook Assistant';

function totpFor(secretBase32: string, label = 'reader'): TOTP {
  return new TOTP({
    issuer: ISSUER,
    label,
    algorithm: 'SHA1',
    digits: 6,
    period: PERIOD,
    secret: Secret.fromBase32(secretBase32),
  });
}

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

export function otpauthUri(secretBase32: string, email: string): string {
  return totpFor(secretBase32, email).toString();
}

/**
 * The time step a code belongs to, within ±1 step of now, or null. The caller records the step
 * so that the same code (or an older one) is never accepted again.
 */
export function matchingStep(secretBase32: string, code: string, now = Date.now()): number | null {
  const delta = totpFor(secretBase32).validate({ token: code, timestamp: now, window: 1 });
  if (delta === null) return null;
  return Math.floor(now / 1000 / PERIOD) + delta;
}

/** For tests and tools: the code for a given time. */
export function codeAt(secretBase32: string, timestamp: number): string {
  return totpFor(secretBase32).generate({ timestamp });
}
