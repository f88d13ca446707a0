import * as OTPAuth from 'otpauth';
import { expect, PASSWORD, test } from '../support/journey-fixtures.js';

const NEW_PASSWORD = 'Humanoid5ever$';
const FIREFOX_UA = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:131.0) Gecko/20100101 Firefox/131.0';

test('when a reader signs up, changes the password, revokes a session and turns on two-factor sign-in, then the next sign-in asks for a code', async ({
  page,
  browser,
  servers,
  widget,
  email,
  shot,
}) => {
  const d = widget.dialog;
  // Sign up through the widget.
  await widget.goto();
  await widget.openAccount();
  await d.getByRole('button', { name: 'Create an account' }).click();
  await d.getByLabel('Email').fill(email);
  await d.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await d.getByRole('button', { name: 'Create account' }).click();
  await expect(d.getByRole('heading', { name: 'Your profile' })).toBeVisible();
  // The verification mail went to the outbox; the account view says the address is unverified.
  await expect(d.getByText('Your email address is not verified yet.')).toBeVisible();

  // Change the password.
  await d.getByLabel('Current password').fill(PASSWORD);
  await d.getByLabel('New password').fill(NEW_PASSWORD);
  await d.getByRole('button', { name: 'Change password' }).click();
  await expect(d.getByText('Password changed.')).toBeVisible();
  await shot('account-extras-01-password-changed');

  // A second device signs in with the new password.
  const other = await browser.newContext({ userAgent: FIREFOX_UA });
  try {
    const signin = await other.request.post(`${servers.bffUrl}/api/v1/auth/signin`, {
      headers: { Origin: servers.pagesUrl },
      data: { email, password: NEW_PASSWORD },
    });
    expect(signin.status(), await signin.text()).toBe(200);

    await page.reload();
    await widget.open();
    await widget.tab('Account').click();
    const sessions = d.locator('[part="session"]');
    await expect(sessions).toHaveCount(2);
    await expect(sessions.filter({ hasText: 'This device' })).toHaveCount(1);
    await expect(sessions.filter({ hasText: 'Firefox on Windows' })).toHaveCount(1);
    await shot('account-extras-02-two-sessions');
    await d.getByRole('button', { name: /^Revoke Firefox on Windows,/ }).click();
    await expect(sessions).toHaveCount(1);
    await expect(sessions).toContainText('This device');
    const revoked = await other.request.get(`${servers.bffUrl}/api/v1/account`, {
      headers: { Origin: servers.pagesUrl },
    });
    expect(revoked.status()).toBe(401);
  } finally {
    await other.close();
  }

  // Turn on two-factor sign-in (re-authenticated) with a code computed from the otpauth URI.
  await d.getByLabel('Your password, to set it up').fill(NEW_PASSWORD);
  await d.getByRole('button', { name: 'Set up two-factor sign-in' }).click();
  await expect(d.getByRole('img', { name: 'QR code for your authenticator app' })).toBeVisible();
  const uri = (await d.locator('[part="otpauth-uri"]').textContent())!.trim();
  const totp = OTPAuth.URI.parse(uri) as OTPAuth.TOTP;
  await d.getByLabel('6-digit code from the app').fill(totp.generate());
  await d.getByRole('button', { name: 'Turn on' }).click();
  await expect(d.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem')).toHaveCount(10);
  await shot('account-extras-03-recovery-codes');
  await d.getByRole('button', { name: 'I have saved them' }).click();
  await expect(d.getByText('Two-factor sign-in is on.')).toBeVisible();

  // Sign out, then sign in again: password, then the second step.
  await d.getByRole('button', { name: 'Sign out', exact: true }).click();
  await expect(d.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await d.getByLabel('Email').fill(email);
  await d.getByLabel('Password').fill(NEW_PASSWORD);
  await d.getByRole('button', { name: 'Sign in', exact: true }).click();
  const code = d.getByLabel('Authentication code');
  await expect(code).toBeFocused();
  // The code used to turn 2FA on may not be replayed: take the next 30 s step's (accepted within ±1).
  await code.fill(totp.generate({ timestamp: Date.now() + 30_000 }));
  await d.getByRole('button', { name: 'Verify and sign in' }).click();
  await expect(d.getByRole('heading', { name: 'Your profile' })).toBeVisible();
  await expect(d.getByText(email)).toBeVisible();
  await shot('account-extras-04-signed-in-with-2fa');
});
