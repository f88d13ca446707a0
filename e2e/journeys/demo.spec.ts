import { readFile } from 'node:fs/promises';
import { docusaurusBuildMissing } from '../support/docusaurus-server.js';
import { expect, PASSWORD, recordProblems, signUpViaApi, test } from '../support/journey-fixtures.js';

const HOSTS = [
  { name: 'the demo page', url: (s: { demoUrl: string }) => `${s.demoUrl}/` },
  { name: 'the Docusaurus example', url: (s: { docusaurusUrl: string }) => `${s.docusaurusUrl}/control/pid` },
  {
    name: 'the Docusaurus example with the side panel',
    url: (s: { docusaurusUrl: string }) => `${s.docusaurusUrl}/control/pid?ta-layout=sidepanel`,
  },
];

for (const host of HOSTS) {
  test(`when an anonymous reader loads ${host.name}, asks and opens the sign-in form, then no request fails and the console stays clean`, async ({
    page,
    servers,
    widget,
  }) => {
    if (host.name.includes('Docusaurus')) {
      const missing = docusaurusBuildMissing();
      test.skip(!!missing, missing);
    }
    const problems = recordProblems(page);
    const session = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/session'));
    await page.goto(host.url(servers));
    expect((await session).status()).toBe(200);
    await widget.open();
    await widget.ask('How does a PID controller work?');
    const answer = widget.dialog.locator('[part~="message-assistant"]');
    await expect(answer).toHaveAttribute('aria-busy', 'false', { timeout: 30_000 });
    await expect(answer.locator('[part~="answer"]')).toContainText('PID');
    // The Account tab's lazy chunk, loaded now, from beside the script.
    await widget.tab('Sign in').click();
    await expect(widget.dialog.getByLabel('Email')).toBeVisible();
    await page.waitForLoadState('networkidle');
    expect(problems).toEqual([]);
  });
}

/** The first link of the newest mail to `email` whose subject has `subject`, as the demo printed it. */
async function printedLink(logFile: string, email: string, subject: string): Promise<string> {
  let line = '';
  await expect(async () => {
    const output = await readFile(logFile, 'utf8');
    const mail = output.lastIndexOf(`Mail to ${email}: ${subject}`);
    expect(mail).toBeGreaterThan(-1);
    line = /https?:\/\/\S+/.exec(output.slice(mail))![0];
  }).toPass({ timeout: 15_000 });
  return line;
}

test('when a reader signs up on the demo, then the demo prints the verification link decoded, and it verifies', async ({
  page,
  servers,
  widget,
  email,
}) => {
  await page.goto(`${servers.demoUrl}/`);
  await widget.openAccount();
  await widget.dialog.getByRole('button', { name: 'Create an account' }).click();
  await widget.dialog.getByLabel('Email').fill(email);
  await widget.dialog.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await widget.dialog.getByRole('button', { name: 'Create account' }).click();
  await expect(widget.tab('Account')).toBeVisible();

  // The demo's own output (the same terminal a reader watches) names the mail and its link.
  const line = await printedLink(servers.logFile, email, 'Confirm your email');
  expect(line).not.toContain('=3D');
  const link = new URL(line);
  expect(link.origin).toBe(servers.demoUrl);
  expect(link.searchParams.get('verify_email')).toMatch(/^[\w-]{20,}$/);
  await page.goto(line);
  await expect(page.locator('textbook-assistant')).toHaveCount(1);
  await expect(widget.dialog.getByText('Email verified.')).toBeVisible();
});

test('when a reader forgets their password on the demo, then the demo prints the reset link decoded, and it sets a new one', async ({
  page,
  request,
  servers,
  widget,
  email,
}) => {
  await signUpViaApi(request, servers, email, {
    software_experience: 'Beginner',
    hardware_experience: 'None',
    interests: [],
  });
  await page.goto(`${servers.demoUrl}/`);
  await widget.openAccount();
  await widget.dialog.getByRole('button', { name: 'Forgot password?' }).click();
  await widget.dialog.getByLabel('Email').fill(email);
  await widget.dialog.getByRole('button', { name: 'Send reset link' }).click();
  await expect(widget.dialog.getByRole('button', { name: 'Send again' })).toBeVisible();

  const line = await printedLink(servers.logFile, email, 'Reset your');
  expect(line).not.toContain('=3D');
  expect(line).not.toMatch(/=\r?$/); // no soft line break either
  expect(new URL(line).origin).toBe(servers.demoUrl);
  await page.goto(line);
  const fresh = 'Fresh#start9';
  await widget.dialog.getByLabel('New password', { exact: true }).fill(fresh);
  await widget.dialog.getByRole('button', { name: 'Set new password' }).click();
  await expect(widget.dialog.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  // The new password is the one that works now.
  const signIn = await request.post(`${servers.bffUrl}/api/v1/auth/signin`, {
    headers: { Origin: servers.pagesUrl },
    data: { email, password: fresh },
  });
  expect(signIn.status(), await signIn.text()).toBe(200);
});
