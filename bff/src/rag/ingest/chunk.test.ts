import { describe, expect, it } from 'vitest';
import { chunkId, chunkPage } from './chunk.js';
import { parseMarkdown } from './parse-markdown.js';

const META = {
  title: 'Control',
  sourcePath: 'part/control.md',
  pageUrl: 'https://book.example.org/docs/part/control',
};

function chunksOf(markdown: string, maxChars?: number, title = META.title) {
  return chunkPage(parseMarkdown(markdown), { ...META, title }, { maxChars });
}

const paragraph = (n: number, words = 30) => `Paragraph ${n} ${'word '.repeat(words).trim()}.`;

describe('chunkPage', () => {
  it('when a page has h1–h3 sections, then each becomes a chunk with its heading path and anchor', () => {
    const chunks = chunksOf(
      '# Control\n\nIntro.\n\n## PID\n\nP, I and D.\n\n### Tuning\n\nZiegler–Nichols.\n\n#### Deep\n\nStill tuning.\n\n## MPC\n\nHorizon.',
    );
    expect(chunks.map((c) => [c.payload.heading_path, c.payload.url, c.payload.text])).toEqual([
      [['Control'], META.pageUrl, 'Intro.'],
      [['Control', 'PID'], `${META.pageUrl}#pid`, 'P, I and D.'],
      [['Control', 'PID', 'Tuning'], `${META.pageUrl}#tuning`, 'Ziegler–Nichols.\n\nDeep\n\nStill tuning.'],
      [['Control', 'MPC'], `${META.pageUrl}#mpc`, 'Horizon.'],
    ]);
    expect(chunks.map((c) => c.payload.chunk_index)).toEqual([0, 1, 2, 3]);
  });

  it('when the h1 differs from the front-matter title, then it stays in the heading path', () => {
    const chunks = chunksOf('# Welcome\n\nHello.\n\n## Next\n\nMore.', undefined, 'Introduction');
    expect(chunks.map((c) => c.payload.heading_path)).toEqual([
      ['Introduction', 'Welcome'],
      ['Introduction', 'Welcome', 'Next'],
    ]);
    expect(chunks[0]!.payload.url).toBe(META.pageUrl);
  });

  it('when a heading has no content of its own, then it yields no empty chunk', () => {
    const chunks = chunksOf('## Part\n\n### Piece\n\nText.');
    expect(chunks).toHaveLength(1);
    expect(chunks[0]!.payload.heading_path).toEqual(['Control', 'Part', 'Piece']);
  });

  it('when a section is longer than the limit, then it splits at paragraph boundaries within the limit', () => {
    const body = Array.from({ length: 12 }, (_, i) => paragraph(i)).join('\n\n');
    const chunks = chunksOf(`## Long\n\n${body}`, 500);
    expect(chunks.length).toBeGreaterThan(2);
    for (const c of chunks) {
      expect(c.payload.text.length).toBeLessThanOrEqual(500);
      expect(c.payload.text).toMatch(/^Paragraph \d+ .*\.$/s); // starts and ends on a paragraph edge
      expect(c.payload.url).toBe(`${META.pageUrl}#long`);
    }
    expect(chunks.map((c) => c.payload.text).join('\n\n')).toBe(body);
  });

  it('when a code block fits, then it is never cut even if that leaves the previous chunk short', () => {
    const code = '```python\n' + Array.from({ length: 20 }, (_, i) => `x${i} = ${i}`).join('\n') + '\n```';
    const chunks = chunksOf(`## Code\n\n${paragraph(1, 40)}\n\n${code}\n\nAfter.`, 400);
    const withCode = chunks.find((c) => c.payload.text.includes('x0 = 0'))!;
    expect(withCode.payload.text).toContain(code);
    expect(chunks.every((c) => c.payload.text.length <= 400)).toBe(true);
  });

  it('when a code block alone exceeds the limit, then it is split by lines and every part stays fenced', () => {
    const lines = Array.from({ length: 80 }, (_, i) => `    call_function_number_${i}(argument)`);
    const chunks = chunksOf(`## Big\n\n\`\`\`python\n${lines.join('\n')}\n\`\`\``, 600);
    expect(chunks.length).toBeGreaterThan(3);
    for (const c of chunks) {
      expect(c.payload.text.length).toBeLessThanOrEqual(600);
      expect(c.payload.text.startsWith('```python\n')).toBe(true);
      expect(c.payload.text.endsWith('\n```')).toBe(true);
    }
    const rejoined = chunks.flatMap((c) => c.payload.text.split('\n').slice(1, -1));
    expect(rejoined).toEqual(lines);
  });

  it('when one paragraph exceeds the limit, then it splits at sentences', () => {
    const sentences = Array.from({ length: 30 }, (_, i) => `Sentence number ${i} talks about balance.`);
    const chunks = chunksOf(`## Wall\n\n${sentences.join(' ')}`, 300);
    for (const c of chunks) {
      expect(c.payload.text.length).toBeLessThanOrEqual(300);
      expect(c.payload.text).toMatch(/^Sentence number \d+ .*balance\.$/s);
    }
  });

  it('when a single token is longer than the limit, then it is cut hard rather than overflowing', () => {
    const chunks = chunksOf(`## Blob\n\n${'x'.repeat(1000)}`, 300);
    expect(chunks.map((c) => c.payload.text.length)).toEqual([300, 300, 300, 100]);
  });

  it('when chunked twice, then ids and hashes are identical; when the URL changes, then the hash changes', () => {
    const a = chunksOf('## A\n\nText.');
    const b = chunksOf('## A\n\nText.');
    expect(b).toEqual(a);
    const moved = chunkPage(parseMarkdown('## A\n\nText.'), { ...META, pageUrl: 'https://other.example/x' });
    expect(moved[0]!.id).toBe(a[0]!.id);
    expect(moved[0]!.payload.content_hash).not.toBe(a[0]!.payload.content_hash);
    expect(a[0]!.payload.content_hash).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('chunkId', () => {
  it('when given a path and index, then it is a stable RFC 4122 version 5 style UUID', () => {
    const id = chunkId('part/control.md', 0);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(chunkId('part/control.md', 0)).toBe(id);
    expect(chunkId('part/control.md', 1)).not.toBe(id);
    expect(chunkId('part/other.md', 0)).not.toBe(id);
  });
});
