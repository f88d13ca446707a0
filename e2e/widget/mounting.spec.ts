import { anyCopyOf, expect, test } from '../fixtures.js';

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

  test('when the lazily loaded Markdown renderer cannot load, then answers still show, as plain text', async ({
    page,
    bff,
    widget,
  }) => {
    await page.route(anyCopyOf('textbook-assistant.markdown.js'), (route) => route.abort('failed'));
    bff.answer = { ...bff.answer, answer: 'A **bold** claim <img src=x onerror="window.__pwned=1">' };
    await widget.goto();
    await widget.open();
    await widget.ask('Anything?');
    const answer = widget.dialog.locator('[part~="answer"]');
    await expect(answer).toHaveText('A **bold** claim <img src=x onerror="window.__pwned=1">');
    await expect(answer.locator('strong, img')).toHaveCount(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  });

  test('when the panel first opens, then the Markdown renderer is fetched once, next to the script', async ({
    page,
    widget,
  }) => {
    const fetched: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('textbook-assistant.markdown.js')) fetched.push(new URL(r.url()).pathname);
    });
    await widget.goto();
    await page.waitForTimeout(300);
    expect(fetched).toEqual([]);
    await widget.open();
    await expect.poll(() => fetched).toEqual(['/widget/textbook-assistant.markdown.js']);
    await page.keyboard.press('Escape');
    await widget.open();
    await page.waitForTimeout(300);
    expect(fetched).toHaveLength(1);
  });

  test('when the Account tab first shows, then its views are fetched once, next to the script, not on open', async ({
    page,
    widget,
  }) => {
    const fetched: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('textbook-assistant.account.js')) fetched.push(new URL(r.url()).pathname);
    });
    await widget.goto();
    await widget.open();
    await widget.ask('What is a lidar?');
    await expect(widget.dialog.locator('[part~="message-assistant"]')).toHaveCount(1);
    expect(fetched).toEqual([]); // reading and asking never need it
    await widget.tab('Sign in').click();
    await expect(widget.dialog.getByLabel('Email')).toBeVisible();
    expect(fetched).toEqual(['/widget/textbook-assistant.account.js']);
    // Styled by the chunk's own styles (adopted into the shadow root), not left unstyled.
    const form = widget.dialog.locator('form[part~="form"]');
    await expect(form).toHaveCSS('display', 'grid');
    await widget.tab('Chat').click();
    await widget.tab('Sign in').click();
    await expect(widget.dialog.getByLabel('Email')).toBeVisible();
    expect(fetched).toHaveLength(1);
  });

  test('when the Account tab cannot load, then it says so and Try again loads it', async ({
    page,
    widget,
  }) => {
    const accountChunk = anyCopyOf('textbook-assistant.account.js');
    await page.route(accountChunk, (route) => route.abort('failed'));
    await widget.goto();
    await widget.openAccount();
    await expect(widget.dialog.getByRole('alert')).toContainText('The account forms could not load');
    await page.unroute(accountChunk);
    await widget.dialog.getByRole('button', { name: 'Try again' }).click();
    // The button goes away with the notice: focus waits on the loading panel, then the first field.
    await expect(widget.dialog.getByLabel('Email')).toBeFocused();
    await expect(widget.dialog.getByRole('alert')).toHaveCount(0);
  });
});
