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

/** Starts 2FA set-up (re-authenticated with `password`); the secret the authenticator app would hold. */
export async function startTwoFactor(client: ApiClient, password: string): Promise<string> {
  const setup = await client.post<Record<string, any>>('/api/v1/account/2fa/setup', {
    current_password: password,
  });
  expect(setup.status).toBe(200);
  return new URL(setup.body.otpauth_uri).searchParams.get('secret')!;
}

/** Turns 2FA on for a signed-in client; the secret and the recovery codes. */
export async function enableTwoFactor(client: ApiClient, password: string) {
  const secret = await startTwoFactor(client, password);
  const confirm = await client.post<Record<string, any>>('/api/v1/account/2fa/confirm', {
    code: codeAt(secret, Date.now()),
    current_password: password,
  });
  expect(confirm.status).toBe(200);
  return { secret, recoveryCodes: confirm.body.recovery_codes as string[] };
}

/** A reader with 2FA on; `secret` is what the authenticator app would hold. */
export async function withTwoFactor(app: TestApp) {
  const reader = await aReader(app);
  return { ...reader, ...(await enableTwoFactor(reader.client, reader.password)) };
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
