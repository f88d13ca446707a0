import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectPostgres } from '../../src/platform/db/database.js';
import { migrateLatest, migrationConfig } from '../../src/platform/db/migrations.js';
import { codeAt } from '../../src/two-factor/totp.js';
import { createOneTimeTokenStore, newOneTimeToken } from '../../src/account/one-time-token-store.js';
import { createEmptyPostgresDatabase } from '../support/databases.js';
import { ApiClient } from '../support/client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { aReader, enableTwoFactor, FAST_ENV } from './helpers.js';

const TABLES = ['one_time_tokens', 'two_factor', 'recovery_codes'];

describe('the account-extras migration', () => {
  it('when rolled back and applied again, then its tables and enum come and go cleanly', async () => {
    const empty = await createEmptyPostgresDatabase();
    const knex = connectPostgres(empty.url);
    try {
      await migrateLatest(knex);
      for (const t of TABLES) expect(await knex.schema.hasTable(t), t).toBe(true);
      await knex.migrate.down({ ...migrationConfig, name: '20261126000002_account_extras.ts' });
      for (const t of TABLES) expect(await knex.schema.hasTable(t), t).toBe(false);
      const types = await knex.raw(`select 1 from pg_type where typname = 'one_time_token_purpose'`);
      expect(types.rows).toHaveLength(0);
      expect(await knex.schema.hasTable('users')).toBe(true);
      await migrateLatest(knex);
      for (const t of TABLES) expect(await knex.schema.hasTable(t), t).toBe(true);
    } finally {
      await knex.destroy();
      await empty.drop();
    }
  });
});

describe('account extras on the embedded PGlite default', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ kind: 'pglite', env: FAST_ENV });
  });
  afterAll(() => app.close());

  it('when sixteen resets race with one token, then exactly one succeeds', async () => {
    const { userId, email } = await aReader(app);
    // The token as the mail would carry it, inserted the way the service does.
    const { token, hash } = newOneTimeToken();
    await createOneTimeTokenStore(app.deps.db.knex).insert(userId, 'reset_password', hash, 3600);
    const results = await Promise.all(
      Array.from({ length: 16 }, (_, i) =>
        new ApiClient(app.baseUrl).post('/api/v1/auth/reset-password', {
          token,
          password: `Parallel${i}!reset`,
        }),
      ),
    );
    expect(results.filter((r) => r.status === 204)).toHaveLength(1);
    const winner = results.findIndex((r) => r.status === 204);
    const signin = await new ApiClient(app.baseUrl).post('/api/v1/auth/signin', {
      email,
      password: `Parallel${winner}!reset`,
    });
    expect(signin.status).toBe(200);
  });

  it('when 2FA is set up and used, then the two-step sign-in works', async () => {
    const { client, email, password } = await aReader(app);
    const { secret } = await enableTwoFactor(client, password);
    const browser = new ApiClient(app.baseUrl);
    const step1 = await browser.post<Record<string, any>>('/api/v1/auth/signin', { email, password });
    expect(step1.body).toEqual({ two_factor_required: true });
    const step2 = await browser.post('/api/v1/auth/signin/2fa', {
      code: codeAt(secret, Date.now() + 30_000),
    });
    expect(step2.status).toBe(200);
    expect((await browser.get<Record<string, any>>('/api/v1/account/sessions')).body.sessions).toHaveLength(
      2,
    );
  });
});
