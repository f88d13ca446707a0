import type { Knex } from 'knex';
import { UserProfileModel } from './profile-model.js';
import type { ProfileUpdate, UserView } from '@textbook-assistant/contract';
import type { AuthState } from '../auth/auth-middleware.js';
import { liveUser } from '../auth/session-store.js';

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
      const row = (await knex('users as u')
        .join('user_profiles as p', 'p.user_id', 'u.id')
        .where('u.id', userId)
        .first(VIEW_COLUMNS)) as ViewRow | undefined;
      return row ? toView(row) : null;
    },

    /**
     * "Who am I" in one statement: the view, read only while the session is live (the same check
     * as requireAuth's, session-store's liveUser). `dead` when it is not; null when it is but the
     * account has no profile.
     */
    async viewIfLive(auth: AuthState): Promise<UserView | null | 'dead'> {
      const row = (await liveUser(knex, auth.sessionId, auth.userId)
        .leftJoin('user_profiles as p', 'p.user_id', 'u.id')
        .first([...VIEW_COLUMNS, 'p.user_id as profile_user_id'])) as
        (ViewRow & { profile_user_id: string | null }) | undefined;
      if (!row) return 'dead';
      return row.profile_user_id === null ? null : toView(row);
    },

    async update(userId: string, changes: ProfileUpdate): Promise<boolean> {
      const patched = await UserProfileModel.query(knex)
        .findById(userId)
        .patch({ ...changes, updated_at: new Date() });
      return patched > 0;
    },
  };
}

const VIEW_COLUMNS = [
  'u.id',
  'u.email',
  'u.created_at',
  'u.last_login_at',
  'p.software_experience',
  'p.hardware_experience',
  'p.interests',
  'p.created_at as profile_created_at',
  'p.updated_at as profile_updated_at',
];

interface ViewRow {
  id: string;
  email: string;
  created_at: Date | string;
  last_login_at: Date | string | null;
  software_experience: StoredProfile['software_experience'];
  hardware_experience: StoredProfile['hardware_experience'];
  interests: string[];
  profile_created_at: Date | string;
  profile_updated_at: Date | string;
}

function toView(row: ViewRow): UserView {
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
}

function iso(value: Date | string): string {
  return new Date(value).toISOString();
}

export type ProfileStore = ReturnType<typeof createProfileStore>;
