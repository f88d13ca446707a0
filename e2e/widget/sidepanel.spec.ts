import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test, type WidgetPage } from '../fixtures.js';

async function asSidePanel(page: Page, widget: WidgetPage, width: number): Promise<void> {
  await page.setViewportSize({ width, height: 800 });
  await widget.goto();
  await page.locator('textbook-assistant').evaluate((el) => el.setAttribute('layout', 'sidepanel'));
}

const isModal = (widget: WidgetPage) => widget.dialog.evaluate((d) => d.matches(':modal'));

test('when layout="sidepanel" on a 1280 px screen, then the assistant docks beside the page, which reflows and stays usable', async ({
  page,
  widget,
}) => {
  await asSidePanel(page, widget, 1280);
  await widget.open();
  expect(await isModal(widget)).toBe(false);
  await expect(widget.dialog).toHaveAttribute('aria-modal', 'false');
  const panel = (await widget.dialog.boundingBox())!;
  expect(panel).toMatchObject({ x: 880, y: 0, width: 400, height: 800 });
  await expect(page.locator('html')).toHaveClass(/ta-sidepanel-open/);
  // The page reflowed: its text ends before the panel starts, and can still be clicked and selected.
  const passage = (await page.locator('#passage').boundingBox())!;
  expect(passage.x + passage.width).toBeLessThanOrEqual(panel.x);
  const hit = await page.evaluate(
    ([x, y]) => document.elementFromPoint(x!, y!)?.id,
    [passage.x + 10, passage.y + 5],
  );
  expect(hit).toBe('passage');

  await widget.ask('What does a Kalman filter do?');
  await expect(widget.dialog.locator('[part="personalization"]')).toBeVisible();
  const axe = await new AxeBuilder({ page }).include('textbook-assistant').analyze();
  expect(axe.violations.map((v) => v.id)).toEqual([]);
  await widget.screenshot('sidepanel-light');
  await page.evaluate(() => document.documentElement.setAttribute('data-theme', 'dark'));
  await expect(widget.dialog).toHaveCSS('background-color', 'rgb(27, 27, 29)');
  const dark = await new AxeBuilder({ page }).include('textbook-assistant').analyze();
  expect(dark.violations.map((v) => v.id)).toEqual([]);
  await widget.screenshot('sidepanel-dark');

  // Escape (or the close button) closes it; the page takes its full width back.
  await page.keyboard.press('Escape');
  await expect(widget.dialog).toBeHidden();
  await expect(page.locator('html')).not.toHaveClass(/ta-sidepanel-open/);
  await expect(widget.launcher).toBeFocused();
});

// The panel docks on the right whatever way the host's text runs: the page makes room on that side.
for (const [flow, css] of [
  ['left to right', ''],
  ['right to left', 'html { direction: rtl }'],
  ['vertically (writing-mode: vertical-rl)', 'html { writing-mode: vertical-rl }'],
  ['vertically right to left', 'html { writing-mode: vertical-lr; direction: rtl }'],
] as const) {
  test(`when the host page's text runs ${flow}, then the docked panel reflows it without covering any`, async ({
    page,
    widget,
  }) => {
    await asSidePanel(page, widget, 1280);
    if (css) await page.addStyleTag({ content: css });
    await widget.open();
    const panel = (await widget.dialog.boundingBox())!;
    expect(panel).toMatchObject({ x: 880, width: 400 });
    for (const text of await page.locator('main > *').all()) {
      const box = (await text.boundingBox())!;
      expect(box.width).toBeGreaterThan(0);
      expect(box.x + box.width).toBeLessThanOrEqual(panel.x);
    }
  });
}

test('when a single-page host rewrites <html> attributes on a route change, then the docked panel keeps the page reflowed', async ({
  page,
  widget,
}) => {
  await asSidePanel(page, widget, 1280);
  await widget.open();
  // What react-helmet (Docusaurus) does on each client-side route change, and a host resetting styles.
  await page.evaluate(() => (document.documentElement.className = 'docs-wrapper docs-doc-page'));
  await expect(page.locator('html')).toHaveClass('docs-wrapper docs-doc-page ta-sidepanel-open');
  await page.evaluate(() => document.documentElement.removeAttribute('style'));
  await expect(page.locator('html')).toHaveCSS('--ta-sidepanel-width', '400px');
  const passage = (await page.locator('#passage').boundingBox())!;
  expect(passage.x + passage.width).toBeLessThanOrEqual((await widget.dialog.boundingBox())!.x);
  // Closed, it leaves the host's own class alone.
  await page.keyboard.press('Escape');
  await expect(page.locator('html')).toHaveClass('docs-wrapper docs-doc-page');
  await expect(page.locator('html')).not.toHaveAttribute('style', /--ta-sidepanel-width/);
});

