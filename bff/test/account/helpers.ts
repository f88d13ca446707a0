import { expect } from 'vitest';
import { ApiClient, aSignup } from '../support/client.js';
import { codeAt } from '../../src/two-factor/totp.js';
import type { TestApp } from '../support/test-app.js';

/** A signed-up reader with a browser-like client; `password` is the one they signed up with. */
export async function aReader(app: TestApp, overrides: Record<string, unknown> = {}, userAgent?: string) {
  const client = new ApiClient(app.baseUrl);
  const body = aSignup(overrides);
  const headers: Record<string, string> = userAgent ? { 'User-Agent': userAgent } : {};
  const res = await client.post<Record<string, any>>('/api/v1/auth/signup', body, headers);
  expect(res.status).toBe(201);
  return { client, userId: res.body.user.id as string, email: body.email, password: body.password };
}

/** Signs the same account in from another "browser". */
export async function anotherBrowser(app: TestApp, email: string, password: string, userAgent?: string) {
  const client = new ApiClient(app.baseUrl);
  const headers: Record<string, string> = userAgent ? { 'User-Agent': userAgent } : {};
  const res = await client.post<Record<string, any>>('/api/v1/auth/signin', { email, password }, headers);
  expect(res.status).toBe(200);
  return client;
}

/** Fast bcrypt in tests: the cost is not what these tests are about. */
export const FAST_ENV = { BCRYPT_COST: '10' };

/** A reader with 2FA on; `secret` is what the authenticator app would hold. */
export async function withTwoFactor(app: TestApp) {
  const reader = await aReader(app);
  const setup = await reader.client.post<Record<string, any>>('/api/v1/account/2fa/setup');
  expect(setup.status).toBe(200);
  const secret = new URL(setup.body.otpauth_uri).searchParams.get('secret')!;
  const confirm = await reader.client.post<Record<string, any>>('/api/v1/account/2fa/confirm', {
    code: codeAt(secret, Date.now()),
  });
  expect(confirm.status).toBe(200);
  return { ...reader, secret, recoveryCodes: confirm.body.recovery_codes as string[] };
}

/** The password step of a sign-in, from a fresh browser (or the one given). */
export async function passwordStep(
  app: TestApp,
  email: string,
  password: string,
  browser = new ApiClient(app.baseUrl),
) {
  const res = await browser.post<Record<string, any>>('/api/v1/auth/signin', { email, password });
  return { browser, res };
}
