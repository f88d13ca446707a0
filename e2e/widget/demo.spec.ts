import { expect, test } from '../fixtures.js';
import { MockBff } from '../support/mock-bff.js';

// The demo page talks to http://localhost:8787 (another origin): this pins the credentialed CORS path too.
test('when the demo page loads the widget from its script tag, then a reader can ask about a passage', async ({
  page,
  widget,
}) => {
  const bff = new MockBff('http://localhost:8787');
  await bff.install(page);
  await page.setViewportSize({ width: 1280, height: 800 });
  await widget.goto('/demo/');
  await widget.screenshot('demo-page');
  const passage = page.getByText('Because every sensor is wrong in its own way');
  await passage.scrollIntoViewIfNeeded();
  await passage.selectText();
  await page.getByRole('button', { name: 'Ask about this' }).click();
  await widget.ask('Why combine sensors?');
  await expect(widget.dialog.locator('[part~="answer"]')).toContainText('Kalman filter');
  const [query] = bff.requestsTo('POST /query');
  expect(query!.headers.origin).toBe(new URL(page.url()).origin);
  expect((query!.body as { selected_text: string }).selected_text).toContain('Because every sensor is wrong');
  await widget.screenshot('demo-answer');
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: /Switch between dark and light mode/ }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await widget.open();
  await widget.screenshot('demo-answer-dark');
});
