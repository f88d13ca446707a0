import { createHash, randomBytes } from 'node:crypto';
import type { Knex } from 'knex';

export type TokenPurpose = 'verify_email' | 'reset_password';

/** 32 random bytes for the mail; only the SHA-256 reaches the database. */
export function newOneTimeToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashOneTimeToken(token) };
}

export function hashOneTimeToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function createOneTimeTokenStore(knex: Knex) {
  return {
    async insert(userId: string, purpose: TokenPurpose, hash: string, ttlSeconds: number): Promise<void> {
      await knex('one_time_tokens').insert({
        user_id: userId,
        purpose,
        token_hash: hash,
        expires_at: new Date(Date.now() + ttlSeconds * 1000),
      });
    },

    /**
     * Spends a token in one statement, so that of any number of parallel uses exactly one gets the
     * user id back; a used, expired, unknown or other-purpose token gives null.
     */
    async consume(purpose: TokenPurpose, hash: string): Promise<string | null> {
      const rows: { user_id: string }[] = await knex('one_time_tokens')
        .where({ token_hash: hash, purpose })
        .whereNull('used_at')
        .where('expires_at', '>', knex.fn.now())
        .update({ used_at: knex.fn.now() })
        .returning('user_id');
      return rows[0]?.user_id ?? null;
    },

    /** After a reset or a verification, the user's other outstanding tokens of that kind are void. */
    async voidOutstanding(userId: string, purpose: TokenPurpose): Promise<void> {
      await knex('one_time_tokens')
        .where({ user_id: userId, purpose })
        .whereNull('used_at')
        .update({ used_at: knex.fn.now() });
    },
  };
}

export type OneTimeTokenStore = ReturnType<typeof createOneTimeTokenStore>;
