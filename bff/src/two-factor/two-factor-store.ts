import type { Knex } from 'knex';

export interface TwoFactorRow {
  sealedSecret: string;
  enabled: boolean;
}

/** Data access for TOTP secrets and recovery codes; secrets arrive here already sealed. */
export function createTwoFactorStore(knex: Knex) {
  return {
    async find(userId: string): Promise<TwoFactorRow | null> {
      const row: { secret: string; enabled_at: Date | null } | undefined = await knex('two_factor')
        .where({ user_id: userId })
        .first('secret', 'enabled_at');
      return row ? { sealedSecret: row.secret, enabled: row.enabled_at !== null } : null;
    },

    async isEnabled(userId: string): Promise<boolean> {
      const row = await knex('two_factor')
        .where({ user_id: userId })
        .whereNotNull('enabled_at')
        .first('user_id');
      return row !== undefined;
    },

    /** Starts (or restarts) a pending set-up; never replaces an enabled secret. */
    async savePending(userId: string, sealedSecret: string): Promise<boolean> {
      const rows = await knex('two_factor')
        .insert({ user_id: userId, secret: sealedSecret, enabled_at: null, last_used_step: null })
        .onConflict('user_id')
        .merge()
        .where('two_factor.enabled_at', null)
        .returning('user_id');
      return rows.length > 0;
    },

    /**
     * Records a used time step, atomically and only if it is newer than the last one: of two
     * requests with the same code, one wins. `enable` also turns a pending set-up on.
     */
    async claimStep(userId: string, step: number, options: { enable?: boolean } = {}): Promise<boolean> {
      const query = knex('two_factor')
        .where({ user_id: userId })
        .where((q) => q.whereNull('last_used_step').orWhere('last_used_step', '<', step));
      if (options.enable) query.whereNull('enabled_at');
      else query.whereNotNull('enabled_at');
      const patch: Record<string, unknown> = { last_used_step: step };
      if (options.enable) patch.enabled_at = knex.fn.now();
      return (await query.update(patch)) > 0;
    },

    async replaceRecoveryCodes(userId: string, hashes: string[]): Promise<void> {
      await knex.transaction(async (trx) => {
        await trx('recovery_codes').where({ user_id: userId }).delete();
        await trx('recovery_codes').insert(hashes.map((code_hash) => ({ user_id: userId, code_hash })));
      });
    },

    /** Spends one recovery code atomically; false when unknown or already used. */
    async useRecoveryCode(userId: string, hash: string): Promise<boolean> {
      const updated = await knex('recovery_codes')
        .where({ user_id: userId, code_hash: hash })
        .whereNull('used_at')
        .update({ used_at: knex.fn.now() });
      return updated > 0;
    },

    async remainingRecoveryCodes(userId: string): Promise<number> {
      const row = await knex('recovery_codes')
        .where({ user_id: userId })
        .whereNull('used_at')
        .count({ n: '*' })
        .first();
      return Number(row?.n ?? 0);
    },

    async remove(userId: string): Promise<void> {
      await knex.transaction(async (trx) => {
        await trx('recovery_codes').where({ user_id: userId }).delete();
        await trx('two_factor').where({ user_id: userId }).delete();
      });
    },
  };
}

export type TwoFactorStore = ReturnType<typeof createTwoFactorStore>;
