import type Koa from 'koa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { REAUTH_GUARD, SENSITIVE_ACTIONS } from '../../src/auth/reauth.js';
import { mountedRoutes } from '../../src/platform/router.js';
import { codeAt } from '../../src/two-factor/totp.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { ApiClient, type ApiResponse } from '../support/client.js';
import { aReader, enableTwoFactor, FAST_ENV, startTwoFactor } from '../account/helpers.js';

// Class test for finding 4 and 9 of issue 11 (re-authentication): with only a stolen access cookie,
// no sensitive action may run. Which routes are sensitive comes from one table in the source
// (SENSITIVE_ACTIONS); the mounted app's guarded routes must be exactly that table, and every
// other state-changing route under /account must be named below as deliberately not sensitive,
// so a new one cannot be added without deciding. Each sensitive action is then refused without
// current_password (400 naming the field), refused with a wrong one (401 invalid_password), changes
// nothing when refused, and its wrong passwords count toward the sign-in lockout (both ways).

type Action = string;
type Reader = Awaited<ReturnType<typeof aReader>>;

/** State-changing routes under /account that do not ask for the password, and why. */
const NOT_SENSITIVE: Record<string, string> = {
  'POST /api/v1/account/verify-email': 'proves the mailbox with the mailed token; signed in or not',
  'POST /api/v1/account/verify-email/request': 'sends a mail to the account address only',
  'DELETE /api/v1/account/sessions/:id': 'ends a session; a thief can only sign the owner out',
  'POST /api/v1/account/signout-all': 'ends every session, the thief’s own included',
};

/** How to bring a fresh reader to where the action can run, and the rest of its body. */
const PREPARE: Record<string, (reader: Reader) => Promise<Record<string, unknown>>> = {
  'POST /api/v1/account/2fa/setup': async () => ({}),
  'POST /api/v1/account/2fa/confirm': async (r) => ({
    code: codeAt(await startTwoFactor(r.client, r.password), Date.now()),
  }),
  'POST /api/v1/account/2fa/disable': async (r) => (await enableTwoFactor(r.client, r.password), {}),
  'POST /api/v1/account/2fa/recovery-codes': async (r) => (await enableTwoFactor(r.client, r.password), {}),
  'POST /api/v1/account/password': async () => ({ new_password: 'Changed2@password' }),
  'DELETE /api/v1/account': async () => ({}),
};

const WRONG = 'Wrong1!password';
const LOCKOUT_ATTEMPTS = 5;

/** `METHOD /path` of every mounted route. */
const routesOf = (app: Koa) =>
  mountedRoutes(app).map((r) => ({ ...r, key: `${r.method.toUpperCase()} ${r.path}` }));

/** `METHOD /path` of every mounted route that carries the re-authentication guard. */
const guardedRoutes = (app: Koa) =>
  routesOf(app)
    .filter((r) => r.guards.some((g) => JSON.stringify(g) === JSON.stringify(REAUTH_GUARD)))
    .map((r) => r.key)
    .sort();

const send = (reader: Reader, action: Action, body: Record<string, unknown>) => {
  const [method, path] = action.split(' ') as [string, string];
  return reader.client.request<Record<string, any>>(method, path, body);
};

const fieldsOf = (res: ApiResponse<Record<string, any>>) =>
  ((res.body?.error?.details ?? []) as { path: string }[]).map((d) => d.path);

