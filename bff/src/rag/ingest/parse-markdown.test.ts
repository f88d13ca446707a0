import { describe, expect, it } from 'vitest';
import { PageParseError, parseMarkdown, type PageBlock } from './parse-markdown.js';

const texts = (blocks: PageBlock[]) => blocks.filter((b) => b.kind === 'text').map((b) => b.text);
const allText = (blocks: PageBlock[]) => blocks.map((b) => b.text).join('\n\n');
const headings = (blocks: PageBlock[]) =>
  blocks.flatMap((b) => (b.kind === 'heading' ? [[b.depth, b.text, b.anchor] as const] : []));

describe('parseMarkdown', () => {
  it('when the page has rich front matter, then it is read and not left in the text', () => {
    const page = parseMarkdown(
      [
        '---',
        'title: "Chapter 1: Intro"',
        'tags: [a, b]',
        'learning_objectives:',
        '  - Define physical AI',
        'nested: { x: 1 }',
        '---',
        '',
        'Body text.',
      ].join('\n'),
    );
    expect(page.frontMatter).toMatchObject({ title: 'Chapter 1: Intro', tags: ['a', 'b'], nested: { x: 1 } });
    expect(page.title).toBe('Chapter 1: Intro');
    expect(texts(page.blocks)).toEqual(['Body text.']);
  });

  it('when there is no title in front matter, then the first h1 is the title', () => {
    expect(parseMarkdown('Intro\n\n# The Heading\n\n## Later').title).toBe('The Heading');
    expect(parseMarkdown('## Only h2').title).toBeUndefined();
  });

  it('when prose mentions dollar amounts, then it reads as written even though remark-math sees math', () => {
    const page = parseMarkdown(
      'A robot costs $2,000 and a sensor $300.\n\nCheap ($10-$100) or `<$50k` total.',
    );
    expect(texts(page.blocks)).toEqual([
      'A robot costs $2,000 and a sensor $300.',
      'Cheap ($10-$100) or `<$50k` total.',
    ]);
  });

  it('when the page has math, then inline and block math keep their TeX source', () => {
    const page = parseMarkdown('Acceleration $\\ddot{q}$ here.\n\n$$\nE = mc^2\n$$');
    expect(texts(page.blocks)).toEqual(['Acceleration $\\ddot{q}$ here.', '$$\nE = mc^2\n$$']);
    expect(page.blocks[1]).toMatchObject({ code: true });
  });

  it('when a fence contains another fence, then the whole block is one code block with its language', () => {
    const source = ['````markdown', '```python', 'print("hi")', '```', '````', '', 'After.'].join('\n');
    const [code, after] = parseMarkdown(source).blocks;
    expect(code).toEqual({
      kind: 'text',
      code: true,
      text: '````markdown\n```python\nprint("hi")\n```\n````',
    });
    expect(after).toMatchObject({ text: 'After.', code: false });
  });

  it('when a Mermaid diagram is present, then it is kept as code', () => {
    const [block] = parseMarkdown('```mermaid\ngraph TD; A-->B\n```').blocks;
    expect(block).toEqual({ kind: 'text', code: true, text: '```mermaid\ngraph TD; A-->B\n```' });
  });

  it('when admonitions are used, then their content stays with their kind and title, both syntaxes', () => {
    const page = parseMarkdown(
      ':::note Watch out\nBe **careful**.\n:::\n\n:::tip[Pro tip]\nUse it.\n:::\n\n:::warning\nHot.\n:::',
    );
    expect(texts(page.blocks)).toEqual([
      'Note: Watch out\nBe careful.',
      'Tip: Pro tip\nUse it.',
      'Warning:\nHot.',
    ]);
  });

  it('when a code block contains ":::note Title", then it is not rewritten', () => {
    const [block] = parseMarkdown('```md\n:::note Title\n:::\n```').blocks;
    expect(block?.text).toBe('```md\n:::note Title\n:::\n```');
  });

  it('when prose has colons, then text directives do not eat them', () => {
    expect(texts(parseMarkdown('Ratio 3:one, at 10:30, see:here.').blocks)).toEqual([
      'Ratio 3:one, at 10:30, see:here.',
    ]);
  });

  it('when there are HTML comments and tags, then comments go and tag text stays', () => {
    const page = parseMarkdown(
      '<!-- hidden note -->\n\n<details><summary>More</summary>\n\nInside.\n\n</details>',
    );
    expect(allText(page.blocks)).not.toContain('hidden');
    expect(allText(page.blocks)).toContain('More');
    expect(allText(page.blocks)).toContain('Inside.');
  });

  it('when a table is present, then it becomes one readable row per line', () => {
    const page = parseMarkdown('| Sensor | Cost |\n|---|---|\n| LiDAR | **high** |\n| IMU | low |');
    expect(texts(page.blocks)).toEqual(['Sensor | Cost\nLiDAR | high\nIMU | low']);
  });

  it('when a cell holds a pipe (escaped or as &#124;), then it stays escaped so the row keeps its cells', () => {
    const page = parseMarkdown(
      '| Default | CLI Override |\n|---|---|\n| `"preserve"` | <code>--prose-wrap \\<always&#124;never></code> |\n| `2` | `string \\| number` |',
    );
    expect(texts(page.blocks)).toEqual([
      'Default | CLI Override\n`"preserve"` | --prose-wrap <always\\|never>\n`2` | `string \\| number`',
    ]);
  });

  const oneLineRows =
    '<table>\n<thead><tr><th>Keys</th><th>Action</th></tr></thead>\n<tbody>\n<tr><td>Ctrl+O</td><td>Open one or more log files</td></tr>\n<tr><td>Ctrl+D</td><td>Download a|b logs</td></tr>\n</tbody>\n</table>';
  const oneLinePerCell =
    '<table>\n  <tr>\n    <th>Keys</th>\n    <th>Action</th>\n  </tr>\n  <tr>\n    <td>Ctrl+O</td>\n    <td>Open one or more log files</td>\n  </tr>\n  <tr>\n    <td>Ctrl+D</td>\n    <td>Download a|b logs</td>\n  </tr>\n</table>';
  it.each([
    ['Markdown', oneLineRows, false],
    ['MDX', oneLineRows, true],
    ['Markdown', oneLinePerCell, false],
    ['MDX', oneLinePerCell, true],
  ])(
    'when a %s page holds an HTML table, then it becomes one row per line with its cells joined, as a Markdown table does',
    (_, table, mdx) => {
      const page = parseMarkdown(`Shortcuts:\n\n${table}\n\nThat is all.`, { mdx });
      expect(texts(page.blocks)).toEqual([
        'Shortcuts:',
        'Keys | Action\nCtrl+O | Open one or more log files\nCtrl+D | Download a\\|b logs',
        'That is all.',
      ]);
    },
  );

  it('when lists nest, then items keep their bullets and indentation', () => {
    const page = parseMarkdown('1. first\n   - inner\n2. second\n\n- [x] done\n- [ ] todo');
    expect(texts(page.blocks)).toEqual(['1. first\n  - inner\n2. second', '- [x] done\n- [ ] todo']);
  });

  it('when headings repeat or carry {#ids}, then anchors follow Docusaurus (github-slugger)', () => {
    const page = parseMarkdown(
      '# Title\n\n## Setup & Install\n\n## Setup & Install\n\n### Custom {#my-id}\n\n## `code` Heading',
    );
    expect(headings(page.blocks)).toEqual([
      [1, 'Title', 'title'],
      [2, 'Setup & Install', 'setup--install'],
      [2, 'Setup & Install', 'setup--install-1'],
      [3, 'Custom', 'my-id'],
      [2, '`code` Heading', 'code-heading'],
    ]);
  });

  it('when a .md page has import/export lines, then they are dropped as MDX would', () => {
    const page = parseMarkdown("import Tabs from '@theme/Tabs';\nexport const x = 1;\n\nImportant text.");
    expect(texts(page.blocks)).toEqual(['Important text.']);
  });

  it('when an MDX page has imports, JSX, expressions and comments, then only readable text stays', () => {
    const source = [
      '---',
      'title: MDX page',
      '---',
      "import Tabs from '@theme/Tabs';",
      "import TabItem from '@theme/TabItem';",
      '',
      'export const speed = 3;',
      '',
      '<!-- authors still write these -->',
      '',
      '## Heading {#explicit}',
      '',
      '<Tabs>',
      '  <TabItem value="py" label="Python">',
      '',
      'Inside a **tab**.',
      '',
      '  </TabItem>',
      '</Tabs>',
      '',
      'Speed is {speed} m/s with <abbr title="x">IMU</abbr> data.',
    ].join('\n');
    const page = parseMarkdown(source, { mdx: true });
    expect(page.title).toBe('MDX page');
    expect(headings(page.blocks)).toEqual([[2, 'Heading', 'explicit']]);
    expect(texts(page.blocks)).toEqual(['Python: Inside a tab.', 'Speed is m/s with IMU data.']);
  });

  it('when a component carries its text in props, then the reader-visible props are indexed', () => {
    const source = [
      '<Figure src="/img/arm.svg" alt="A two-link arm" caption="Joint angles of the arm" />',
      '',
      '<Tabs>',
      '  <TabItem value="cpp" label="C++">',
      '',
      '```cpp',
      'int main() {}',
      '```',
      '',
      '  </TabItem>',
      '</Tabs>',
    ].join('\n');
    const page = parseMarkdown(source, { mdx: true });
    expect(texts(page.blocks)).toEqual([
      'Joint angles of the arm — A two-link arm',
      'C++:',
      '```cpp\nint main() {}\n```',
    ]);
  });

  it('when MDX is malformed, then a PageParseError says why', () => {
    expect(() => parseMarkdown('<Tabs>\n\nunclosed', { mdx: true })).toThrow(PageParseError);
  });

  it('when front matter is not valid YAML, then a PageParseError says so', () => {
    expect(() => parseMarkdown('---\ntitle: [unclosed\n---\n\nText')).toThrow(/invalid front matter/);
  });

  it('when the same text is parsed as Markdown, then "<" in prose does not break it', () => {
    expect(texts(parseMarkdown('Latency < 10 ms and x<y.').blocks)).toEqual(['Latency < 10 ms and x<y.']);
  });
});
