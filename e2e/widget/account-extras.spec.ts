import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test, type WidgetPage } from '../fixtures.js';
import { FORGOT_ANSWER, RECOVERY_CODES, VALID_TOTP } from '../support/mock-account-extras.js';
import { DEFAULT_PASSWORD as PASSWORD, errorBody, makeAccount, type MockBff } from '../support/mock-bff.js';

const NEW_PASSWORD = 'Humanoid5ever$';
const TOKEN = 'tok_abcdefghijklmnopqrstuvwxyz012345';

async function expectNoViolations(page: Page, label: string): Promise<void> {
  const results = await new AxeBuilder({ page }).include('textbook-assistant').analyze();
  const summary = results.violations.map(
    (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
  expect(summary, `axe violations in ${label}`).toEqual([]);
}

async function openSignedInAccount(bff: MockBff, widget: WidgetPage): Promise<void> {
  bff.session = makeAccount();
  await widget.goto();
  await widget.open();
  await widget.tab('Account').click();
  await expect(widget.dialog.getByRole('heading', { name: 'Security' })).toBeVisible();
}

test.describe('account extras', () => {
  test('when a reader sets up two-factor sign-in, then they see a QR code, confirm a code and get recovery codes once', async ({
    page,
    context,
    bff,
    widget,
  }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await openSignedInAccount(bff, widget);
    const d = widget.dialog;
    // Every step asks for the current password: none without, a wrong one is refused.
    const start = d.getByRole('button', { name: 'Set up two-factor sign-in' });
    await start.click();
    await expect(d.locator('#tf-start-password-error')).toHaveText('Enter your password.');
    expect(bff.requestsTo('POST /account/2fa/setup')).toHaveLength(0);
    await d.getByLabel('Your password, to set it up').fill('Wrong-pass1!');
    await start.click();
    await expect(d.locator('#tf-start-password-error')).toHaveText('The password is incorrect.');
    await d.getByLabel('Your password, to set it up').fill(PASSWORD);
    await start.click();
    const qr = d.getByRole('img', { name: 'QR code for your authenticator app' });
    await expect(qr).toBeVisible();
    await expect(qr).toHaveAttribute('src', /^data:image\/svg\+xml;charset=utf-8,%3Csvg/);
    await expect(d.locator('[part="otpauth-secret"]')).toHaveText('JBSWY3DPEHPK3PXP');
    const code = d.getByLabel('6-digit code from the app');
    await expect(code).toBeFocused();
    await code.fill('000000');
    await d.getByRole('button', { name: 'Turn on' }).click();
    await expect(d.locator('#tf-code-error')).toHaveText('The code is incorrect or was already used.');
    await expect(code).toHaveAttribute('aria-invalid', 'true');

    await code.fill(VALID_TOTP);
    await d.getByRole('button', { name: 'Turn on' }).click();
    const codes = d.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem');
    await expect(codes).toHaveText(RECOVERY_CODES);
    await expect(d.getByRole('button', { name: 'Copy codes' })).toBeFocused();
    await d.getByRole('button', { name: 'Copy codes' }).click();
    await expect(d.getByRole('button', { name: 'Copied' })).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(RECOVERY_CODES.join('\n'));
    await widget.screenshot('account-2fa-recovery-codes');
    await d.getByRole('button', { name: 'I have saved them' }).click();
    await expect(codes).toHaveCount(0);
    await expect(d.getByText('Two-factor sign-in is on.')).toBeVisible();
    expect(bff.requestsTo('POST /account/2fa/setup').at(-1)!.body).toEqual({ current_password: PASSWORD });
    expect(bff.requestsTo('POST /account/2fa/confirm').map((r) => r.body)).toEqual([
      { code: '000000', current_password: PASSWORD },
      { code: VALID_TOTP, current_password: PASSWORD },
    ]);

    const proof = d.getByLabel('Your password, to turn it off');
    await expect(proof).toBeFocused();
    await d.getByRole('button', { name: 'Turn off two-factor sign-in' }).click();
    await expect(d.locator('#tf-off-password-error')).toHaveText('Enter your password.');
    await proof.fill('Wrong-pass1!');
    await d.getByRole('button', { name: 'Turn off two-factor sign-in' }).click();
    await expect(d.locator('#tf-off-password-error')).toHaveText('The password is incorrect.');
    await proof.fill(PASSWORD);
    await d.getByRole('button', { name: 'Turn off two-factor sign-in' }).click();
    await expect(d.getByText('Two-factor sign-in is off.')).toBeVisible();
    expect(bff.requestsTo('POST /account/2fa/disable').at(-1)!.body).toEqual({ current_password: PASSWORD });
  });

  test('when the account has two-factor sign-in, then sign-in asks for a code, shows errors and accepts a recovery code', async ({
    bff,
    widget,
  }) => {
    bff.addUser('ada@example.org', PASSWORD);
    bff.extras.twoFactorEmails.add('ada@example.org');
    await widget.goto();
    await widget.openAccount();
    const d = widget.dialog;
    await d.getByLabel('Email').fill('ada@example.org');
    await d.getByLabel('Password').fill(PASSWORD);
    await d.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(d.getByRole('heading', { name: 'Two-factor sign-in' })).toBeVisible();
    const code = d.getByLabel('Authentication code');
    await expect(code).toBeFocused();

    await code.fill('12');
    await d.getByRole('button', { name: 'Verify and sign in' }).click();
    await expect(d.locator('#tfa-code-error')).toHaveText(
      'Enter the 6-digit code from your authenticator app.',
    );
    await code.fill('654321');
    await d.getByRole('button', { name: 'Verify and sign in' }).click();
    await expect(d.locator('#tfa-code-error')).toHaveText('The code is incorrect or was already used.');

    bff.once('POST /auth/signin/2fa', (route) =>
      route.fulfill({
        status: 429,
        contentType: 'application/json',
        headers: { 'Retry-After': '42' },
        body: errorBody('rate_limited', 'Too many requests.'),
      }),
    );
    await d.getByRole('button', { name: 'Verify and sign in' }).click();
    await expect(d.getByRole('alert')).toHaveText('Too many requests. Please wait 42 seconds and try again.');

    await d.getByRole('button', { name: 'Use a recovery code instead' }).click();
    const recovery = d.getByLabel('Recovery code');
    await expect(recovery).toBeFocused();
    await recovery.fill(RECOVERY_CODES[3]!);
    await d.getByRole('button', { name: 'Verify and sign in' }).click();
    await expect(d.getByRole('heading', { name: 'Your profile' })).toBeVisible();
    expect(bff.requestsTo('POST /auth/signin/2fa').at(-1)!.body).toEqual({
      recovery_code: RECOVERY_CODES[3],
    });
  });

  test('when a reader forgot the password, then the form always answers with the same confirmation', async ({
    bff,
    widget,
  }) => {
    await widget.goto();
    await widget.openAccount();
    await widget.dialog.getByRole('button', { name: 'Forgot password?' }).click();
    const email = widget.dialog.getByLabel('Email');
    await expect(email).toBeFocused();
    await email.fill('nobody@example.org');
    await widget.dialog.getByRole('button', { name: 'Send reset link' }).click();
    await expect(widget.dialog.getByRole('status').filter({ hasText: FORGOT_ANSWER })).toBeVisible();
    expect(bff.requestsTo('POST /auth/forgot-password')[0]!.body).toEqual({ email: 'nobody@example.org' });
  });

  test('when the page opens with a reset link, then the reset form opens, the token leaves the URL and the new password is set', async ({
    page,
    bff,
    widget,
  }) => {
    bff.extras.validTokens.add(TOKEN);
    await page.goto(`/?keep=1&reset_password=${TOKEN}#top`);
    await expect(widget.dialog).toBeVisible();
    await expect(widget.dialog.getByRole('heading', { name: 'Choose a new password' })).toBeVisible();
    expect(new URL(page.url()).search).toBe('?keep=1');
    expect(new URL(page.url()).hash).toBe('#top');
    const password = widget.dialog.getByLabel('New password', { exact: true });
    await expect(password).toBeFocused();
    await password.fill('short');
    await widget.dialog.getByRole('button', { name: 'Set new password' }).click();
    await expect(widget.dialog.locator('#reset-password-error')).toContainText('at least 8 characters');
    expect(bff.requestsTo('POST /auth/reset-password')).toHaveLength(0);
    await password.fill(NEW_PASSWORD);
    await widget.dialog.getByRole('button', { name: 'Set new password' }).click();
    await expect(widget.dialog.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    await expect(
      widget.dialog.getByRole('status').filter({ hasText: 'Your password was reset' }),
    ).toBeVisible();
    await expect(widget.dialog.getByLabel('Email')).toBeFocused();
    expect(bff.requestsTo('POST /auth/reset-password')[0]!.body).toEqual({
      token: TOKEN,
      password: NEW_PASSWORD,
    });
  });

  test('when a reset link from a fragment is used or expired, then the form says so and offers a new link', async ({
    page,
    widget,
  }) => {
    await page.goto(`/#ta-reset=${TOKEN}`);
    await widget.dialog.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
    await widget.dialog.getByRole('button', { name: 'Set new password' }).click();
    await expect(widget.dialog.getByRole('alert')).toContainText(
      'This reset link is invalid, used or expired.',
    );
    expect(new URL(page.url()).hash).toBe('');
    await widget.dialog.getByRole('button', { name: 'Ask for a new link' }).click();
    await expect(widget.dialog.getByRole('heading', { name: 'Reset your password' })).toBeVisible();
  });

  test('when the page opens with a verification link, then the email is verified and the notice goes away', async ({
    page,
    bff,
    widget,
  }) => {
    bff.session = makeAccount();
    bff.extras.emailVerified = false;
    bff.extras.validTokens.add(TOKEN);
    await page.goto(`/?verify_email=${TOKEN}`);
    await expect(widget.dialog.getByRole('status').filter({ hasText: 'Email verified.' })).toBeVisible();
    expect(new URL(page.url()).search).toBe('');
    expect(bff.requestsTo('POST /account/verify-email')[0]!.body).toEqual({ token: TOKEN });
    await expect(widget.dialog.getByRole('heading', { name: 'Security' })).toBeVisible();
    await expect(widget.dialog.getByText('not verified yet')).toHaveCount(0);
  });

  test('when the email is not verified, then the account view says so and can resend the mail', async ({
    bff,
    widget,
  }) => {
    bff.extras.emailVerified = false;
    await openSignedInAccount(bff, widget);
    await expect(widget.dialog.getByText('Your email address is not verified yet.')).toBeVisible();
    await widget.dialog.getByRole('button', { name: 'Resend verification email' }).click();
    await expect(widget.dialog.getByText('Check your inbox for the link.')).toBeVisible();
    expect(bff.requestsTo('POST /account/verify-email/request')).toHaveLength(1);
  });

  test('when a reader revokes a session and then signs out everywhere, then the list shrinks and the reader is signed out', async ({
    bff,
    widget,
  }) => {
    await openSignedInAccount(bff, widget);
    const items = widget.dialog.locator('[part="session"]');
    await expect(items).toHaveCount(2);
    await expect(items.first()).toContainText('Chrome on Linux');
    await expect(items.first()).toContainText('This device');
    await widget.dialog.getByRole('button', { name: /^Revoke Firefox on Windows/ }).click();
    await expect(items).toHaveCount(1);
    await expect(widget.dialog.getByRole('heading', { name: 'Signed-in devices' })).toBeFocused();
    expect(bff.requestsTo('DELETE /account/sessions/00000000-0000-4000-8000-000000000002')).toHaveLength(1);
    await widget.dialog.getByRole('button', { name: 'Sign out everywhere' }).click();
    await expect(widget.tab('Sign in')).toBeVisible();
    await expect(widget.dialog.getByLabel('Email')).toBeFocused();
    expect(bff.session).toBeUndefined();
  });

  test('when changing the password fails, then each error shows next to its field', async ({
    bff,
    widget,
  }) => {
    await openSignedInAccount(bff, widget);
    const d = widget.dialog;
    await d.getByLabel('Current password').fill('Wrong-pass1!');
    await d.getByLabel('New password', { exact: true }).fill('weak');
    await d.getByRole('button', { name: 'Change password' }).click();
    await expect(d.locator('#cp-new-error')).toContainText('an uppercase letter');
    expect(bff.requestsTo('POST /account/password')).toHaveLength(0);
    await d.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
    await d.getByRole('button', { name: 'Change password' }).click();
    await expect(d.locator('#cp-current-error')).toHaveText('The password is incorrect.');
    await expect(d.getByLabel('Current password')).toHaveAttribute('aria-invalid', 'true');
    await d.getByLabel('Current password').fill(PASSWORD);
    await d.getByRole('button', { name: 'Change password' }).click();
    await expect(d.getByText('Password changed.')).toBeVisible();
    await expect(d.locator('[part="session"]')).toHaveCount(1);
    expect(bff.requestsTo('POST /account/password').at(-1)!.body).toEqual({
      current_password: PASSWORD,
      new_password: NEW_PASSWORD,
    });
  });

  test('when a reader deletes the account, then it needs the password and ends signed out', async ({
    bff,
    widget,
  }) => {
    await openSignedInAccount(bff, widget);
    await widget.recordEvents();
    const d = widget.dialog;
    await d.getByLabel('Your password, to confirm').fill('Wrong-pass1!');
    await d.getByRole('button', { name: 'Delete my account' }).click();
    await expect(d.locator('#del-password-error')).toHaveText('The password is incorrect.');
    await d.getByLabel('Your password, to confirm').fill(PASSWORD);
    await d.getByRole('button', { name: 'Delete my account' }).click();
    await expect(d.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    await expect(d.getByRole('status').filter({ hasText: 'Your account was deleted.' })).toBeVisible();
    expect(bff.requestsTo('DELETE /account').at(-1)!.body).toEqual({ current_password: PASSWORD });
    expect((await widget.events()).map((e) => e.type)).toEqual(['ta-signed-out']);
  });

  for (const theme of ['light', 'dark'] as const) {
    test(`when the new views are shown in ${theme} mode, then axe finds no violations`, async ({
      page,
      bff,
      widget,
    }) => {
      bff.extras.emailVerified = false;
      bff.addUser('ada@example.org', PASSWORD);
      await page.emulateMedia({ colorScheme: theme });
      await openSignedInAccount(bff, widget);
      await page.evaluate((t) => document.documentElement.setAttribute('data-theme', t), theme);
      const d = widget.dialog;
      await expectNoViolations(page, `${theme} security and sessions`);
      await d.getByRole('button', { name: 'Change password' }).click();
      await expect(d.locator('#cp-current-error')).toBeVisible();
      await d.getByRole('button', { name: 'Set up two-factor sign-in' }).click();
      await expect(d.locator('#tf-start-password-error')).toBeVisible();
      await expectNoViolations(page, `${theme} two-factor password error`);
      await d.getByLabel('Your password, to set it up').fill(PASSWORD);
      await d.getByRole('button', { name: 'Set up two-factor sign-in' }).click();
      await expect(d.getByRole('img', { name: /QR code/ })).toBeVisible();
      await expectNoViolations(page, `${theme} two-factor set-up and password errors`);
      await d.getByLabel('6-digit code from the app').fill(VALID_TOTP);
      await d.getByRole('button', { name: 'Turn on' }).click();
      await expect(d.getByRole('list', { name: 'Recovery codes' })).toBeVisible();
      await expectNoViolations(page, `${theme} recovery codes`);
      await widget.screenshot(`account-security-${theme}`);

      await d.getByRole('button', { name: 'Sign out', exact: true }).click();
      await expect(d.getByRole('heading', { name: 'Sign in' })).toBeVisible();
      bff.extras.twoFactorEmails.add('ada@example.org');
      await d.getByLabel('Email').fill('ada@example.org');
      await d.getByLabel('Password').fill(PASSWORD);
      await d.getByRole('button', { name: 'Sign in', exact: true }).click();
      await d.getByRole('button', { name: 'Verify and sign in' }).click();
      await expect(d.locator('#tfa-code-error')).toBeVisible();
      await expectNoViolations(page, `${theme} two-factor step`);
      await d.getByRole('button', { name: 'Back to sign in' }).click();
      await d.getByRole('button', { name: 'Forgot password?' }).click();
      await d.getByRole('button', { name: 'Send reset link' }).click();
      await expect(d.locator('#forgot-email-error')).toBeVisible();
      await expectNoViolations(page, `${theme} forgot password`);
    });
  }
});
