import { expect, test } from '@playwright/test';
import { readProxiedRequests } from '../../bff/test/deploy/support/nginx.js';
import { WidgetPage } from '../fixtures.js';
import { PASSWORD } from '../support/journey-fixtures.js';
import { proxyEnv } from './proxy-env.js';

// A reader on the book's own https origin, where nginx serves the Docusaurus build and passes
// /api/ and /widget/ to two BFF instances in turn. TLS ends at nginx; the BFFs see plain http with
// X-Forwarded-Proto: https, and with COOKIE_SECURE=auto (docs/deployment.md) their cookies are
// Secure only because of that header (bff/test/deploy/two-instances.test.ts shows the same
// instance setting no Secure over plain http without it).

const QUESTION = 'How does a PID controller work?';

test('when a reader signs up on the book behind nginx, reloads, asks and signs out, then the session, the personalized answer and the Secure cookies hold across both instances', async ({
  page,
  context,
}) => {
  const env = proxyEnv();
  const before = (await readProxiedRequests(env.accessLog)).length;
  const widget = new WidgetPage(page);
  const email = `proxy-${Date.now().toString(36)}@example.org`;

  await page.goto(`${env.origin}/control/pid`);
  await expect(page.getByRole('heading', { level: 1, name: 'PID Control' })).toBeVisible();
  await expect(page.locator('textbook-assistant')).toHaveAttribute('api-base', env.origin);

  await widget.openAccount();
  await widget.dialog.getByRole('button', { name: 'Create an account' }).click();
  await widget.dialog.getByLabel('Email').fill(email);
  await widget.dialog.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await widget.dialog.getByLabel('Software experience').selectOption('Beginner');
  await widget.dialog.getByLabel('Hardware experience').selectOption('None');
  const interests = widget.dialog.getByRole('textbox', { name: /Interests/ });
  await interests.fill('Control');
  await interests.press('Enter');
  await widget.dialog.getByRole('button', { name: 'Create account' }).click();
  await expect(widget.dialog.getByRole('heading', { name: 'Your profile' })).toBeVisible();

  // First-party cookies on the book's host, Secure (the proxy said https), HttpOnly, Lax.
  const host = new URL(env.origin).hostname;
  const cookies = (await context.cookies(env.origin + '/api/v1/auth/')).sort((a, b) =>
    a.name.localeCompare(b.name),
  );
  expect(cookies.map((c) => [c.name, c.path])).toEqual([
    ['ta_access', '/api/v1'],
    ['ta_refresh', '/api/v1/auth'],
  ]);
  for (const c of cookies) {
    expect(c).toMatchObject({ domain: host, secure: true, httpOnly: true, sameSite: 'Lax' });
  }

  // Reload: the same session, whichever instance answers the widget's session check.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'PID Control' })).toBeVisible();
  await widget.open();
  await expect(widget.tab('Account')).toBeVisible();
  await expect(widget.tab('Sign in')).toHaveCount(0);
  await widget.tab('Account').click();
  await expect(widget.dialog.getByText(email)).toBeVisible();

  await widget.tab('Chat').click();
  await widget.ask(QUESTION);
  const turn = widget.dialog.locator('.turn').first();
  await expect(turn.locator('[part~="message-assistant"]')).toHaveAttribute('aria-busy', 'false', {
    timeout: 30_000,
  });
  await expect(turn.locator('[part~="answer"]')).toContainText('PID');
  await expect(turn.locator('[part="personalization"]')).toHaveText(
    'Answered for a Beginner reader interested in Control',
  );
  // Citations link to this very site (the book was ingested with the proxy's origin as base URL).
  await expect(turn.getByRole('link', { name: /PID Control/ }).first()).toHaveAttribute(
    'href',
    new RegExp(`^${env.origin}/control/pid`),
  );

  await widget.tab('Account').click();
  await widget.dialog.getByRole('button', { name: 'Sign out', exact: true }).click();
  await expect(widget.tab('Sign in')).toBeVisible();
  expect((await context.cookies(env.origin + '/api/v1/auth/')).map((c) => c.name)).toEqual([]);
  await page.reload();
  await widget.open();
  await expect(widget.tab('Sign in')).toBeVisible();

  // What the journey asked of the BFF went through nginx to both instances, and the widget's own
  // lazy chunks came from the BFF's /widget/ or from the site, never from anywhere else.
  const requests = (await readProxiedRequests(env.accessLog)).slice(before);
  const api = requests.filter((r) => r.path.startsWith('/api/'));
  expect(api.length).toBeGreaterThan(4);
  expect([...new Set(api.map((r) => r.upstream))].sort()).toEqual([...env.instances].sort());
  expect(api.filter((r) => r.status >= 500)).toEqual([]);
  expect(
    requests.filter(
      (r) => !r.path.startsWith('/api/') && !r.path.startsWith('/widget/') && r.upstream !== '',
    ),
  ).toEqual([]);
});
