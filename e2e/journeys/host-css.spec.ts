import { expect, test } from '../support/journey-fixtures.js';

test('when the host page has aggressive CSS, then a real answer inside the widget is untouched by it', async ({
  page,
  widget,
  shot,
}) => {
  await widget.goto();
  await page.addStyleTag({
    content: `* { color: red !important; font-size: 40px !important; font-family: serif !important; }
      button { display: none !important; } pre, code { background: yellow !important; }
      p, li, a, ol { margin: 50px !important; padding: 30px !important; }`,
  });
  // The host's rules do apply to the host's own text: the check below can tell the difference.
  expect(await page.locator('#passage').evaluate((el) => getComputedStyle(el).color)).toBe('rgb(255, 0, 0)');
  await expect(widget.launcher).toBeVisible();
  await widget.open();
  await widget.ask('What is physical AI?');
  const turn = await widget.answer(0);
  const paragraph = turn.locator('[part~="answer"] p').first();
  const link = turn.locator('[part="citations"] a').first();
  await expect(link).toBeVisible();
  const styles = await Promise.all(
    [paragraph, link].map((l) =>
      l.evaluate((el) => {
        const s = getComputedStyle(el);
        return {
          color: s.color,
          fontSize: s.fontSize,
          marginTop: s.marginTop,
          serif: s.fontFamily === 'serif',
        };
      }),
    ),
  );
  for (const style of styles) {
    expect(style.color).not.toBe('rgb(255, 0, 0)');
    expect(style.fontSize).not.toBe('40px');
    expect(style.marginTop).not.toBe('50px');
    expect(style.serif).toBe(false);
  }
  expect(styles[0]).toMatchObject({ color: 'rgb(28, 30, 33)', fontSize: '15px', marginTop: '0px' });
  await expect(widget.dialog.getByRole('button', { name: 'Send question' })).toBeVisible();
  await shot('host-css-01-real-answer');
});
