import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { ApiClient } from '../support/client.js';
import { codeAt } from '../../src/two-factor/totp.js';
import {
  aReader,
  FAST_ENV,
  passwordStep as signInWithPassword,
  startTwoFactor,
  withTwoFactor as withTwoFactorOn,
} from './helpers.js';

const STEP_MS = 30_000;

describe('two-factor sign-in (TOTP)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ env: FAST_ENV });
  });
  afterAll(() => app.close());

  const withTwoFactor = () => withTwoFactorOn(app);
  const passwordStep = (email: string, password: string) => signInWithPassword(app, email, password);

  it('when set-up starts, then it returns an otpauth URI and an SVG QR code, and 2FA stays off until confirmed', async () => {
    const { client, email, password, userId } = await aReader(app);
    const res = await client.post<Record<string, any>>('/api/v1/account/2fa/setup', {
      current_password: password,
    });
    expect(res.body.otpauth_uri).toMatch(/^otpauth:\/\/totp\/.+\?.*secret=[A-Z2-7]+/);
    expect(res.body.otpauth_uri).toContain(encodeURIComponent(email));
    expect(res.body.qr_svg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    expect((await client.get<Record<string, any>>('/api/v1/account')).body.two_factor_enabled).toBe(false);
    const { res: signin } = await passwordStep(email, password);
    expect(signin.body.user.id).toBe(userId);
  });

  it('when the TOTP secret is stored, then it is encrypted, not the base32 secret', async () => {
    const { userId, secret } = await withTwoFactor();
    const row = await app.deps.db.knex('two_factor').where({ user_id: userId }).first();
    expect(row.secret).not.toContain(secret);
    expect(row.secret).toMatch(/^v1\./);
    const codes = await app.deps.db.knex('recovery_codes').where({ user_id: userId });
    expect(codes).toHaveLength(10);
  });

  it('when confirming with a wrong code, then 2FA stays off', async () => {
    const { client, password } = await aReader(app);
    await startTwoFactor(client, password);
    const res = await client.post<Record<string, any>>('/api/v1/account/2fa/confirm', {
      code: '000000',
      current_password: password,
    });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('invalid_two_factor_code');
    expect((await client.get<Record<string, any>>('/api/v1/account')).body.two_factor_enabled).toBe(false);
  });

  it('when confirmed, then 10 distinct recovery codes are returned and set-up cannot be restarted', async () => {
    const { client, password, recoveryCodes } = await withTwoFactor();
    expect(new Set(recoveryCodes).size).toBe(10);
    expect((await client.get<Record<string, any>>('/api/v1/account')).body.two_factor_enabled).toBe(true);
    const again = await client.post<Record<string, any>>('/api/v1/account/2fa/setup', {
      current_password: password,
    });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('two_factor_already_enabled');
  });

  it('when 2FA is on, then the password step answers two_factor_required with no auth cookies, and a code completes it', async () => {
    const { email, password, secret, userId } = await withTwoFactor();
    const { browser, res } = await passwordStep(email, password);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ two_factor_required: true });
    expect(browser.cookie('ta_access')).toBeUndefined();
    expect(browser.cookie('ta_refresh')).toBeUndefined();
    expect(browser.cookie('ta_2fa')).toBeTruthy();
    expect((await browser.get('/api/v1/profile')).status).toBe(401);
    const done = await browser.post<Record<string, any>>('/api/v1/auth/signin/2fa', {
      code: codeAt(secret, Date.now() + STEP_MS),
    });
    expect(done.status).toBe(200);
    expect(done.body.user.id).toBe(userId);
    expect(browser.cookie('ta_access')).toBeTruthy();
    expect((await browser.get('/api/v1/profile')).status).toBe(200);
  });

  it('when a code is used a second time, then it is refused, even in another pending sign-in', async () => {
    const { email, password, secret } = await withTwoFactor();
    const code = codeAt(secret, Date.now() + STEP_MS);
    const first = await passwordStep(email, password);
    expect((await first.browser.post('/api/v1/auth/signin/2fa', { code })).status).toBe(200);
    const second = await passwordStep(email, password);
    const replay = await second.browser.post<Record<string, any>>('/api/v1/auth/signin/2fa', { code });
    expect(replay.status).toBe(401);
    expect(replay.body.error.code).toBe('invalid_two_factor_code');
    // An older step than the last one used is no better.
    const older = await second.browser.post('/api/v1/auth/signin/2fa', {
      code: codeAt(secret, Date.now() - STEP_MS),
    });
    expect(older.status).toBe(401);
  });

  it('when the confirming code is replayed at sign-in, then it is refused', async () => {
    const reader = await aReader(app);
    const secret = await startTwoFactor(reader.client, reader.password);
    const code = codeAt(secret, Date.now());
    const confirm = { code, current_password: reader.password };
    expect((await reader.client.post('/api/v1/account/2fa/confirm', confirm)).status).toBe(200);
    const { browser } = await passwordStep(reader.email, reader.password);
    expect((await browser.post('/api/v1/auth/signin/2fa', { code })).status).toBe(401);
  });

  it('when a code is more than one step away, then it is outside the ±1 window', async () => {
    const { email, password, secret } = await withTwoFactor();
    const { browser } = await passwordStep(email, password);
    const far = await browser.post('/api/v1/auth/signin/2fa', {
      code: codeAt(secret, Date.now() + 3 * STEP_MS),
    });
    expect(far.status).toBe(401);
  });

  it('when a recovery code is used, then it signs in once and never again', async () => {
    const { email, password, recoveryCodes } = await withTwoFactor();
    const first = await passwordStep(email, password);
    const ok = await first.browser.post('/api/v1/auth/signin/2fa', {
      recovery_code: recoveryCodes[3]!.toUpperCase(),
    });
    expect(ok.status).toBe(200);
    const second = await passwordStep(email, password);
    const reused = await second.browser.post('/api/v1/auth/signin/2fa', { recovery_code: recoveryCodes[3] });
    expect(reused.status).toBe(401);
  });

  it('when five wrong codes are guessed, then the pending sign-in is dropped, even for the right code', async () => {
    const { email, password, secret } = await withTwoFactor();
    const { browser } = await passwordStep(email, password);
    const guesses = await Promise.all(
      ['111111', '222222', '333333', '444444', '555555'].map((code) =>
        browser.post<Record<string, any>>('/api/v1/auth/signin/2fa', { code }),
      ),
    );
    expect(guesses.map((g) => g.status)).toEqual([401, 401, 401, 401, 401]);
    const sixth = await browser.post<Record<string, any>>('/api/v1/auth/signin/2fa', {
      code: codeAt(secret, Date.now() + STEP_MS),
    });
    expect(sixth.status).toBe(401);
    expect(sixth.body.error.code).toBe('two_factor_not_pending');
    expect(browser.cookie('ta_access')).toBeUndefined();
  });

  it('when more than 10 codes are tried for one account within 15 minutes, then the next is 429 even in a new sign-in', async () => {
    const { email, password, secret } = await withTwoFactor();
    for (let round = 0; round < 2; round++) {
      const { browser } = await passwordStep(email, password);
      for (const code of ['111111', '222222', '333333', '444444', '555555']) {
        expect((await browser.post('/api/v1/auth/signin/2fa', { code })).status).toBe(401);
      }
    }
    const { browser } = await passwordStep(email, password);
    const limited = await browser.post<Record<string, any>>('/api/v1/auth/signin/2fa', {
      code: codeAt(secret, Date.now() + STEP_MS),
    });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBeTruthy();
  });

  it('when there is no pending sign-in, or the pending cookie is forged, then the second step is refused', async () => {
    const stranger = new ApiClient(app.baseUrl);
    const res = await stranger.post<Record<string, any>>('/api/v1/auth/signin/2fa', { code: '123456' });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('two_factor_not_pending');
    const forged = await stranger.post<Record<string, any>>(
      '/api/v1/auth/signin/2fa',
      { code: '123456' },
      {
        Cookie: 'ta_2fa=00000000-0000-0000-0000-000000000000; ta_2fa.sig=forged',
      },
    );
    expect(forged.body.error.code).toBe('two_factor_not_pending');
  });

  it('when the pending step is older than 5 minutes, then it has expired', async () => {
    const { email, password, secret } = await withTwoFactor();
    const { browser } = await passwordStep(email, password);
    const later = Date.now() + 5 * 60_000 + 1000;
    const clock = vi.spyOn(Date, 'now').mockReturnValue(later);
    try {
      const res = await browser.post<Record<string, any>>('/api/v1/auth/signin/2fa', {
        code: codeAt(secret, later),
      });
      expect(res.body.error.code).toBe('two_factor_not_pending');
    } finally {
      clock.mockRestore();
    }
  });

  it('when the body has both or neither factor, then it is a validation error', async () => {
    const stranger = new ApiClient(app.baseUrl);
    const both = await stranger.post<Record<string, any>>('/api/v1/auth/signin/2fa', {
      code: '123456',
      recovery_code: 'abcd-efgh-jkmn',
    });
    expect(both.body.error.code).toBe('validation_error');
    const neither = await stranger.post<Record<string, any>>('/api/v1/auth/signin/2fa', {});
    expect(neither.body.error.code).toBe('validation_error');
  });

  it('when 2FA is disabled with a wrong password, then it stays on; with the right one, sign-in is one step again', async () => {
    const { client, email, password } = await withTwoFactor();
    const wrong = await client.post<Record<string, any>>('/api/v1/account/2fa/disable', {
      current_password: 'Wrong1!pass',
    });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe('invalid_password');
    const right = await client.post('/api/v1/account/2fa/disable', { current_password: password });
    expect(right.status).toBe(204);
    const { res } = await passwordStep(email, password);
    expect(res.body.user.email).toBe(email);
    expect(await app.deps.db.knex('recovery_codes').where({ user_id: res.body.user.id })).toHaveLength(0);
  });

  it('when 2FA is disabled with only a code (no password), then it is refused and stays on', async () => {
    const { client, secret } = await withTwoFactor();
    const res = await client.post<Record<string, any>>('/api/v1/account/2fa/disable', {
      code: codeAt(secret, Date.now() + STEP_MS),
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain('current_password');
    expect((await client.get<Record<string, any>>('/api/v1/account')).body.two_factor_enabled).toBe(true);
  });

  it('when recovery codes are regenerated, then ten new ones work and the old ones no longer do', async () => {
    const { client, email, password, recoveryCodes } = await withTwoFactor();
    const res = await client.post<Record<string, any>>('/api/v1/account/2fa/recovery-codes', {
      current_password: password,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const fresh = res.body.recovery_codes as string[];
    expect(new Set(fresh).size).toBe(10);
    expect(fresh.filter((c) => recoveryCodes.includes(c))).toEqual([]);
    const old = await passwordStep(email, password);
    expect(
      (await old.browser.post('/api/v1/auth/signin/2fa', { recovery_code: recoveryCodes[0] })).status,
    ).toBe(401);
    const next = await passwordStep(email, password);
    expect((await next.browser.post('/api/v1/auth/signin/2fa', { recovery_code: fresh[0] })).status).toBe(
      200,
    );
  });

  it('when recovery codes are regenerated with 2FA off, then it is two_factor_not_enabled', async () => {
    const { client, password } = await aReader(app);
    const res = await client.post<Record<string, any>>('/api/v1/account/2fa/recovery-codes', {
      current_password: password,
    });
    expect(res.body.error.code).toBe('two_factor_not_enabled');
  });
});

describe('the two-factor code checks share one counter per client', () => {
  // RATE_LIMIT_SIGNIN bounds the codes one client may try, wherever it types them: turning 2FA on
  // (POST /account/2fa/confirm) and the sign-in's second step (POST /auth/signin/2fa) draw on the
  // same counter, so a client cannot double its guesses by alternating routes.
  const LIMIT = 6;
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ env: { ...FAST_ENV, RATE_LIMIT_SIGNIN: `${LIMIT}/minute` } });
  });
  afterAll(() => app.close());

  it('when a client uses up the limit on confirm and the second sign-in step together, then both answer 429', async () => {
    const { email, password, secret } = await withTwoFactorOn(app); // 1 code check (a right one)
    const other = await aReader(app);
    await startTwoFactor(other.client, other.password);
    const confirm = () =>
      other.client.post<Record<string, any>>('/api/v1/account/2fa/confirm', {
        code: '000000',
        current_password: other.password,
      });
    const confirms = [];
    for (let i = 0; i < LIMIT - 2; i++) confirms.push((await confirm()).status);
    expect(confirms).toEqual(Array(LIMIT - 2).fill(401));

    const { browser } = await signInWithPassword(app, email, password);
    const step = (code: string) => browser.post<Record<string, any>>('/api/v1/auth/signin/2fa', { code });
    expect((await step('111111')).status).toBe(401); // the limit's last check
    const limited = await step(codeAt(secret, Date.now()));
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('rate_limited');
    expect(browser.cookie('ta_access')).toBeUndefined();
    expect((await confirm()).status).toBe(429);
  });
});
