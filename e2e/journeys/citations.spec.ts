import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { repoDir } from '../support/paths.js';
import { expect, test } from '../support/journey-fixtures.js';

/** The page's public path, from its `slug` front matter or (Docusaurus's rule) its numberless path. */
async function publicPath(sourcePath: string): Promise<string> {
  const text = await readFile(join(repoDir, 'examples/textbook', sourcePath), 'utf8');
  const slug = /^slug:\s*(\S+)\s*$/m.exec(text)?.[1];
  return slug ?? `/${sourcePath.replace(/\.mdx?$/, '').replace(/(^|\/)\d+-/g, '$1')}`;
}

const CASES = [
  {
    question: 'How does a PID controller work?',
    source: '04-control/01-pid-control.md',
    title: 'PID Control',
  },
  {
    question: 'What is the zero moment point?',
    source: '04-control/03-balance-and-zmp.md',
    title: 'Bipedal Balance and the Zero Moment Point',
  },
];

for (const { question, source, title } of CASES) {
  test(`when asked "${question}", then the sources link to the book's own page for ${source}`, async ({
    widget,
    servers,
    shot,
  }) => {
    // The BFF ingested the book with the Docusaurus example's origin as base URL (DEMO_BOOK_URL).
    const BOOK_URL = servers.docusaurusUrl;
    const path = await publicPath(source);
    expect(path).toMatch(/^\/control\/(pid|balance-and-zmp)$/);
    await widget.goto();
    await widget.recordEvents();
    await widget.open();
    await widget.ask(question);
    const turn = await widget.answer(0);
    const links = turn.locator('[part="citations"]').getByRole('link');
    await expect(links.first()).toBeVisible();
    const hrefs = await links.evaluateAll((els) => els.map((a) => a.getAttribute('href')));
    // Every source of this answer is on that page (a heading anchor at most), and it comes first.
    const page = new RegExp(`^${BOOK_URL}${path}(#[a-z0-9-]+)?$`);
    expect(hrefs[0]).toMatch(page);
    await expect(links.first()).toContainText(title);
    for (const link of await links.all()) {
      await expect(link).toHaveAttribute('target', '_blank');
      await expect(link).toHaveAttribute('rel', /noopener/);
    }
    // The links are exactly the citations the BFF returned (the widget drops repeated URLs only).
    const [event] = (await widget.events()).filter((e) => e.type === 'ta-answer-received');
    const cited = (event!.detail as { response: { citations: Array<{ url: string; source_path: string }> } })
      .response.citations;
    expect(hrefs).toEqual([...new Set(cited.map((c) => c.url))]);
    expect(cited[0]!.source_path).toBe(source);
    await shot(`citations-${path.split('/').at(-1)}`);
    // The link opens the book's real page, with the cited section's title on it.
    const [opened] = await Promise.all([widget.page.context().waitForEvent('page'), links.first().click()]);
    await expect(opened.getByRole('heading', { level: 1, name: title })).toBeVisible();
    expect(opened.url()).toBe(hrefs[0]);
    await opened.close();
  });
}
