import type { Page } from '@playwright/test';
import { docusaurusBuildMissing } from '../support/docusaurus-server.js';
import { expect, test } from '../support/journey-fixtures.js';

interface Marked {
  __pageLoadMarker?: string;
}

/** Docusaurus hydrates #__docusaurus; a click before that would be a full page load. */
async function waitForHydration(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const root = document.getElementById('__docusaurus');
    return !!root && Object.keys(root).some((k) => k.startsWith('__reactContainer'));
  });
}

test('when a reader chats on the Docusaurus site and navigates the sidebar, then one widget keeps the conversation', async ({
  page,
  servers,
  widget,
  shot,
}) => {
  const missing = docusaurusBuildMissing();
  test.skip(!!missing, missing);

  await page.goto(`${servers.docusaurusUrl}/control/pid`);
  await expect(page.getByRole('heading', { level: 1, name: 'PID Control' })).toBeVisible();
  await waitForHydration(page);
  await expect(page.locator('textbook-assistant')).toHaveCount(1);
  // The plugin's script tag was pointed at the BFF under test by the e2e server.
  await expect(page.locator('textbook-assistant')).toHaveAttribute('api-base', servers.bffUrl);
  await page.evaluate(() => {
    (window as Marked).__pageLoadMarker = 'first load';
    (document.querySelector('textbook-assistant') as HTMLElement & Marked).__pageLoadMarker = 'same element';
  });
  await shot('docusaurus-01-pid-page');

  await widget.open();
  await widget.ask('How does a PID controller work?');
  const turn = await widget.answer(0);
  await expect(turn.locator('[part~="answer"]')).toContainText('PID');
  // Citations link to this very site (the BFF ingested it with this origin as base URL).
  await expect(turn.getByRole('link', { name: /PID Control/ }).first()).toHaveAttribute(
    'href',
    new RegExp(`^${servers.docusaurusUrl}/control/pid`),
  );
  const answerText = await turn.locator('[part~="answer"]').innerText();
  await shot('docusaurus-02-answer');
  await page.keyboard.press('Escape');
  await expect(widget.dialog).toBeHidden();

  const sidebar = page.getByRole('navigation', { name: 'Docs sidebar' });
  const steps = [
    { link: /Kinematics/, path: '/control/kinematics', heading: 'Kinematics of Arms and Legs' },
    {
      link: /Balance and ZMP/,
      path: '/control/balance-and-zmp',
      heading: 'Bipedal Balance and the Zero Moment Point',
    },
    { link: /PID Control/, path: '/control/pid', heading: 'PID Control' },
  ];
  for (const [i, step] of steps.entries()) {
    await sidebar.getByRole('link', { name: step.link }).click();
    await expect(page).toHaveURL(`${servers.docusaurusUrl}${step.path}`);
    await expect(page.getByRole('heading', { level: 1, name: step.heading })).toBeVisible();
    // No full reload: what this document set on window and on the element is still there.
    expect(await page.evaluate(() => (window as Marked).__pageLoadMarker)).toBe('first load');
    await expect(page.locator('textbook-assistant')).toHaveCount(1);
    expect(
      await page.evaluate(
        () => (document.querySelector('textbook-assistant') as HTMLElement & Marked).__pageLoadMarker,
      ),
    ).toBe('same element');
    await shot(`docusaurus-0${3 + i}-${step.path.split('/').at(-1)}`);
  }

  await widget.open();
  await expect(widget.dialog.locator('.turn')).toHaveCount(1);
  await expect(widget.dialog.locator('[part~="answer"]')).toHaveText(answerText);
  await shot('docusaurus-06-conversation-kept');
});
