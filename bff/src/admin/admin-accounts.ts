import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import type { PasswordHasher } from '../auth/passwords.js';
import { createUserStore } from '../auth/user-store.js';
import { createAccountStore } from '../account/account-store.js';

export type AdminOutcome =
  | { kind: 'promoted'; userId: string }
  | { kind: 'already_admin'; userId: string }
  | { kind: 'created'; userId: string; password: string };

/** 20 random base64url characters plus one of each class the password rule asks for. */
export function generatePassword(): string {
  return `${randomBytes(15).toString('base64url')}Aa7!`;
}

/**
 * Makes `email` an administrator: promotes the existing account, or creates one with a generated
 * password (returned once, never stored in clear) and a verified email, since an operator made it.
 */
export async function promoteOrCreateAdmin(
  knex: Knex,
  email: string,
  passwords: PasswordHasher,
): Promise<AdminOutcome> {
  const accounts = createAccountStore(knex);
  const existing = await accounts.findByEmail(email);
  if (existing) {
    if (existing.role === 'admin') return { kind: 'already_admin', userId: existing.id };
    await accounts.setRole(existing.id, 'admin');
    return { kind: 'promoted', userId: existing.id };
  }
  const password = generatePassword();
  const user = await createUserStore(knex).createWithProfile(
    email.toLowerCase(),
    await passwords.hash(password),
    {
      software_experience: 'Intermediate',
      hardware_experience: 'Basic',
      interests: [],
    },
  );
  await accounts.setRole(user.id, 'admin');
  await accounts.markEmailVerified(user.id);
  return { kind: 'created', userId: user.id, password };
}
