import { expect, test } from '../fixtures.js';

test.describe('mounting', () => {
  test('when the script is included twice, then there is one element, one launcher and no error', async ({
    page,
    widget,
  }) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await widget.goto('/double.html');
    await expect(page.locator('textbook-assistant')).toHaveCount(1);
    await expect(page.getByRole('button', { name: 'Open Textbook assistant' })).toHaveCount(1);
    expect(errors).toEqual([]);
  });

  test('when the script tag has data-open and data-max-results, then they reach the element', async ({
    page,
    bff,
    hostServer,
  }) => {
    await page.goto('/empty.html');
    await page.evaluate((src) => {
      const script = document.createElement('script');
      script.src = src;
      script.dataset.apiBase = location.origin;
      script.dataset.open = '';
      script.dataset.maxResults = '3';
      document.body.append(script);
    }, `${hostServer.url}/widget/textbook-assistant.iife.js?mount`);
    // The first copy (no data-api-base) only defined the element; this one mounts it, open.
    const dialog = page.getByRole('dialog', { name: 'Textbook assistant' });
    await expect(dialog).toBeVisible();
    const input = dialog.getByRole('textbox', { name: 'Your question' });
    await input.fill('How many sources?');
    await input.press('Enter');
    await expect(dialog.locator('[part~="answer"]')).toBeVisible();
    expect(bff.requestsTo('POST /query')[0]!.body).toEqual({ query: 'How many sources?', max_results: 3 });
  });

  test('when the script tag has no data-api-base, then it defines the element without mounting one', async ({
    page,
  }) => {
    await page.goto('/empty.html');
    expect(await page.evaluate(() => !!customElements.get('textbook-assistant'))).toBe(true);
    await expect(page.locator('textbook-assistant')).toHaveCount(0);
  });
});
