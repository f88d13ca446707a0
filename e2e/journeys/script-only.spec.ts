import { expect, recordProblems, test } from '../support/journey-fixtures.js';

test('when a host page has only the IIFE, then its lazy chunks come from the BFF without a failed request or console error: answers render as Markdown and the account forms show', async ({
  page,
  servers,
  widget,
  shot,
}) => {
  const problems = recordProblems(page);
  const scripts: { url: string; status: number }[] = [];
  page.on('response', (res) => {
    if (res.request().resourceType() === 'script') scripts.push({ url: res.url(), status: res.status() });
  });
  await page.goto(`${servers.scriptOnlyUrl}/?api=${encodeURIComponent(servers.bffUrl)}`);
  await expect(widget.launcher).toBeVisible();

  await widget.open();
  await widget.ask('How does a PID controller work?');
  const turn = await widget.answer(0);
  const answer = turn.locator('[part~="answer"]');
  await expect(answer).toContainText('PID');
  // Rendered, not raw: the renderer made the answer's elements (the fallback is one `p.plain` of
  // escaped text) and no `**` or `- ` markers are left.
  await expect(answer.locator('p:not(.plain), li, table').first()).toBeAttached();
  await expect(answer.locator('.plain')).toHaveCount(0);
  expect(await answer.innerText()).not.toMatch(/\*\*|^\s*[-*] /m);
  await shot('script-only-01-answer');

  await widget.dialog.getByRole('tab', { name: 'Sign in' }).click();
  await expect(widget.dialog.getByLabel('Email')).toBeVisible();
  await page.waitForLoadState('networkidle');

  // Each chunk came from the BFF (the manifest's build is the script's own) under that build's
  // cache key, none was tried beside the script, and the host's console stayed clean.
  const { build } = (await (await fetch(`${servers.bffUrl}/widget/manifest.json`)).json()) as {
    build: string;
  };
  expect(build).toMatch(/^\w+$/);
  for (const chunk of ['textbook-assistant.markdown.js', 'textbook-assistant.account.js']) {
    expect(scripts.filter((s) => s.url.includes(chunk))).toEqual([
      { url: `${servers.bffUrl}/widget/${chunk}?v=${build}`, status: 200 },
    ]);
  }
  expect(problems).toEqual([]);
});
