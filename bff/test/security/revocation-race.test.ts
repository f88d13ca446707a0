import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOneTimeTokenStore, newOneTimeToken } from '../../src/account/one-time-token-store.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { ApiClient } from '../support/client.js';
import { signedUp, type Reader } from './helpers.js';

// A thief holding a copy of a reader's refresh cookie keeps rotating it in a loop. Whatever ends
// the reader's session must end the thief's copy too, even when it lands while a rotation is in
// flight: on real PostgreSQL a revoking UPDATE did not see the successor row a concurrent
// rotation was inserting (READ COMMITTED), and the thief's token survived "family revoked".

const TRIALS = Number(process.env.REVOCATION_RACE_TRIALS ?? 8);
const NEW_PASSWORD = 'Robots5ever!';

interface Trial {
  victim: Reader;
  /** The session the thief holds; `other` is a second session of the victim for some paths. */
  thief: ApiClient;
  other: ApiClient;
}

/** Runs one kind of revocation; returns whether it answered as it should. */
type Revoke = (app: TestApp, t: Trial) => Promise<boolean>;
const ok = (res: { status: number }) => res.status < 300;

const REVOCATIONS: Record<string, Revoke> = {
  'sign-out': async (_app, t) => ok(await t.victim.client.post('/api/v1/auth/signout')),
  'sign-out everywhere': async (_app, t) => ok(await t.other.post('/api/v1/account/signout-all')),
  'revoking that one session': async (_app, t) =>
    ok(await t.other.request('DELETE', `/api/v1/account/sessions/${t.victim.sessionId}`)),
  'a password change': async (_app, t) =>
    ok(
      await t.other.post('/api/v1/account/password', {
        current_password: t.victim.body.password,
        new_password: NEW_PASSWORD,
      }),
    ),
  'a password reset': async (app, t) => {
    const { token, hash } = newOneTimeToken();
    await createOneTimeTokenStore(app.deps.db.knex).insert(t.victim.userId, 'reset_password', hash, 600);
    const res = await new ApiClient(app.baseUrl).post('/api/v1/auth/reset-password', {
      token,
      password: NEW_PASSWORD,
    });
    return ok(res);
  },
  // The reader's own browser still holds the token the thief rotated away from: a reuse.
  'reuse detection': async (_app, t) => (await t.victim.client.post('/api/v1/auth/refresh')).status === 401,
  'account deletion': async (_app, t) =>
    ok(await t.other.request('DELETE', '/api/v1/account', { current_password: t.victim.body.password })),
};

/** A copy of the reader's cookies, as a thief who stole them would hold. */
function copyOf(app: TestApp, client: ApiClient): ApiClient {
  const copy = new ApiClient(app.baseUrl);
  for (const [name, cookie] of client.jar) copy.jar.set(name, { ...cookie });
  return copy;
}

async function signedInAgain(app: TestApp, victim: Reader): Promise<ApiClient> {
  const other = new ApiClient(app.baseUrl);
  const res = await other.post('/api/v1/auth/signin', {
    email: victim.body.email,
    password: victim.body.password,
  });
  expect(res.status).toBe(200);
  return other;
}

interface Loop {
  stop: boolean;
  ended: boolean;
  rotated: number;
}

/** Rotates the thief's copy until told to stop or refused, counting the rotations. */
async function rotateInLoop(thief: ApiClient, loop: Loop): Promise<void> {
  while (!loop.stop) {
    const res = await thief.post('/api/v1/auth/refresh');
    if (res.status !== 200) break;
    loop.rotated += 1;
  }
  loop.ended = true;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function survives(app: TestApp, thief: ApiClient): Promise<boolean> {
  const refreshed = await thief.post('/api/v1/auth/refresh');
  const profile = await thief.get('/api/v1/profile');
  return refreshed.status === 200 || profile.status === 200;
}

function raceSuite(kind: 'postgres' | 'pglite') {
  describe(`revocation against a concurrent rotation (${kind})`, () => {
    let app: TestApp;

    beforeAll(async () => {
      app = await startTestApp({
        kind,
        // Zero grace: the reader's old token is a reuse as soon as the thief has rotated it.
        env: { BCRYPT_COST: '10', REFRESH_REUSE_GRACE_SECONDS: '0' },
      });
    });
    afterAll(() => app.close());

    for (const [name, revoke] of Object.entries(REVOCATIONS)) {
      it(`when ${name} lands while a stolen refresh token is rotated in a loop, then no copy survives (${TRIALS} trials)`, async () => {
        const survivors: number[] = [];
        const refused: number[] = [];
        for (let trial = 0; trial < TRIALS; trial += 1) {
          const victim = await signedUp(app);
          const t: Trial = {
            victim,
            thief: copyOf(app, victim.client),
            other: await signedInAgain(app, victim),
          };
          const loop: Loop = { stop: false, ended: false, rotated: 0 };
          const running = rotateInLoop(t.thief, loop);
          // Revoke in the middle of the loop: after 1 to 3 rotations, with the next one in flight.
          while (loop.rotated < 1 + (trial % 3) && !loop.ended) await sleep(1);
          if (!(await revoke(app, t))) refused.push(trial);
          await sleep(20);
          loop.stop = true;
          await running;
          if (await survives(app, t.thief)) survivors.push(trial);
        }
        expect(refused, `${name}: trials whose revocation was refused`).toEqual([]);
        expect(survivors, `${name}: trials whose stolen token survived`).toEqual([]);
      }, 120_000);
    }
  });
}

raceSuite('postgres');
raceSuite('pglite');
