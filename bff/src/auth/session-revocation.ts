import type { Knex } from 'knex';

/** Which sessions (refresh-token families) to end: one, all of a user's, or all but one. */
export interface FamilySelector {
  familyId?: string;
  userId?: string;
  exceptFamily?: string | null;
}

/**
 * The one way a session ends. It locks the family rows first (`FOR UPDATE`), the lock rotation
 * takes too, and only then marks the tokens: a rotation in flight either committed its successor
 * before (and the token UPDATE, a later statement, sees it) or waits and finds the family revoked.
 * Returns the ids of the families it ended.
 */
export async function revokeFamilies(knex: Knex, selector: FamilySelector): Promise<string[]> {
  const run = async (trx: Knex.Transaction): Promise<string[]> => {
    const query = trx('session_families').whereNull('revoked_at').select('id').forUpdate();
    if (selector.familyId) query.where({ id: selector.familyId });
    if (selector.userId) query.where({ user_id: selector.userId });
    if (selector.exceptFamily) query.whereNot({ id: selector.exceptFamily });
    const ids = ((await query) as { id: string }[]).map((r) => r.id);
    if (ids.length === 0) return [];
    await trx('session_families').whereIn('id', ids).update({ revoked_at: trx.fn.now() });
    await trx('sessions')
      .whereIn('family_id', ids)
      .whereNull('revoked_at')
      .update({ revoked_at: trx.fn.now() });
    return ids;
  };
  return knex.isTransaction ? run(knex as Knex.Transaction) : knex.transaction(run);
}

/** Locks one family for a rotation; null when it is unknown, revoked, or its user inactive. */
export async function lockLiveFamily(trx: Knex.Transaction, familyId: string): Promise<boolean> {
  const family = await trx('session_families')
    .where({ id: familyId })
    .forUpdate()
    .first('user_id', 'revoked_at');
  if (!family || family.revoked_at) return false;
  const user = await trx('users').where({ id: family.user_id }).first('is_active');
  return user?.is_active === true;
}
