import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { ApiClient, type CookieRecord } from '../support/client.js';
import { codeAt } from '../../src/two-factor/totp.js';
import { FAST_ENV, passwordStep, withTwoFactor } from '../account/helpers.js';

// Finding 5 of issue 11: the pending two-factor step must get a fresh id at step one (a planted
// `ta_2fa` is useless) and must not live in one instance's memory (two instances, one database and
// one Redis, as behind a load balancer without sticky sessions).

const STEP_MS = 30_000;
const REDIS = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/0';
const PREFIX = `ta-test-pending-2fa-${process.pid}-${Date.now()}:`;

describe('the pending two-factor step', () => {
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    const env = { ...FAST_ENV, REDIS_URL: `${REDIS}?keyPrefix=${encodeURIComponent(PREFIX)}` };
    a = await startTestApp({ env });
    b = await startTestApp({ env, database: a.database });
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
    await a?.database.drop();
  });

  const pendingCookie = (browser: ApiClient) => browser.jar.get('ta_2fa');
  /** The browser now holds exactly this `ta_2fa` (and its koa-session signature, if it had one). */
  const plant = (browser: ApiClient, cookies: CookieRecord[]) => {
    for (const c of cookies) browser.jar.set(c.name, c);
  };
  const pendingCookies = (browser: ApiClient) =>
    [...browser.jar.values()].filter((c) => c.name.startsWith('ta_2fa'));

  it('when step one ran on one instance, then step two finishes on the other', async () => {
    const victim = await withTwoFactor(a);
    const { browser, res } = await passwordStep(a, victim.email, victim.password);
    expect(res.body).toEqual({ two_factor_required: true });
    const onB = new ApiClient(b.baseUrl);
    plant(onB, pendingCookies(browser));
    const done = await onB.post<Record<string, any>>('/api/v1/auth/signin/2fa', {
      code: codeAt(victim.secret, Date.now() + STEP_MS),
    });
    expect(done.status).toBe(200);
    expect(done.body.user.id).toBe(victim.userId);
  });

  it("when an attacker plants their own pending cookie in the victim's browser, then it never finishes the victim's sign-in", async () => {
    const attacker = await withTwoFactor(a);
    const victim = await withTwoFactor(a);
    const attackerStep = await passwordStep(a, attacker.email, attacker.password);
    const planted = pendingCookies(attackerStep.browser);
    expect(planted.length).toBeGreaterThan(0);

    const victimBrowser = new ApiClient(a.baseUrl);
    plant(victimBrowser, planted);
    const { res } = await passwordStep(a, victim.email, victim.password, victimBrowser);
    expect(res.body).toEqual({ two_factor_required: true });
    // A fresh id at step one: the victim's browser no longer holds what was planted.
    expect(pendingCookie(victimBrowser)?.value).not.toBe(planted.find((c) => c.name === 'ta_2fa')?.value);

    // The attacker, still holding the planted cookie, tries the victim's codes (as if they had them).
    const attackerBrowser = new ApiClient(a.baseUrl);
    plant(attackerBrowser, planted);
    const hijack = await attackerBrowser.post<Record<string, any>>('/api/v1/auth/signin/2fa', {
      recovery_code: victim.recoveryCodes[0],
    });
    expect(hijack.body?.user?.id).not.toBe(victim.userId);
    expect(hijack.status).toBe(401);
    // The victim's own step is unaffected and finishes with the same recovery code.
    const done = await victimBrowser.post<Record<string, any>>('/api/v1/auth/signin/2fa', {
      recovery_code: victim.recoveryCodes[0],
    });
    expect(done.status).toBe(200);
    expect(done.body.user.id).toBe(victim.userId);
  });

  it('when a made-up, tampered or foreign ta_2fa is sent, then step two is refused and step one replaces it', async () => {
    const victim = await withTwoFactor(a);
    const { browser } = await passwordStep(a, victim.email, victim.password);
    const real = pendingCookie(browser)!.value;
    // One character of the authentication tag changed: to 'B' where it is 'A', else to 'A' (the
    // character replaced, not the last one, decides, or a tag with 'A' there would be sent unchanged).
    const flipped = real.slice(0, -3) + (real.at(-3) === 'A' ? 'B' : 'A') + real.slice(-2);
    expect(flipped).not.toBe(real);
    for (const value of [
      '00000000-0000-0000-0000-000000000000',
      flipped,
      `${real}x`,
      'e30.e30.e30.e30.e30',
    ]) {
      const forged = new ApiClient(a.baseUrl);
      forged.jar.set('ta_2fa', { name: 'ta_2fa', value, attributes: { path: '/api/v1/auth' } });
      const res = await forged.post<Record<string, any>>('/api/v1/auth/signin/2fa', {
        code: codeAt(victim.secret, Date.now() + STEP_MS),
      });
      expect(res.status, value).toBe(401);
      expect(res.body.error.code).toBe('two_factor_not_pending');
      await passwordStep(a, victim.email, victim.password, forged);
      expect(pendingCookie(forged)?.value).not.toBe(value);
    }
  });

  it('when an old copy of the cookie is replayed, then neither the guess count nor a finished step comes back (on either instance)', async () => {
    const victim = await withTwoFactor(a);
    const { browser } = await passwordStep(a, victim.email, victim.password);
    const copy = pendingCookies(browser);
    for (const [i, code] of ['111111', '222222', '333333', '444444', '555555'].entries()) {
      const instance = i % 2 ? b : a;
      const guesser = new ApiClient(instance.baseUrl);
      plant(guesser, copy);
      expect((await guesser.post('/api/v1/auth/signin/2fa', { code })).status).toBe(401);
    }
    const replay = new ApiClient(b.baseUrl);
    plant(replay, copy);
    const sixth = await replay.post<Record<string, any>>('/api/v1/auth/signin/2fa', {
      code: codeAt(victim.secret, Date.now() + STEP_MS),
    });
    expect(sixth.body.error.code).toBe('two_factor_not_pending');

    // A finished step cannot be finished again with another valid factor.
    const next = await passwordStep(a, victim.email, victim.password);
    const finished = pendingCookies(next.browser);
    const ok = await next.browser.post('/api/v1/auth/signin/2fa', { recovery_code: victim.recoveryCodes[1] });
    expect(ok.status).toBe(200);
    const again = new ApiClient(b.baseUrl);
    plant(again, finished);
    const second = await again.post<Record<string, any>>('/api/v1/auth/signin/2fa', {
      recovery_code: victim.recoveryCodes[2],
    });
    expect(second.status).toBe(401);
    expect(second.body.error.code).toBe('two_factor_not_pending');
  });

  it('when the pending cookie is set, then it is HttpOnly, limited to /api/v1/auth and expires with the step', async () => {
    const victim = await withTwoFactor(a);
    const { res } = await passwordStep(a, victim.email, victim.password);
    const cookie = res.setCookies.find((c) => c.name === 'ta_2fa')!;
    expect(cookie.attributes.httponly).toBe(true);
    expect(cookie.attributes.path).toBe('/api/v1/auth');
    const expiresIn = Date.parse(String(cookie.attributes.expires)) - Date.now();
    expect(expiresIn).toBeGreaterThan(290_000);
    expect(expiresIn).toBeLessThanOrEqual(300_000);
    // The state is encrypted: neither the user id nor the email is readable in the cookie.
    const decoded = cookie.value
      .split('.')
      .map((part) => Buffer.from(part, 'base64url').toString('latin1'))
      .join('.');
    expect(decoded).not.toContain(victim.userId);
    expect(decoded).not.toContain(victim.email);
  });
});
