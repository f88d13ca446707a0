import type { Knex } from 'knex';

/** Accounts, profiles and sessions. Vectors never live here: the main database needs no extensions. */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`CREATE TYPE software_experience AS ENUM ('Beginner', 'Intermediate', 'Advanced')`);
  await knex.raw(`CREATE TYPE hardware_experience AS ENUM ('None', 'Basic', 'Advanced')`);
  await knex.raw(`CREATE TYPE user_role AS ENUM ('user', 'admin')`);

  await knex.schema.createTable('users', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.text('email').notNullable();
    t.text('hashed_password').notNullable();
    t.boolean('is_active').notNullable().defaultTo(true);
    t.boolean('email_verified').notNullable().defaultTo(false);
    t.specificType('role', 'user_role').notNullable().defaultTo('user');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('last_login_at', { useTz: true });
  });
  // Case-insensitive uniqueness: Ann@x.org and ann@x.org are one account.
  await knex.raw('CREATE UNIQUE INDEX users_email_lower_unique ON users (lower(email))');

  await knex.schema.createTable('user_profiles', (t) => {
    t.uuid('user_id').primary().references('id').inTable('users').onDelete('CASCADE');
    t.specificType('software_experience', 'software_experience').notNullable();
    t.specificType('hardware_experience', 'hardware_experience').notNullable();
    t.jsonb('interests').notNullable().defaultTo('[]');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw(
    `ALTER TABLE user_profiles ADD CONSTRAINT user_profiles_interests_array CHECK (jsonb_typeof(interests) = 'array')`,
  );

  // One row per refresh token; rows of one sign-in share a family_id, which is the session id
  // that access tokens carry as `sid`.
  await knex.schema.createTable('sessions', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('user_id').notNullable().references('id').inTable('users').onDelete('CASCADE');
    t.uuid('family_id').notNullable();
    t.text('refresh_hash').notNullable().unique();
    t.timestamp('expires_at', { useTz: true }).notNullable();
    t.timestamp('rotated_at', { useTz: true });
    t.timestamp('revoked_at', { useTz: true });
    t.text('user_agent');
    t.text('ip');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('last_used_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['family_id']);
    t.index(['user_id']);
  });

  await knex.schema.createTable('chatbot_queries', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('user_id').references('id').inTable('users').onDelete('SET NULL');
    t.text('query').notNullable();
    t.text('level').notNullable();
    t.boolean('personalization_applied').notNullable().defaultTo(false);
    t.text('mode').notNullable();
    t.integer('latency_ms').notNullable();
    t.boolean('answered').notNullable().defaultTo(true);
    t.smallint('feedback');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['created_at']);
    t.index(['user_id']);
  });
  await knex.raw(
    `ALTER TABLE chatbot_queries ADD CONSTRAINT chatbot_queries_level CHECK (level IN ('Beginner', 'Intermediate', 'Advanced', 'default'))`,
  );
  await knex.raw(
    `ALTER TABLE chatbot_queries ADD CONSTRAINT chatbot_queries_feedback CHECK (feedback IS NULL OR feedback IN (-1, 1))`,
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('chatbot_queries');
  await knex.schema.dropTableIfExists('sessions');
  await knex.schema.dropTableIfExists('user_profiles');
  await knex.schema.dropTableIfExists('users');
  await knex.raw('DROP TYPE IF EXISTS user_role');
  await knex.raw('DROP TYPE IF EXISTS hardware_experience');
  await knex.raw('DROP TYPE IF EXISTS software_experience');
}
