import { expect, test } from '../fixtures.js';

const background = (el: Element): string => getComputedStyle(el).backgroundColor;

test.describe('theming and isolation', () => {
  test('when the host switches html[data-theme], then the widget follows it at once', async ({
    page,
    widget,
  }) => {
    await widget.goto();
    await widget.open();
    const panel = widget.dialog;
    await expect.poll(() => panel.evaluate(background)).toBe('rgb(255, 255, 255)');
    await page.evaluate(() => document.documentElement.setAttribute('data-theme', 'dark'));
    await expect.poll(() => panel.evaluate(background)).toBe('rgb(27, 27, 29)');
    await widget.ask('What does a Kalman filter do?');
    await expect(widget.dialog.locator('[part="personalization"]')).toBeVisible();
    await widget.screenshot('chat-dark');
    await widget.tab('Sign in').click();
    await widget.screenshot('account-signin-dark');
    await page.evaluate(() => document.documentElement.setAttribute('data-theme', 'light'));
    await expect.poll(() => panel.evaluate(background)).toBe('rgb(255, 255, 255)');
  });

  test('when the host has no data-theme, then prefers-color-scheme decides', async ({ page, widget }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await widget.goto();
    await widget.open();
    await expect.poll(() => widget.dialog.evaluate(background)).toBe('rgb(27, 27, 29)');
    await page.emulateMedia({ colorScheme: 'light' });
    await expect.poll(() => widget.dialog.evaluate(background)).toBe('rgb(255, 255, 255)');
  });

  test('when the viewport is 360 px wide, then the panel fills it and stays usable', async ({
    page,
    widget,
  }) => {
    await page.setViewportSize({ width: 360, height: 740 });
    await widget.goto();
    await widget.screenshot('mobile-launcher');
    await widget.open();
    // Polled: the opening animation scales the panel for a few frames.
    await expect
      .poll(() => widget.dialog.boundingBox())
      .toMatchObject({ x: 0, y: 0, width: 360, height: 740 });
    await widget.ask('What does a Kalman filter do?');
    await expect(widget.dialog.locator('[part~="answer"]')).toBeVisible();
    const scrollWidth = await widget.dialog.evaluate((el) => el.scrollWidth);
    expect(scrollWidth).toBeLessThanOrEqual(360);
    await widget.screenshot('mobile-chat');
    await widget.tab('Sign in').click();
    await widget.dialog.getByRole('button', { name: 'Create an account' }).click();
    await widget.screenshot('mobile-signup');
    expect(
      await widget.dialog.evaluate((el) => el.querySelector('.tabpanel')!.scrollWidth),
    ).toBeLessThanOrEqual(360);
  });

  test('when the host page has aggressive CSS, then none of it leaks into the widget', async ({
    page,
    widget,
  }) => {
    await widget.goto();
    await page.addStyleTag({
      content: `* { color: red !important; font-size: 40px !important; font-family: serif !important; }
        button { display: none !important; } dialog { background: yellow !important; }
        p, li, a { margin: 50px !important; }`,
    });
    await expect(widget.launcher).toBeVisible();
    const launcherStyle = await widget.launcher.evaluate((el) => {
      const s = getComputedStyle(el);
      return { fontSize: s.fontSize, color: s.color };
    });
    expect(launcherStyle).toEqual({ fontSize: '15px', color: 'rgb(255, 255, 255)' });
    await widget.open();
    await widget.ask('What does a Kalman filter do?');
    const answer = widget.dialog.locator('[part~="answer"] p').first();
    await expect(answer).toBeVisible();
    const style = await answer.evaluate((el) => {
      const s = getComputedStyle(el);
      return { color: s.color, fontSize: s.fontSize, marginTop: s.marginTop };
    });
    expect(style).toEqual({ color: 'rgb(28, 30, 33)', fontSize: '15px', marginTop: '0px' });
    expect(await widget.dialog.evaluate(background)).toBe('rgb(255, 255, 255)');
    await widget.screenshot('host-css-isolation');
  });

  test('when the host sets --ta-* properties and ::part rules, then the widget is themed by them', async ({
    page,
    widget,
  }) => {
    await widget.goto();
    await page.addStyleTag({
      content: `textbook-assistant { --ta-accent: rgb(120, 40, 200); --ta-radius: 4px; }
        textbook-assistant::part(header) { background: rgb(240, 240, 255); }`,
    });
    expect(await widget.launcher.evaluate(background)).toBe('rgb(120, 40, 200)');
    await widget.open();
    expect(await widget.dialog.evaluate((el) => getComputedStyle(el).borderTopLeftRadius)).toBe('4px');
    expect(await widget.dialog.locator('[part="header"]').evaluate(background)).toBe('rgb(240, 240, 255)');
  });
});
