import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { ApiClient } from '../support/client.js';
import { startSmtpReceiver, tokenFrom, type SmtpReceiver } from '../support/smtp-receiver.js';
import { aReader, anotherBrowser, FAST_ENV } from './helpers.js';

const NEW_PASSWORD = 'Humanoid9&walks';

describe('password reset', () => {
  let app: TestApp;
  let smtp: SmtpReceiver;
  beforeAll(async () => {
    smtp = await startSmtpReceiver();
    app = await startTestApp({ env: { ...FAST_ENV, SMTP_URL: smtp.url } });
  });
  afterAll(async () => {
    await app.close();
    await smtp.close();
  });

  const anonymous = () => new ApiClient(app.baseUrl);
  const resetMail = (email: string) => smtp.waitFor((m) => m.to.includes(email) && /Reset/.test(m.subject));
  async function resetToken(email: string) {
    const res = await anonymous().post('/api/v1/auth/forgot-password', { email: email.toUpperCase() });
    expect(res.status).toBe(202);
    return tokenFrom(await resetMail(email), 'reset_password');
  }

  it('when an address is known or unknown, then the answer is the same 202 body, and only the known one gets a mail', async () => {
    const { email } = await aReader(app);
    const known = await anonymous().post('/api/v1/auth/forgot-password', { email });
    const unknown = await anonymous().post('/api/v1/auth/forgot-password', {
      email: 'nobody-here@example.org',
    });
    expect(known.status).toBe(202);
    expect(unknown.status).toBe(202);
    expect(unknown.body).toEqual(known.body);
    await resetMail(email);
    await new Promise((r) => setTimeout(r, 300));
    expect(smtp.mails.some((m) => m.to.includes('nobody-here@example.org'))).toBe(false);
  });

  it('when the mail server is slow, then a known address is answered as fast as an unknown one', async () => {
    const { email } = await aReader(app);
    const time = async (address: string) => {
      const started = performance.now();
      expect((await anonymous().post('/api/v1/auth/forgot-password', { email: address })).status).toBe(202);
      return performance.now() - started;
    };
    smtp.delayMs = 1_000; // were the mail awaited, the known address would take a second longer
    try {
      const known: number[] = [];
      const unknown: number[] = [];
      for (let i = 0; i < 3; i++) {
        known.push(await time(email));
        unknown.push(await time(`ghost${i}@example.org`));
      }
      const median = (xs: number[]) => xs.sort((a, b) => a - b)[1]!;
      expect(Math.max(...known)).toBeLessThan(500);
      expect(Math.abs(median(known) - median(unknown))).toBeLessThan(150);
      await resetMail(email);
    } finally {
      smtp.delayMs = 0;
    }
  });

  it('when the mailed token resets the password, then every session ends, the old password fails and the new one works', async () => {
    const { client, email, password } = await aReader(app);
    const other = await anotherBrowser(app, email, password);
    const token = await resetToken(email);
    const res = await anonymous().post('/api/v1/auth/reset-password', { token, password: NEW_PASSWORD });
    expect(res.status).toBe(204);
    expect((await client.get('/api/v1/profile')).status).toBe(401);
    expect((await other.get('/api/v1/profile')).status).toBe(401);
    expect((await client.post('/api/v1/auth/refresh')).status).toBe(401);
    expect((await anonymous().post('/api/v1/auth/signin', { email, password })).status).toBe(401);
    const signin = await anonymous().post('/api/v1/auth/signin', { email, password: NEW_PASSWORD });
    expect(signin.status).toBe(200);
    const user = await app.deps.db.knex('users').whereRaw('lower(email) = ?', [email.toLowerCase()]).first();
    expect(user.email_verified).toBe(true); // the reset link proved the mailbox too
  });

  it('when a used token is replayed, then it is refused', async () => {
    const { email } = await aReader(app);
    const token = await resetToken(email);
    expect(
      (await anonymous().post('/api/v1/auth/reset-password', { token, password: NEW_PASSWORD })).status,
    ).toBe(204);
    const replay = await anonymous().post<Record<string, any>>('/api/v1/auth/reset-password', {
      token,
      password: 'Another1!pass',
    });
    expect(replay.status).toBe(400);
    expect(replay.body.error.code).toBe('invalid_token');
    expect((await anonymous().post('/api/v1/auth/signin', { email, password: NEW_PASSWORD })).status).toBe(
      200,
    );
  });

  it('when the token has expired or is unknown, then it is refused and the password is unchanged', async () => {
    const { email, password, userId } = await aReader(app);
    const token = await resetToken(email);
    await app.deps.db
      .knex('one_time_tokens')
      .where({ user_id: userId, purpose: 'reset_password' })
      .update({ expires_at: new Date(Date.now() - 1000) });
    const expired = await anonymous().post<Record<string, any>>('/api/v1/auth/reset-password', {
      token,
      password: NEW_PASSWORD,
    });
    expect(expired.body.error.code).toBe('invalid_token');
    const unknown = await anonymous().post<Record<string, any>>('/api/v1/auth/reset-password', {
      token: 'b'.repeat(43),
      password: NEW_PASSWORD,
    });
    expect(unknown.body.error.code).toBe('invalid_token');
    expect((await anonymous().post('/api/v1/auth/signin', { email, password })).status).toBe(200);
  });

  it('when a verification token is used as a reset token, then it is refused', async () => {
    const { email } = await aReader(app);
    const verify = tokenFrom(
      await smtp.waitFor((m) => m.to.includes(email) && /Confirm/.test(m.subject)),
      'verify_email',
    );
    const res = await anonymous().post<Record<string, any>>('/api/v1/auth/reset-password', {
      token: verify,
      password: NEW_PASSWORD,
    });
    expect(res.body.error.code).toBe('invalid_token');
  });

  it('when the new password breaks the sign-up rule, then it is a validation error and the token stays usable', async () => {
    const { email } = await aReader(app);
    const token = await resetToken(email);
    const weak = await anonymous().post<Record<string, any>>('/api/v1/auth/reset-password', {
      token,
      password: 'password',
    });
    expect(weak.status).toBe(400);
    expect(weak.body.error.code).toBe('validation_error');
    expect(weak.body.error.details.map((d: { path: string }) => d.path)).toContain('password');
    const tooLong = await anonymous().post('/api/v1/auth/reset-password', {
      token,
      password: `Aa1!${'x'.repeat(80)}`,
    });
    expect(tooLong.status).toBe(400);
    expect(
      (await anonymous().post('/api/v1/auth/reset-password', { token, password: NEW_PASSWORD })).status,
    ).toBe(204);
  });

  it('when sixteen requests use one token at once, then exactly one succeeds', async () => {
    const { email } = await aReader(app);
    const token = await resetToken(email);
    const passwords = Array.from({ length: 16 }, (_, i) => `Parallel${i}!reset`);
    const results = await Promise.all(
      passwords.map((password) => anonymous().post('/api/v1/auth/reset-password', { token, password })),
    );
    const winners = results.flatMap((r, i) => (r.status === 204 ? [passwords[i]!] : []));
    expect(winners).toHaveLength(1);
    expect(results.filter((r) => r.status === 400)).toHaveLength(15);
    expect((await anonymous().post('/api/v1/auth/signin', { email, password: winners[0] })).status).toBe(200);
  });

  it('when the body is not strict, then it is a validation error', async () => {
    const res = await anonymous().post<Record<string, any>>('/api/v1/auth/forgot-password', {
      email: 'a@example.org',
      x: 1,
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_error');
  });
});
