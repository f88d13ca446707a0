import { expect, test } from '../fixtures.js';
import { makeAnswer } from '../support/mock-bff.js';

test('when an answer carries script, event handlers and javascript: links, then it renders inert', async ({
  page,
  bff,
  widget,
}) => {
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  bff.answer = makeAnswer({
    answer: [
      'Safe **bold** and a [book link](https://book.example.org/docs/intro).',
      '<script>window.__pwned = "script"</script>',
      '<img src="x" onerror="window.__pwned = \'img\'; alert(1)">',
      '[x](javascript:alert(1)) and <a href="javascript:alert(2)" onclick="alert(3)">y</a>',
      '<iframe src="javascript:alert(4)"></iframe><svg onload="alert(5)"></svg>',
    ].join('\n\n'),
    citations: [
      {
        title: 'Evil citation',
        url: 'javascript:alert(6)',
        heading_path: ['Nope'],
        source_path: 'x.md',
        snippet: '',
        score: 0.1,
      },
    ],
  });
  await widget.goto();
  await widget.open();
  await widget.ask('Try to break out');
  const answer = widget.dialog.locator('[part~="answer"]');
  await expect(answer.locator('strong')).toHaveText('bold');
  await expect(widget.dialog.locator('[part="personalization"]')).toBeVisible();

  const bookLink = answer.getByRole('link', { name: 'book link' });
  await expect(bookLink).toHaveAttribute('href', 'https://book.example.org/docs/intro');
  await expect(bookLink).toHaveAttribute('target', '_blank');
  await expect(bookLink).toHaveAttribute('rel', 'noopener noreferrer');

  const html = await answer.evaluate((el) => el.innerHTML);
  expect(html).not.toMatch(/<script|onerror|onclick|onload|javascript:|<iframe/i);
  expect(await answer.locator('a[href^="javascript"]').count()).toBe(0);
  const evil = widget.dialog.locator('[part="citation"]', { hasText: 'Evil citation' });
  await expect(evil).not.toHaveAttribute('href', /.*/);

  // Give a lazily-failing <img> time to fire its (removed) handler.
  await page.waitForTimeout(300);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned)).toBeUndefined();
  expect(dialogs).toEqual([]);
});
