import type { Locator, Page } from '@playwright/test';
import { expect, PASSWORD, signUpViaApi, test } from '../support/journey-fixtures.js';

/** Presses `key` until `target` has focus (at most `max` times), as a keyboard user would. */
async function pressUntilFocused(page: Page, key: string, target: Locator, max = 12): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el.matches(':focus'))) return;
    await page.keyboard.press(key);
  }
  await expect(target).toBeFocused();
}

test('when a reader uses only the keyboard, then they can sign in and ask a personalized question', async ({
  page,
  context,
  request,
  servers,
  widget,
  email,
  shot,
}) => {
  await signUpViaApi(request, servers, email, {
    software_experience: 'Beginner',
    hardware_experience: 'None',
    interests: ['Control'],
  });
  await widget.goto();
  const keys = page.keyboard;
  await keys.press('Tab');
  await expect(widget.launcher).toBeFocused();
  await keys.press('Enter');
  await expect(widget.input).toBeFocused();
  // Send → Close → the Chat tab (focus is trapped in the dialog and wraps around).
  await keys.press('Tab');
  await keys.press('Tab');
  await keys.press('Tab');
  await expect(widget.tab('Chat')).toBeFocused();
  await keys.press('ArrowRight');
  await expect(widget.tab('Sign in')).toHaveAttribute('aria-selected', 'true');
  await keys.press('Tab');
  await expect(widget.dialog.getByLabel('Email')).toBeFocused();
  await keys.type(email);
  await keys.press('Tab');
  await expect(widget.dialog.getByLabel('Password')).toBeFocused();
  await keys.type(PASSWORD);
  await shot('keyboard-01-signin-typed');
  await keys.press('Enter');
  await expect(widget.dialog.getByRole('heading', { name: 'Your profile' })).toBeVisible();
  await expect(widget.dialog.getByText(email)).toBeVisible();
  expect((await context.cookies()).map((c) => c.name).sort()).toEqual(['ta_access', 'ta_refresh']);
  await shot('keyboard-02-signed-in');

  // Back to Chat with the arrow keys, and ask with Enter.
  await pressUntilFocused(page, 'Shift+Tab', widget.tab('Account'));
  await keys.press('ArrowLeft');
  await expect(widget.tab('Chat')).toHaveAttribute('aria-selected', 'true');
  await pressUntilFocused(page, 'Tab', widget.input);
  await keys.type('How does a PID controller work?');
  await keys.press('Enter');
  const turn = await widget.answer(0);
  await expect(turn.locator('[part="personalization"]')).toHaveText(
    'Answered for a Beginner reader interested in Control',
  );
  await shot('keyboard-03-answer');
  await keys.press('Escape');
  await expect(widget.dialog).toBeHidden();
  await expect(widget.launcher).toBeFocused();
});
