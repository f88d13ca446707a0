import type { Knex } from 'knex';
import { UserProfileModel } from './profile-model.js';
import type { ProfileUpdate, UserView } from '@textbook-assistant/contract';

export interface StoredProfile {
  software_experience: 'Beginner' | 'Intermediate' | 'Advanced';
  hardware_experience: 'None' | 'Basic' | 'Advanced';
  interests: string[];
}

export function createProfileStore(knex: Knex) {
  return {
    async findByUserId(userId: string): Promise<StoredProfile | null> {
      const row = await UserProfileModel.query(knex).findById(userId);
      return row
        ? {
            software_experience: row.software_experience,
            hardware_experience: row.hardware_experience,
            interests: row.interests,
          }
        : null;
    },

    /** The user and profile as GET /profile shows them. */
    async view(userId: string): Promise<UserView | null> {
      const row = await knex('users as u')
        .join('user_profiles as p', 'p.user_id', 'u.id')
        .where('u.id', userId)
        .first(
          'u.id',
          'u.email',
          'u.created_at',
          'u.last_login_at',
          'p.software_experience',
          'p.hardware_experience',
          'p.interests',
          'p.created_at as profile_created_at',
          'p.updated_at as profile_updated_at',
        );
      if (!row) return null;
      return {
        id: row.id,
        email: row.email,
        profile: {
          software_experience: row.software_experience,
          hardware_experience: row.hardware_experience,
          interests: row.interests,
          created_at: iso(row.profile_created_at),
          updated_at: iso(row.profile_updated_at),
        },
        created_at: iso(row.created_at),
        last_login_at: row.last_login_at ? iso(row.last_login_at) : null,
      };
    },

    async update(userId: string, changes: ProfileUpdate): Promise<boolean> {
      const patched = await UserProfileModel.query(knex)
        .findById(userId)
        .patch({ ...changes, updated_at: new Date() });
      return patched > 0;
    },
  };
}

function iso(value: Date | string): string {
  return new Date(value).toISOString();
}

export type ProfileStore = ReturnType<typeof createProfileStore>;
