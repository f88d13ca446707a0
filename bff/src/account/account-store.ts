import type { Knex } from 'knex';
import { revokeFamilies } from '../auth/session-revocation.js';

export interface AccountRecord {
  id: string;
  email: string;
  hashedPassword: string;
  emailVerified: boolean;
  role: 'user' | 'admin';
  isActive: boolean;
  createdAt: Date;
}

interface UserRow {
  id: string;
  email: string;
  hashed_password: string;
  email_verified: boolean;
  role: 'user' | 'admin';
  is_active: boolean;
  created_at: Date;
}

function toRecord(row: UserRow): AccountRecord {
  return {
    id: row.id,
    email: row.email,
    hashedPassword: row.hashed_password,
    emailVerified: row.email_verified,
    role: row.role,
    isActive: row.is_active,
    createdAt: row.created_at,
  };
}

/** The user-table reads and writes the account features need, as plain objects. */
export function createAccountStore(knex: Knex) {
  return {
    async findById(id: string): Promise<AccountRecord | null> {
      const row: UserRow | undefined = await knex('users').where({ id }).first();
      return row ? toRecord(row) : null;
    },

    async findByEmail(email: string): Promise<AccountRecord | null> {
      const row: UserRow | undefined = await knex('users')
        .whereRaw('lower(email) = lower(?)', [email])
        .first();
      return row ? toRecord(row) : null;
    },

    async markEmailVerified(id: string): Promise<void> {
      await knex('users').where({ id }).update({ email_verified: true, updated_at: knex.fn.now() });
    },

    /** A new password and the end of the sessions it should end, in one transaction. */
    async setPassword(id: string, hashedPassword: string, keepSessionFamily: string | null): Promise<void> {
      await knex.transaction(async (trx) => {
        await trx('users')
          .where({ id })
          .update({ hashed_password: hashedPassword, updated_at: trx.fn.now() });
        await revokeSessions(trx, id, keepSessionFamily);
      });
    },

    async revokeSessions(id: string, keepSessionFamily: string | null): Promise<void> {
      await revokeSessions(knex, id, keepSessionFamily);
    },

    /** Profile, sessions, tokens and 2FA go by cascade; chatbot_queries.user_id becomes null. */
    async delete(id: string): Promise<boolean> {
      // Sessions end under their lock first, so a rotation in flight cannot deadlock the cascade.
      return knex.transaction(async (trx) => {
        await revokeFamilies(trx, { userId: id });
        return (await trx('users').where({ id }).delete()) > 0;
      });
    },

    async setRole(id: string, role: 'user' | 'admin'): Promise<void> {
      await knex('users').where({ id }).update({ role, updated_at: knex.fn.now() });
    },
  };
}

async function revokeSessions(knex: Knex, userId: string, keepFamily: string | null): Promise<void> {
  await revokeFamilies(knex, { userId, exceptFamily: keepFamily });
}

export type AccountStore = ReturnType<typeof createAccountStore>;
