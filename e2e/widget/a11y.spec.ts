import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, settleAnimations, test, type WidgetPage } from '../fixtures.js';
import { errorBody, makeAccount } from '../support/mock-bff.js';

async function expectNoViolations(page: Page, label: string): Promise<void> {
  // Colours mid-transition (the panel fading in) are not what a reader reads.
  await settleAnimations(page);
  const results = await new AxeBuilder({ page }).include('textbook-assistant').analyze();
  const summary = results.violations.map(
    (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
  expect(summary, `axe violations in ${label}`).toEqual([]);
}

async function walkViews(page: Page, widget: WidgetPage, theme: string): Promise<void> {
  await expectNoViolations(page, `${theme} launcher`);
  await widget.open();
  await expectNoViolations(page, `${theme} empty chat`);
  await widget.ask('What does a Kalman filter do?');
  await expect(widget.dialog.locator('[part="personalization"]')).toBeVisible();
  await expectNoViolations(page, `${theme} chat with answer`);
  await widget.tab('Sign in').click();
  await expectNoViolations(page, `${theme} sign in`);
  await widget.dialog.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(widget.dialog.locator('#signin-email-error')).toBeVisible();
  await expectNoViolations(page, `${theme} sign in with errors`);
  await widget.dialog.getByRole('button', { name: 'Create an account' }).click();
  await widget.dialog.getByLabel('Password', { exact: true }).fill('abc');
  await expectNoViolations(page, `${theme} sign up`);
}

test.describe('accessibility', () => {
  for (const theme of ['light', 'dark'] as const) {
    test(`when each view is shown in ${theme} mode, then axe finds no violations`, async ({
      page,
      widget,
    }) => {
      await widget.goto();
      await page.evaluate((t) => document.documentElement.setAttribute('data-theme', t), theme);
      await walkViews(page, widget, theme);
    });
  }

  test('when signed in, then the profile and a personalized answer have no axe violations', async ({
    page,
    bff,
    widget,
  }) => {
    bff.session = makeAccount();
    await widget.goto();
    await widget.open();
    await widget.ask('What does a Kalman filter do?');
    await expect(widget.dialog.locator('[part="personalization"]')).toContainText('Advanced reader');
    await expectNoViolations(page, 'personalized answer');
    await widget.tab('Account').click();
    await expectNoViolations(page, 'profile');
    bff.once('PUT /profile', (route) =>
      route.fulfill({
        status: 400,
        contentType: 'application/json',
        body: errorBody('validation_error', 'Invalid.', [
          { path: 'interests', message: 'Too many interests.' },
        ]),
      }),
    );
    await widget.dialog.getByRole('button', { name: 'Save profile' }).click();
    await expect(widget.dialog.locator('#profile-interests-error')).toBeVisible();
    await expectNoViolations(page, 'profile with errors');
  });

  test('when the panel opens and closes, then it is a labelled modal dialog and focus moves in and back', async ({
    page,
    widget,
  }) => {
    await widget.goto();
    await widget.recordEvents();
    await expect(widget.launcher).toHaveAttribute('aria-expanded', 'false');
    await widget.open();
    await expect(widget.dialog).toHaveAttribute('aria-modal', 'true');
    await expect(widget.input).toBeFocused();
    await expect(page.locator('textbook-assistant')).toHaveAttribute('open', '');
    await page.keyboard.press('Escape');
    await expect(widget.dialog).toBeHidden();
    await expect(widget.launcher).toBeFocused();
    await expect(page.locator('textbook-assistant')).not.toHaveAttribute('open', '');

    await page.keyboard.press('Enter');
    await expect(widget.input).toBeFocused();
    // Shift+Tab from the first control wraps to the last: focus stays inside.
    await widget.dialog.getByRole('button', { name: 'Close' }).focus();
    await page.keyboard.press('Shift+Tab');
    await expect(widget.dialog.getByRole('button', { name: 'Send question' })).toBeFocused();
    await widget.dialog.getByRole('button', { name: 'Close' }).click();
    await expect(widget.launcher).toBeFocused();
    expect((await widget.events()).map((e) => e.type)).toEqual([
      'ta-opened',
      'ta-closed',
      'ta-opened',
      'ta-closed',
    ]);
  });
});
