import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { docusaurusBuildMissing } from '../support/docusaurus-server.js';
import { expect, PASSWORD, test } from '../support/journey-fixtures.js';

/** Everything a page logs or fails to load: console errors, uncaught errors, failed and 4xx/5xx requests. */
function recordProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
  page.on('pageerror', (e) => problems.push(`uncaught: ${e.message}`));
  page.on('requestfailed', (r) =>
    problems.push(`failed: ${r.method()} ${r.url()} ${r.failure()?.errorText}`),
  );
  page.on(
    'response',
    (r) => r.status() >= 400 && problems.push(`${r.status()}: ${r.request().method()} ${r.url()}`),
  );
  return problems;
}

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
  let line = '';
  await expect(async () => {
    const output = await readFile(servers.logFile, 'utf8');
    const mail = output.indexOf(`Mail to ${email}`);
    expect(mail).toBeGreaterThan(-1);
    line = /https?:\/\/\S+/.exec(output.slice(mail))![0];
  }).toPass({ timeout: 15_000 });
  expect(line).not.toContain('=3D');
  const link = new URL(line);
  expect(link.origin).toBe(servers.demoUrl);
  expect(link.searchParams.get('verify_email')).toMatch(/^[\w-]{20,}$/);
  await page.goto(line);
  await expect(page.locator('textbook-assistant')).toHaveCount(1);
  await expect(widget.dialog.getByText('Email verified.')).toBeVisible();
});
