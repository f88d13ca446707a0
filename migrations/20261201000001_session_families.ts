import type { Knex } from 'knex';

/**
 * One row per session (refresh-token family). Rotation and every revocation lock this row
 * (`SELECT … FOR UPDATE`) before touching the family's tokens, so a revocation that lands while a
 * rotation is inserting the successor waits for it and then sees it: on PostgreSQL's READ
 * COMMITTED a bare `UPDATE … WHERE family_id = …` missed the row a concurrent rotation inserted.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('session_families', (t) => {
    t.uuid('id').primary();
    t.uuid('user_id').notNullable().references('id').inTable('users').onDelete('CASCADE');
    t.timestamp('revoked_at', { useTz: true });
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['user_id']);
  });
  // Existing sessions: a family is revoked once none of its tokens is left unrevoked.
  await knex.raw(`
    INSERT INTO session_families (id, user_id, revoked_at, created_at)
    SELECT family_id, min(user_id::text)::uuid,
           CASE WHEN bool_and(revoked_at IS NOT NULL) THEN max(revoked_at) END,
           min(created_at)
      FROM sessions GROUP BY family_id`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('session_families');
}
