import type { BrowserContext } from '@playwright/test';
import { expect, PASSWORD, signUpViaApi, test } from '../support/journey-fixtures.js';

const QUESTION = 'How does a PID controller work?';

async function cookieNames(context: BrowserContext): Promise<string[]> {
  return (await context.cookies()).map((c) => c.name).sort();
}

test('when a reader who signed in reloads the page, then the session is still there', async ({
  page,
  context,
  request,
  servers,
  widget,
  email,
  shot,
}) => {
  // The account exists; the browser has no session yet (`request` does not share its cookies).
  await signUpViaApi(request, servers, email, {
    software_experience: 'Intermediate',
    hardware_experience: 'Basic',
    interests: ['Humanoids'],
  });
  expect(await cookieNames(context)).toEqual([]);
  await widget.goto();
  await widget.openAccount();
  await widget.dialog.getByLabel('Email').fill(email);
  await widget.dialog.getByLabel('Password').fill(PASSWORD);
  await widget.dialog.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(widget.dialog.getByRole('heading', { name: 'Your profile' })).toBeVisible();
  expect(await cookieNames(context)).toEqual(['ta_access', 'ta_refresh']);
  await shot('session-01-signed-in');

  await page.reload();
  await widget.open();
  await expect(widget.tab('Account')).toBeVisible();
  await expect(widget.tab('Sign in')).toHaveCount(0);
  await widget.ask(QUESTION);
  const turn = await widget.answer(0);
  await expect(turn.locator('[part="personalization"]')).toHaveText(
    'Answered for an Intermediate reader interested in Humanoids',
  );
  await widget.tab('Account').click();
  await expect(widget.dialog.getByText(email)).toBeVisible();
  await shot('session-02-after-reload');
});

test('when the access cookie has expired, then the widget refreshes silently and stays signed in', async ({
  page,
  context,
  servers,
  widget,
  email,
  shot,
}) => {
  await signUpViaApi(page.request, servers, email, {
    software_experience: 'Advanced',
    hardware_experience: 'Advanced',
    interests: ['Control'],
  });
  const before = await context.cookies();
  const refreshBefore = before.find((c) => c.name === 'ta_refresh')!.value;
  // A browser that lost the access cookie altogether (cleared, or set by an older BFF).
  await context.clearCookies({ name: 'ta_access' });
  expect(await cookieNames(context)).toEqual(['ta_refresh']);

  const refresh = page.waitForResponse((r) => r.url() === `${servers.bffUrl}/api/v1/auth/refresh`);
  await widget.goto();
  expect((await refresh).status()).toBe(200);
  await widget.open();
  await expect(widget.tab('Account')).toBeVisible();
  await widget.tab('Account').click();
  await expect(widget.dialog.getByText(email)).toBeVisible();
  const after = await context.cookies();
  expect(after.map((c) => c.name).sort()).toEqual(['ta_access', 'ta_refresh']);
  // Rotation: the refresh token the reader held before is not the one they hold now.
  expect(after.find((c) => c.name === 'ta_refresh')!.value).not.toBe(refreshBefore);
  await shot('session-03-refreshed');

  await widget.tab('Chat').click();
  await widget.ask(QUESTION);
  const turn = await widget.answer(0);
  await expect(turn.locator('[part="personalization"]')).toHaveText(
    'Answered for an Advanced reader interested in Control',
  );
});

test('when the access cookie expires while the panel is open, then the next answer is still personalized', async ({
  page,
  context,
  servers,
  widget,
  email,
}) => {
  await signUpViaApi(page.request, servers, email, {
    software_experience: 'Beginner',
    hardware_experience: 'None',
    interests: [],
  });
  await widget.goto();
  await widget.open();
  await expect(widget.tab('Account')).toBeVisible();
  // The access cookie outlives its token; an expired (here: no longer valid) token gets a 401 on
  // /query, the widget refreshes and asks again, and the answer stays personalized.
  const access = (await context.cookies()).find((c) => c.name === 'ta_access')!;
  await context.addCookies([{ ...access, value: `${access.value.slice(0, -2)}xx` }]);
  const refresh = page.waitForResponse((r) => r.url() === `${servers.bffUrl}/api/v1/auth/refresh`);
  await widget.ask(QUESTION);
  expect((await refresh).status()).toBe(200);
  const turn = await widget.answer(0);
  // The answer has finished (answer() waited), so the note is final: no need to wait long.
  await expect(turn.locator('[part="personalization"]')).toHaveText('Answered for a Beginner reader', {
    timeout: 2_000,
  });
});
