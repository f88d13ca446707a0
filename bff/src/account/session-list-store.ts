import type { Knex } from 'knex';
import { revokeFamilies } from '../auth/session-revocation.js';

export interface ListedSession {
  id: string;
  userAgent: string | null;
  ip: string | null;
  createdAt: Date;
  lastUsedAt: Date;
}

interface FamilyRow {
  family_id: string;
  user_agent: string | null;
  ip: string | null;
  created_at: Date;
  last_used_at: Date;
}

/**
 * A session is a refresh-token family (its id is the access token's `sid`). A family is live while
 * its newest token is neither rotated, revoked nor expired.
 */
export function createSessionListStore(knex: Knex) {
  return {
    async listLive(userId: string): Promise<ListedSession[]> {
      const rows: FamilyRow[] = await knex('sessions as head')
        .where('head.user_id', userId)
        .whereNull('head.rotated_at')
        .whereNull('head.revoked_at')
        .where('head.expires_at', '>', knex.fn.now())
        .select(
          'head.family_id',
          'head.user_agent',
          'head.ip',
          knex.raw(
            '(select min(s.created_at) from sessions s where s.family_id = head.family_id) as created_at',
          ),
          knex.raw('greatest(head.created_at, head.last_used_at) as last_used_at'),
        )
        .orderBy('last_used_at', 'desc');
      return rows.map((r) => ({
        id: r.family_id,
        userAgent: r.user_agent,
        ip: r.ip,
        createdAt: new Date(r.created_at),
        lastUsedAt: new Date(r.last_used_at),
      }));
    },

    /** Revokes one of the user's own live sessions; false when it is not theirs or already gone. */
    async revokeOwn(userId: string, familyId: string): Promise<boolean> {
      return (await revokeFamilies(knex, { userId, familyId })).length > 0;
    },
  };
}

export type SessionListStore = ReturnType<typeof createSessionListStore>;
