import bcrypt from 'bcrypt';
import { PASSWORD_MAX_BYTES } from '@textbook-assistant/contract';

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  /** Always spends one bcrypt compare, even without a hash, so unknown emails take as long. */
  verify(password: string, hash: string | null): Promise<boolean>;
}

export function createPasswordHasher(cost: number): PasswordHasher {
  // A real hash of a random password at the same cost, compared against when the user is unknown.
  const dummy = bcrypt.hash(`dummy-${Math.random()}`, cost);
  return {
    hash: (password) => bcrypt.hash(password, cost),
    async verify(password, hash) {
      const tooLong = Buffer.byteLength(password, 'utf8') > PASSWORD_MAX_BYTES;
      const ok = await bcrypt.compare(password, hash ?? (await dummy));
      // bcrypt looks at 72 bytes only; a longer password can never be the real one.
      return ok && hash !== null && !tooLong;
    },
  };
}
