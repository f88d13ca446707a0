import type { Knex } from 'knex';
import { UniqueViolationError } from 'objection';
import { UserModel } from './models.js';
import { UserProfileModel } from '../profile/profile-model.js';
import type { ProfileFields } from '@textbook-assistant/contract';

export interface UserRecord {
  id: string;
  email: string;
  hashedPassword: string;
  isActive: boolean;
  role: 'user' | 'admin';
  createdAt: Date;
  lastLoginAt: Date | null;
}

export class EmailTakenError extends Error {}

function toRecord(row: UserModel): UserRecord {
  return {
    id: row.id,
    email: row.email,
    hashedPassword: row.hashed_password,
    isActive: row.is_active,
    role: row.role,
    createdAt: row.created_at,
    lastLoginAt: row.last_login_at,
  };
}

export function createUserStore(knex: Knex) {
  return {
    /** The user and the profile are written in one transaction: never one without the other. */
    async createWithProfile(
      email: string,
      hashedPassword: string,
      profile: ProfileFields,
    ): Promise<UserRecord> {
      try {
        return await knex.transaction(async (trx) => {
          const user = await UserModel.query(trx).insertAndFetch({ email, hashed_password: hashedPassword });
          await UserProfileModel.query(trx).insert({ user_id: user.id, ...profile });
          return toRecord(user);
        });
      } catch (err) {
        if (err instanceof UniqueViolationError) throw new EmailTakenError(email);
        throw err;
      }
    },

    async findByEmail(email: string): Promise<UserRecord | null> {
      const row = await UserModel.query(knex).whereRaw('lower(email) = lower(?)', [email]).first();
      return row ? toRecord(row) : null;
    },

    async findById(id: string): Promise<UserRecord | null> {
      const row = await UserModel.query(knex).findById(id);
      return row ? toRecord(row) : null;
    },

    async recordLogin(id: string): Promise<Date> {
      const now = new Date();
      await UserModel.query(knex).findById(id).patch({ last_login_at: now });
      return now;
    },
  };
}

export type UserStore = ReturnType<typeof createUserStore>;
