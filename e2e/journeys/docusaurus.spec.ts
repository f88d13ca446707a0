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

test('when a reader asks in the side panel and follows a sidebar link, then the panel stays open beside the new page with the same conversation', async ({
  page,
  servers,
  widget,
  shot,
}) => {
  const missing = docusaurusBuildMissing();
  test.skip(!!missing, missing);
  await page.setViewportSize({ width: 1280, height: 800 });

  // The plugin's `layout: 'sidepanel'` option, as its script tag's data-layout.
  await page.goto(`${servers.docusaurusUrl}/control/pid?ta-layout=sidepanel`);
  await expect(page.getByRole('heading', { level: 1, name: 'PID Control' })).toBeVisible();
  await waitForHydration(page);
  await expect(page.locator('textbook-assistant')).toHaveAttribute('layout', 'sidepanel');
  await page.evaluate(() => ((window as Marked).__pageLoadMarker = 'first load'));

  await widget.open();
  expect(await widget.dialog.evaluate((d) => d.matches(':modal'))).toBe(false);
  await widget.ask('How does a PID controller work?');
  const turn = await widget.answer(0);
  await expect(turn.locator('[part~="answer"]')).toContainText('PID');
  const answerText = await turn.locator('[part~="answer"]').innerText();

  /** The page's content (the navbar and the article) ends where the docked panel begins. */
  const expectReflowed = async (): Promise<void> => {
    const panel = (await widget.dialog.boundingBox())!;
    expect(panel.x + panel.width).toBe(1280);
    expect(panel.height).toBe(800);
    for (const content of [page.locator('nav.navbar'), page.locator('article').first()]) {
      await expect(content).toBeVisible();
      const box = (await content.boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(panel.x + 1);
    }
  };
  await expectReflowed();
  await shot('docusaurus-sidepanel-01-pid');

  const sidebar = page.getByRole('navigation', { name: 'Docs sidebar' });
  for (const step of [
    { link: /Kinematics/, path: '/control/kinematics', heading: 'Kinematics of Arms and Legs' },
    { link: /Balance and ZMP/, path: '/control/balance-and-zmp', heading: /Bipedal Balance/ },
  ]) {
    await sidebar.getByRole('link', { name: step.link }).click();
    await expect(page).toHaveURL(`${servers.docusaurusUrl}${step.path}`);
    await expect(page.getByRole('heading', { level: 1, name: step.heading })).toBeVisible();
    expect(await page.evaluate(() => (window as Marked).__pageLoadMarker)).toBe('first load');
    // Still open, docked, with the conversation, and the new page reflowed beside it.
    await expect(widget.dialog).toBeVisible();
    expect(await widget.dialog.evaluate((d) => d.matches(':modal'))).toBe(false);
    await expect(widget.dialog.locator('.turn')).toHaveCount(1);
    await expect(widget.dialog.locator('[part~="answer"]')).toHaveText(answerText);
    await expect(page.locator('html')).toHaveClass(/(^|\s)ta-sidepanel-open(\s|$)/);
    await expectReflowed();
  }
  await shot('docusaurus-sidepanel-02-after-navigation');

  // Closing gives the page its full width back.
  await widget.dialog.getByRole('button', { name: /Close/ }).click();
  await expect(widget.dialog).toBeHidden();
  await expect(page.locator('html')).not.toHaveClass(/(^|\s)ta-sidepanel-open(\s|$)/);
  const navbar = (await page.locator('nav.navbar').boundingBox())!;
  expect(navbar.x + navbar.width).toBe(1280);
});
