import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { SessionModel } from './models.js';
import { lockLiveFamily, revokeFamilies } from './session-revocation.js';

export interface NewSession {
  userId: string;
  refreshHash: string;
  expiresAt: Date;
  userAgent: string | null;
  ip: string | null;
}

export type RotationOutcome =
  | { kind: 'rotated'; userId: string; familyId: string; expiresAt: Date }
  | { kind: 'grace'; userId: string; familyId: string; expiresAt: Date }
  | { kind: 'reused'; userId: string; familyId: string }
  | { kind: 'invalid' };

/**
 * The one definition of a live session: a row of the family that is not revoked and not expired,
 * in a family that is not revoked. Reads that check liveness in their own statement (GET /profile
 * answers "who am I" in one round trip) build on `liveUser`, never on a copy of these conditions.
 */
function liveSessionRows(knex: Knex, familyId: string, userId: string): Knex.QueryBuilder {
  return knex('sessions as s')
    .join('session_families as f', 'f.id', 's.family_id')
    .where({ 's.family_id': familyId, 's.user_id': userId })
    .whereNull('f.revoked_at')
    .whereNull('s.revoked_at')
    .where('s.expires_at', '>', knex.fn.now())
    .select(knex.raw('1'));
}

/**
 * `users as u`, narrowed to the user when that user is active and the session is live: no row
 * otherwise. Join what the read needs onto it and select its columns.
 */
export function liveUser(knex: Knex, familyId: string, userId: string): Knex.QueryBuilder {
  return knex('users as u')
    .where({ 'u.id': userId, 'u.is_active': true })
    .whereExists(liveSessionRows(knex, familyId, userId));
}

export function createSessionStore(knex: Knex) {
  return {
    /** A sign-in starts a family; its id is the session id access tokens carry. */
    async start(s: NewSession): Promise<{ familyId: string }> {
      const familyId = randomUUID();
      await knex.transaction(async (trx) => {
        await trx('session_families').insert({ id: familyId, user_id: s.userId });
        await SessionModel.query(trx).insert({
          user_id: s.userId,
          family_id: familyId,
          refresh_hash: s.refreshHash,
          expires_at: s.expiresAt,
          user_agent: s.userAgent?.slice(0, 512) ?? null,
          ip: s.ip,
        });
      });
      return { familyId };
    },

    /**
     * Rotates the refresh token whose hash is given, under its family's lock (the one every
     * revocation takes) so that parallel refreshes and revocations are decided one at a time. A token already rotated within the grace window
     * answers with its successor; one rotated longer ago is a reuse and revokes the family.
     */
    async rotate(
      presentedHash: string,
      successorHash: string,
      graceSeconds: number,
      meta: { userAgent: string | null; ip: string | null },
    ): Promise<RotationOutcome> {
      return knex.transaction(async (trx) => {
        const found = await SessionModel.query(trx).where('refresh_hash', presentedHash).first();
        if (!found || !(await lockLiveFamily(trx, found.family_id))) return { kind: 'invalid' };
        // Read again under the lock: a rotation that held it may have changed the row.
        const row = await SessionModel.query(trx).findById(found.id).forUpdate();
        if (!row || row.revoked_at || row.expires_at.getTime() <= Date.now()) return { kind: 'invalid' };
        const base = { userId: row.user_id, familyId: row.family_id, expiresAt: row.expires_at };
        if (!row.rotated_at) {
          const now = new Date();
          await SessionModel.query(trx).findById(row.id).patch({ rotated_at: now, last_used_at: now });
          await SessionModel.query(trx).insert({
            user_id: row.user_id,
            family_id: row.family_id,
            refresh_hash: successorHash,
            expires_at: row.expires_at,
            user_agent: meta.userAgent?.slice(0, 512) ?? row.user_agent,
            ip: meta.ip ?? row.ip,
          });
          return { kind: 'rotated', ...base };
        }
        if (Date.now() - row.rotated_at.getTime() <= graceSeconds * 1000) {
          const successor = await SessionModel.query(trx).where('refresh_hash', successorHash).first();
          if (successor && !successor.revoked_at) return { kind: 'grace', ...base };
          return { kind: 'invalid' };
        }
        await revokeFamilies(trx, { familyId: row.family_id });
        return { kind: 'reused', userId: row.user_id, familyId: row.family_id };
      });
    },

    async revokeFamily(familyId: string): Promise<void> {
      await revokeFamilies(knex, { familyId });
    },

    /** Live means: not revoked, not expired, and its user still active. Checked on every request. */
    async isLive(familyId: string, userId: string): Promise<boolean> {
      const row = await liveUser(knex, familyId, userId).first(knex.raw('1 as live'));
      return row !== undefined;
    },

    /**
     * Whether POST /auth/refresh with this token would succeed: not revoked, not expired, its user
     * active, and not yet rotated (or rotated within the grace window). Reads only; rotates nothing.
     */
    async isRefreshable(hash: string, graceSeconds: number): Promise<boolean> {
      const row = await knex('sessions as s')
        .join('users as u', 'u.id', 's.user_id')
        .join('session_families as f', 'f.id', 's.family_id')
        .whereNull('f.revoked_at')
        .where({ 's.refresh_hash': hash, 'u.is_active': true })
        .whereNull('s.revoked_at')
        .where('s.expires_at', '>', knex.fn.now())
        .where((q) =>
          q
            .whereNull('s.rotated_at')
            .orWhere('s.rotated_at', '>', knex.raw('now() - make_interval(secs => ?)', [graceSeconds])),
        )
        .first(knex.raw('1 as live'));
      return row !== undefined;
    },

    async findFamilyByHash(hash: string): Promise<{ familyId: string; userId: string } | null> {
      const row = await SessionModel.query(knex).where('refresh_hash', hash).whereNull('revoked_at').first();
      return row ? { familyId: row.family_id, userId: row.user_id } : null;
    },
  };
}

export type SessionStore = ReturnType<typeof createSessionStore>;
