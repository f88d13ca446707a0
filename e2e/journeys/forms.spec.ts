import { expect, test } from '../support/journey-fixtures.js';

/** Passwords whose only special character is not one of the old `@$!%*?&`. */
const SYMBOLS = [
  'Robots#4ever',
  'Robots_4ever',
  'Robots~4ever',
  'Robots 4ever',
  'Robots4ever€',
  'Robots-4.ever',
];

/** A message a reader sees whole: it starts with a capital letter and ends with a full stop. */
const SENTENCE = /^[A-Z].*[.!?]$/s;

test('when a reader signs up with any symbol as the special character, then it is accepted, and signing up again with that email says so in a whole sentence', async ({
  page,
  widget,
  email,
  shot,
}) => {
  await widget.goto();
  await widget.openAccount();
  await widget.dialog.getByRole('button', { name: 'Create an account' }).click();
  const password = widget.dialog.getByLabel('Password', { exact: true });
  const special = widget.dialog
    .locator('[part="password-rules"] li')
    .filter({ hasText: 'A special character' });
  await expect(special).toHaveClass('pending');
  for (const candidate of SYMBOLS) {
    await password.fill(candidate);
    await expect(special, candidate).toHaveClass('met');
  }
  await password.fill('Robots4ever');
  await expect(special).toHaveClass('unmet');

  await widget.dialog.getByLabel('Email').fill(email);
  await password.fill('Robots#4ever');
  await expect(widget.dialog.locator('[part="password-rules"] li.unmet')).toHaveCount(0);
  await widget.dialog.getByRole('button', { name: 'Create account' }).click();
  await expect(widget.tab('Account')).toBeVisible(); // the real BFF took the password
  await widget.dialog.getByRole('button', { name: 'Sign out', exact: true }).click();
  await expect(widget.tab('Sign in')).toBeVisible();

  await widget.dialog.getByRole('button', { name: 'Create an account' }).click();
  await widget.dialog.getByLabel('Email').fill(email);
  await password.fill('Robots#4ever');
  await widget.dialog.getByRole('button', { name: 'Create account' }).click();
  const fieldError = widget.dialog.locator('#signup-email-error');
  await expect(fieldError).toContainText('already registered');
  expect((await fieldError.innerText()).trim()).toMatch(SENTENCE);
  for (const alert of await widget.dialog.getByRole('alert').all())
    expect((await alert.innerText()).trim()).toMatch(SENTENCE);
  await shot('forms-01-duplicate-sign-up', page);
});
