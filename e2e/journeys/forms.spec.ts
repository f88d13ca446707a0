import { expect, test } from '../support/journey-fixtures.js';

/**
 * Every printable ASCII character that is neither a letter nor a digit (the space, and the seed
 * plan's `@$!%*?&` among them), and symbols beyond ASCII: each alone must satisfy the rule.
 */
const SYMBOLS = [
  ...[...Array(95).keys()].map((i) => String.fromCharCode(32 + i)).filter((c) => !/[A-Za-z0-9]/.test(c)),
  '€',
  '·',
  '—',
  '¿',
  '🤖',
];
/** Letters and digits of other scripts are letters and digits: these have no special character. */
const NOT_SPECIAL = ['Robots4ever', 'Robots4everé', 'Robots4ever٣', 'Robøts4ëver'];
const withSymbol = (symbol: string) => `Robots${symbol}4ever`;
const PROFILE = { software_experience: 'Beginner', hardware_experience: 'None', interests: [] };

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
  expect(SYMBOLS).toHaveLength(38);
  for (const symbol of SYMBOLS) {
    await password.fill(withSymbol(symbol));
    await expect(special, symbol).toHaveClass('met');
  }
  for (const candidate of NOT_SPECIAL) {
    await password.fill(candidate);
    await expect(special, candidate).toHaveClass('unmet');
  }

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

test('when passwords differ only in their special character, then the BFF takes every symbol the form takes, and refuses the rest in sentences', async ({
  request,
  servers,
  email,
}) => {
  const signUp = (address: string, password: string) =>
    request.post(`${servers.bffUrl}/api/v1/auth/signup`, {
      headers: { Origin: servers.pagesUrl },
      data: { email: address, password, ...PROFILE },
    });
  for (const [i, symbol] of SYMBOLS.entries()) {
    const res = await signUp(email.replace('@', `+${i}@`), withSymbol(symbol));
    expect(res.status(), `${JSON.stringify(symbol)}: ${await res.text()}`).toBe(201);
  }
  for (const [i, password] of NOT_SPECIAL.entries()) {
    const res = await signUp(email.replace('@', `+no${i}@`), password);
    expect(res.status(), password).toBe(400);
    const { error } = (await res.json()) as { error: { message: string } };
    expect(error.message, password).toMatch(SENTENCE);
  }
});

/** What a reader can be refused with, by the real BFF, on the sign-in and sign-up forms. */
const REFUSALS = [
  {
    name: 'a wrong password',
    form: 'signin',
    fill: (email: string): [string, string] => [email, 'Wrong#pass1'],
  },
  {
    name: 'an email with no account',
    form: 'signin',
    fill: (email: string): [string, string] => [email.replace('@', '+nobody@'), 'Robots#4ever'],
  },
  {
    name: 'an email already registered',
    form: 'signup',
    fill: (email: string): [string, string] => [email, 'Robots#4ever'],
  },
] as const;

for (const refusal of REFUSALS) {
  test(`when the BFF refuses ${refusal.name}, then every message the form shows is a whole sentence`, async ({
    page,
    request,
    servers,
    widget,
    email,
  }) => {
    const created = await request.post(`${servers.bffUrl}/api/v1/auth/signup`, {
      headers: { Origin: servers.pagesUrl },
      data: { email, password: 'Robots#4ever', ...PROFILE },
    });
    expect(created.status()).toBe(201);
    await widget.goto();
    await widget.openAccount();
    if (refusal.form === 'signup')
      await widget.dialog.getByRole('button', { name: 'Create an account' }).click();
    const [address, password] = refusal.fill(email);
    await widget.dialog.getByLabel('Email').fill(address);
    await widget.dialog.getByLabel('Password', { exact: true }).fill(password);
    const refused = page.waitForResponse((r) => r.url().includes('/api/v1/auth/sign') && r.status() >= 400);
    await widget.dialog
      .getByRole('button', { name: refusal.form === 'signup' ? 'Create account' : 'Sign in', exact: true })
      .click();
    await refused;
    const shown = widget.dialog.locator('[role="alert"], [part~="field-error"]');
    await expect(shown.first()).toBeVisible();
    const messages = (await shown.allInnerTexts()).map((m) => m.trim()).filter(Boolean);
    expect(messages.length).toBeGreaterThan(0);
    for (const message of messages) expect(message).toMatch(SENTENCE);
  });
}
