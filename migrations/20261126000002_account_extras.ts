import type { Knex } from 'knex';

/**
 * Account extras: single-use tokens for email verification and password reset, TOTP secrets
 * (encrypted at rest) and hashed recovery codes. Everything cascades with its user.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`CREATE TYPE one_time_token_purpose AS ENUM ('verify_email', 'reset_password')`);

  await knex.schema.createTable('one_time_tokens', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('user_id').notNullable().references('id').inTable('users').onDelete('CASCADE');
    t.specificType('purpose', 'one_time_token_purpose').notNullable();
    // SHA-256 of the token: the token itself only ever exists in the mail.
    t.text('token_hash').notNullable().unique();
    t.timestamp('expires_at', { useTz: true }).notNullable();
    t.timestamp('used_at', { useTz: true });
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['user_id', 'purpose']);
  });

  await knex.schema.createTable('two_factor', (t) => {
    t.uuid('user_id').primary().references('id').inTable('users').onDelete('CASCADE');
    // AES-256-GCM ciphertext of the TOTP secret, keyed from the app secret.
    t.text('secret').notNullable();
    // Null while set-up is pending confirmation.
    t.timestamp('enabled_at', { useTz: true });
    // The last accepted TOTP time step: a code can never be accepted twice.
    t.bigInteger('last_used_step');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });

  await knex.schema.createTable('recovery_codes', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('user_id').notNullable().references('id').inTable('users').onDelete('CASCADE');
    t.text('code_hash').notNullable();
    t.timestamp('used_at', { useTz: true });
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['user_id', 'code_hash']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('recovery_codes');
  await knex.schema.dropTableIfExists('two_factor');
  await knex.schema.dropTableIfExists('one_time_tokens');
  await knex.raw('DROP TYPE IF EXISTS one_time_token_purpose');
}
