import type { Knex } from 'knex';

/**
 * The textbook index as plain rows of the main database, so no second engine and no extension
 * (Debian's PostgreSQL has no pgvector): the BFF loads it into typed arrays and searches it in
 * memory. `rag_index` is one row: which embedder built the index and a version that every ingest
 * bumps, which BFF instances poll to reload. `rag_sources` lets an unchanged re-ingest skip files
 * by size, mtime and content hash without parsing them.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('rag_index', (t) => {
    t.smallint('id').primary().defaultTo(1);
    t.text('embedder').notNullable();
    t.integer('dimensions').notNullable();
    // Everything besides a file's bytes that shapes its chunks (base URL, chunking options).
    t.text('settings').notNullable().defaultTo('');
    t.bigInteger('version').notNullable().defaultTo(1);
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw('ALTER TABLE rag_index ADD CONSTRAINT rag_index_single_row CHECK (id = 1)');

  await knex.schema.createTable('rag_chunks', (t) => {
    t.uuid('id').primary();
    t.text('source_path').notNullable();
    t.integer('chunk_index').notNullable();
    t.text('content_hash').notNullable();
    t.jsonb('payload').notNullable();
    // float32 little-endian, `dimensions` of them: compact, and read without parsing text.
    t.binary('vector').notNullable();
    t.index(['source_path', 'chunk_index']);
  });

  await knex.schema.createTable('rag_sources', (t) => {
    t.text('source_path').primary();
    t.bigInteger('size').notNullable();
    t.double('mtime_ms').notNullable();
    t.text('sha256').notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('rag_sources');
  await knex.schema.dropTableIfExists('rag_chunks');
  await knex.schema.dropTableIfExists('rag_index');
}
