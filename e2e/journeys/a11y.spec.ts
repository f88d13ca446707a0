import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, signUpViaApi, test, RealWidgetPage } from '../support/journey-fixtures.js';

async function expectNoViolations(page: Page, label: string): Promise<void> {
  const results = await new AxeBuilder({ page }).include('textbook-assistant').analyze();
  // A run that checked nothing would pass vacuously.
  expect(results.passes.length, `axe checked nothing in ${label}`).toBeGreaterThan(0);
  const summary = results.violations.map(
    (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
  expect(summary, `axe violations in ${label}`).toEqual([]);
}

test('when each view shows real data from the BFF, then axe finds no violations', async ({
  browser,
  servers,
  email,
  shot,
}) => {
  // AxeBuilder needs a page from browser.newContext() (see shared/NOTES.md).
  const context = await browser.newContext({ baseURL: servers.pagesUrl });
  try {
    const page = await context.newPage();
    const widget = new RealWidgetPage(page, servers.bffUrl);
    await widget.goto();
    await widget.open();
    await widget.ask('What is physical AI?');
    const answer = await widget.answer(0);
    await expect(answer.locator('[part="citations"] a').first()).toBeVisible();
    await expectNoViolations(page, 'chat with an answer');
    await shot('a11y-01-chat-answer', page);

    await widget.tab('Sign in').click();
    await widget.dialog.getByRole('button', { name: 'Create an account' }).click();
    await expect(widget.dialog.getByRole('heading', { name: 'Create an account' })).toBeVisible();
    await expectNoViolations(page, 'sign-up form');
    await shot('a11y-02-signup-form', page);

    await signUpViaApi(context.request, servers, email, {
      software_experience: 'Advanced',
      hardware_experience: 'Basic',
      interests: ['ROS 2', 'Simulation'],
    });
    await page.reload();
    await widget.open();
    await widget.tab('Account').click();
    await expect(widget.dialog.getByRole('heading', { name: 'Your profile' })).toBeVisible();
    await expect(widget.dialog.getByText(email)).toBeVisible();
    await expectNoViolations(page, 'signed-in account view');
    await shot('a11y-03-account', page);

    await widget.tab('Chat').click();
    // A how-to question: the Advanced answer carries the book's code (a "what is" answer need not).
    await widget.ask('How do I implement a PID controller in Python?');
    const personalized = await widget.answer(1);
    await expect(personalized.locator('[part="personalization"]')).toContainText('Advanced reader');
    await expect(personalized.locator('pre code')).toBeVisible();
    await expectNoViolations(page, 'personalized answer with a code block');
    await shot('a11y-04-personalized-answer', page);
  } finally {
    await context.close();
  }
});
