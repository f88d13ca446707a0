import type { Knex } from 'knex';

/**
 * Each chunk's keyword data (field lengths, term frequencies, content terms), computed at ingest so
 * that loading the index does not tokenize and stem the whole book again. `terms_version` names the
 * term code that produced it (retrieval/keyword-index.ts termDataVersion()); rows of another version
 * are recomputed at load and rewritten by the next ingest, never served as they are.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('rag_chunks', (t) => {
    t.text('terms');
    t.text('terms_version');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('rag_chunks', (t) => {
    t.dropColumn('terms_version');
    t.dropColumn('terms');
  });
}