describe('every sensitive action asks for the current password', () => {
  let app: TestApp;
  /** The account's security state in the database, to show a refused action changed nothing. */
  const snapshot = async (userId: string) => {
    const { knex } = app.deps.db;
    return {
      user: await knex('users').where({ id: userId }).select('hashed_password').first(),
      twoFactor: await knex('two_factor').where({ user_id: userId }).select('secret', 'enabled_at').first(),
      codes: (await knex('recovery_codes').where({ user_id: userId }).pluck('code_hash')).sort(),
    };
  };

  beforeAll(async () => {
    app = await startTestApp({
      env: { ...FAST_ENV, SIGNIN_LOCKOUT_ATTEMPTS: String(LOCKOUT_ATTEMPTS) },
      customize: (deps) => void (deps.readiness = []),
    });
  });
  afterAll(() => app.close());

  it('when the app is walked, then the routes carrying the guard are exactly SENSITIVE_ACTIONS', () => {
    const routes = createApp(app.deps);
    expect(guardedRoutes(routes)).toEqual([...SENSITIVE_ACTIONS].sort());
    expect(Object.keys(PREPARE).sort()).toEqual([...SENSITIVE_ACTIONS].sort());
  });

  it('when a state-changing route under /account is mounted, then it is sensitive or named as not sensitive', () => {
    const unclassified = routesOf(createApp(app.deps))
      .map((r) => r.key)
      .filter((r) => /^(POST|PUT|PATCH|DELETE) \/api\/v1\/account/.test(r))
      .filter((r) => !(SENSITIVE_ACTIONS as readonly string[]).includes(r) && !(r in NOT_SENSITIVE));
    expect(unclassified).toEqual([]);
  });

  describe.each(SENSITIVE_ACTIONS)('%s', (action) => {
    it('when current_password is missing or wrong, then it is 400 naming the field or 401, and nothing changes; with the right one it runs', async () => {
      const reader = await aReader(app);
      const rest = await PREPARE[action]!(reader);
      const before = await snapshot(reader.userId);

      const missing = await send(reader, action, rest);
      expect(missing.status).toBe(400);
      expect(missing.body.error.code).toBe('validation_error');
      expect(fieldsOf(missing)).toContain('current_password');
      // A password under the old field name is no re-authentication either.
      const oldName = await send(reader, action, { ...rest, password: reader.password });
      expect(oldName.status).toBe(400);

      const wrong = await send(reader, action, { ...rest, current_password: WRONG });
      expect(wrong.status).toBe(401);
      expect(wrong.body.error.code).toBe('invalid_password');
      expect(fieldsOf(wrong)).toEqual(['current_password']);
      expect(await snapshot(reader.userId)).toEqual(before);
      // A wrong password does not sign the owner out.
      expect((await reader.client.get('/api/v1/account')).status).toBe(200);

      const right = await send(reader, action, { ...rest, current_password: reader.password });
      expect([200, 204]).toContain(right.status);
    });

    it('when wrong current passwords reach the lockout, then the action and sign-in are both locked, as after wrong sign-ins', async () => {
      const reader = await aReader(app);
      const rest = await PREPARE[action]!(reader);
      for (let i = 0; i < LOCKOUT_ATTEMPTS; i++) {
        expect((await send(reader, action, { ...rest, current_password: WRONG })).status).toBe(401);
      }
      const locked = await send(reader, action, { ...rest, current_password: reader.password });
      const signin = await new ApiClient(app.baseUrl).post<Record<string, any>>('/api/v1/auth/signin', {
        email: reader.email,
        password: reader.password,
      });
      for (const res of [locked, signin]) {
        expect(res.status).toBe(429);
        expect(res.body.error.code).toBe('rate_limited');
        expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
      }
      const shape = (res: ApiResponse<Record<string, any>>) =>
        String(res.body.error.message).replace(/\d+/g, 'N');
      expect(shape(locked)).toBe(shape(signin));

      // And the other way: wrong sign-ins lock the action.
      const other = await aReader(app);
      const otherRest = await PREPARE[action]!(other);
      for (let i = 0; i < LOCKOUT_ATTEMPTS; i++) {
        const res = await new ApiClient(app.baseUrl).post('/api/v1/auth/signin', {
          email: other.email,
          password: WRONG,
        });
        expect(res.status).toBe(401);
      }
      const afterSignins = await send(other, action, { ...otherRest, current_password: other.password });
      expect(afterSignins.status).toBe(429);
    });
  });
});
