import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Knex } from 'knex';
import { startTestApp, type TestApp } from '../support/test-app.js';
import type { ApiClient } from '../support/client.js';
import { signedUp, withAccess, type Reader } from '../security/helpers.js';

/**
 * GET /profile ("who am I") and GET /auth/session check the session in the same statement as the
 * read. Each way a session dies must still be refused at once, exactly as requireAuth refuses it.
 */
const DEATHS: Record<string, (knex: Knex, r: Reader) => Promise<unknown>> = {
  'its session row is revoked': (knex, r) =>
    knex('sessions').where({ family_id: r.sessionId }).update({ revoked_at: knex.fn.now() }),
  'its family is revoked': (knex, r) =>
    knex('session_families').where({ id: r.sessionId }).update({ revoked_at: knex.fn.now() }),
  'its session has expired': (knex, r) =>
    knex('sessions')
      .where({ family_id: r.sessionId })
      .update({ expires_at: knex.raw("now() - interval '1 second'") }),
  'its user is deactivated': (knex, r) => knex('users').where({ id: r.userId }).update({ is_active: false }),
};

/** SQL statements the app's database runs while `fn` does. */
async function statementsDuring(app: TestApp, fn: () => Promise<unknown>): Promise<string[]> {
  const seen: string[] = [];
  const onQuery = (q: { sql: string }) => seen.push(q.sql);
  app.deps.db.knex.on('query', onQuery);
  try {
    await fn();
  } finally {
    app.deps.db.knex.off('query', onQuery);
  }
  return seen;
}

describe.each(['postgres', 'pglite'] as const)('"who am I" on %s', (kind) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ kind, env: { BCRYPT_COST: '10' } });
  });
  afterAll(() => app.close());

  it('when a signed-in reader asks who they are, then one statement checks the session and reads them', async () => {
    const reader = await signedUp(app);
    let res: Awaited<ReturnType<ApiClient['get']>> | undefined;
    const sql = await statementsDuring(app, async () => {
      res = await reader.client.get('/api/v1/profile');
    });
    expect(res!.status).toBe(200);
    expect((res!.body as { id: string }).id).toBe(reader.userId);
    expect(sql).toHaveLength(1);
    expect(sql[0]).toMatch(/session_families/);
  });

  for (const [death, kill] of Object.entries(DEATHS)) {
    it(`when ${death}, then GET /profile is 401 and GET /auth/session names nobody, at once`, async () => {
      const reader = await signedUp(app);
      expect((await reader.client.get('/api/v1/profile')).status).toBe(200);
      await kill(app.deps.db.knex, reader);
      const profile = await reader.client.get('/api/v1/profile');
      expect(profile.status).toBe(401);
      expect(profile.headers.get('www-authenticate')).toMatch(/Cookie/);
      const session = await reader.client.get<{ user: unknown }>('/api/v1/auth/session');
      expect(session.status).toBe(200);
      expect(session.body.user).toBeNull();
    });
  }

  it("when a token pairs one reader's id with another reader's live session, then it is refused", async () => {
    const [alice, bob] = [await signedUp(app), await signedUp(app)];
    const token = await app.deps.tokens.signAccess({ userId: alice.userId, sessionId: bob.sessionId });
    expect((await withAccess(app.baseUrl, token).get('/api/v1/profile')).status).toBe(401);
    const session = await withAccess(app.baseUrl, token).get<{ user: unknown }>('/api/v1/auth/session');
    expect(session.body.user).toBeNull();
  });

  it('when the session is live but the account has no profile, then GET /profile is 404, not 401', async () => {
    const reader = await signedUp(app);
    await app.deps.db.knex('user_profiles').where({ user_id: reader.userId }).delete();
    const res = await reader.client.get<{ error: { code: string } }>('/api/v1/profile');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
  });
});