test('when the side panel is resized with the keyboard or a pointer, then the width follows and is remembered', async ({
  page,
  widget,
}) => {
  await asSidePanel(page, widget, 1280);
  await widget.open();
  const separator = widget.dialog.getByRole('separator', { name: 'Resize the assistant' });
  await expect(separator).toHaveAttribute('aria-valuenow', '400');
  await separator.focus();
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await expect(separator).toHaveAttribute('aria-valuenow', '432');
  expect((await widget.dialog.boundingBox())!.width).toBe(432);
  await page.keyboard.press('Home');
  await expect(separator).toHaveAttribute('aria-valuenow', '320');
  await page.keyboard.press('End');
  await expect(separator).toHaveAttribute('aria-valuenow', '720');
  await page.keyboard.press('ArrowRight');
  await expect(separator).toHaveAttribute('aria-valuenow', '704');

  const handle = (await separator.boundingBox())!;
  await page.mouse.move(handle.x + 2, handle.y + 300);
  await page.mouse.down();
  await page.mouse.move(780, handle.y + 300, { steps: 5 });
  await page.mouse.up();
  await expect(separator).toHaveAttribute('aria-valuenow', '500');
  await expect(page.locator('html')).toHaveCSS('--ta-sidepanel-width', '500px');

  await page.reload();
  await page.locator('textbook-assistant').evaluate((el) => el.setAttribute('layout', 'sidepanel'));
  await widget.open();
  expect((await widget.dialog.boundingBox())!.width).toBe(500);
});

test('when a reader uses only the keyboard, then the side panel opens, resizes, lets focus leave for the page and closes with Escape', async ({
  page,
  widget,
}) => {
  await asSidePanel(page, widget, 1280);
  await page.keyboard.press('Tab');
  await expect(widget.launcher).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(widget.input).toBeFocused();
  await widget.ask('What does a Kalman filter do?');
  await expect(widget.dialog.locator('[part="personalization"]')).toBeVisible();
  // Back through the whole panel to its resize handle, without a mouse.
  const separator = widget.dialog.getByRole('separator', { name: 'Resize the assistant' });
  const focused = () => separator.evaluate((el) => el.matches(':focus'));
  for (let i = 0; i < 40 && !(await focused()); i++) await page.keyboard.press('Shift+Tab');
  await expect(separator).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  await expect(separator).toHaveAttribute('aria-valuenow', '416');
  // Not a focus trap: one more Shift+Tab reaches the page, and the panel stays open.
  await page.keyboard.press('Shift+Tab');
  expect(await page.evaluate(() => document.activeElement?.localName)).not.toBe('textbook-assistant');
  await expect(widget.dialog).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(separator).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(widget.dialog).toBeHidden();
  await expect(widget.launcher).toBeFocused();
});

test('when layout="sidepanel" on a 360 px screen, then it falls back to the modal dialog', async ({
  page,
  widget,
}) => {
  await asSidePanel(page, widget, 360);
  await widget.open();
  expect(await isModal(widget)).toBe(true);
  await expect(widget.dialog).toHaveAttribute('aria-modal', 'true');
  await expect(widget.dialog.getByRole('separator')).toHaveCount(0);
  await expect(page.locator('html')).not.toHaveClass(/ta-sidepanel-open/);
  // (polled: the dialog rises in with a short scale animation)
  await expect.poll(async () => (await widget.dialog.boundingBox())!.width).toBe(360);
  // Widening the window while it is open docks it, keeping what was typed.
  await widget.input.fill('Half-typed question');
  await page.setViewportSize({ width: 1280, height: 800 });
  await expect.poll(() => isModal(widget)).toBe(false);
  await expect(widget.input).toHaveValue('Half-typed question');
});
