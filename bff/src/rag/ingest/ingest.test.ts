import { existsSync } from 'node:fs';
import { appendFile, cp, mkdir, mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/databases.js';
import { LocalEmbedder } from '../local/local-embedder.js';
import { MemoryIndexStore } from '../stores/memory-index-store.js';
import type { EmbedInputType, Embedder } from '../types.js';
import { ingestDocs, type IngestOptions } from './ingest.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const CORPUS = resolve(repoRoot, '../shared/corpus/physical-ai-textbook/docs');
const SAMPLE_BOOK = resolve(repoRoot, 'examples/textbook');
const BASE = 'https://book.example.org/docs/';
// The corpus parse and PGlite's first open take seconds each on a busy two-core machine.
const SLOW = 120_000;

/** The real local embedder, recording which texts it was asked to embed. */
class RecordingEmbedder implements Embedder {
  readonly inner = new LocalEmbedder();
  readonly id = this.inner.id;
  readonly dimensions = this.inner.dimensions;
  texts: string[] = [];
  async embed(texts: string[], type: EmbedInputType): Promise<number[][]> {
    this.texts.push(...texts);
    return this.inner.embed(texts, type);
  }
}

const embedder = new RecordingEmbedder();

/** The index in the main database, PostgreSQL or the embedded PGlite; a fresh one per suite. */
function withStore(kind: 'postgres' | 'pglite') {
  const ctx = { store: undefined as unknown as MemoryIndexStore, workDir: '' };
  let test: TestDatabase;
  beforeAll(async () => {
    test = await createTestDatabase(kind);
    ctx.store = new MemoryIndexStore(test.db.knex, { pollMs: 0 });
    ctx.workDir = await mkdtemp(join(tmpdir(), 'ingest-docs-'));
  }, SLOW);
  afterAll(async () => {
    await ctx.store.close();
    await test.drop();
    await rm(ctx.workDir, { recursive: true, force: true });
  });
  const ingest = (docsDir: string, overrides: Partial<IngestOptions> = {}) => {
    embedder.texts = [];
    return ingestDocs({ docsDir, baseUrl: BASE, embedder, store: ctx.store, ...overrides });
  };
  return { ctx, ingest };
}

describe.each(['postgres', 'pglite'] as const)('ingestDocs on a small book (%s)', (kind) => {
  const { ctx, ingest } = withStore(kind);
  const store = {
    payloads: () => ctx.store.payloads(),
    manifest: () => ctx.store.manifest(),
    info: () => ctx.store.info(),
  };
  const docs = () => join(ctx.workDir, 'small');

  beforeAll(async () => {
    await mkdir(join(docs(), '01-part', '_partials'), { recursive: true });
    await mkdir(join(docs(), 'node_modules', 'pkg'), { recursive: true });
    await writeFile(
      join(docs(), 'index.md'),
      '---\nslug: /\ntitle: Home\n---\n\nWelcome to the book.\n\n## Scope\n\nRobots.',
    );
    await writeFile(
      join(docs(), '01-part', '01-pid.md'),
      '# PID\n\n## Gains\n\nProportional gain.\n\n## Tuning\n\nZiegler–Nichols.',
    );
    await writeFile(
      join(docs(), '01-part', '02-zmp.mdx'),
      "import X from 'x';\n\n# ZMP\n\n<X>Support polygon.</X>",
    );
    await writeFile(join(docs(), '01-part', '_partials', 'shared.md'), 'A partial, not a page.');
    await writeFile(join(docs(), '01-part', '_draft.md'), 'Not a page either.');
    await writeFile(join(docs(), 'node_modules', 'pkg', 'README.md'), 'Dependency readme.');
    await writeFile(join(docs(), 'notes.txt'), 'Not Markdown.');
  });

  it(
    'when ingested, then pages become chunks with Docusaurus URLs and partials are ignored',
    { timeout: SLOW },
    async () => {
      const summary = await ingest(docs(), { reset: true });
      expect(summary).toMatchObject({
        pages: 3,
        chunks: 5,
        added: 5,
        updated: 0,
        unchanged: 0,
        deleted: 0,
        skipped: [],
      });
      const payloads = (await store.payloads()).map((p) => p.payload);
      expect(payloads.map((p) => [p.source_path, p.url])).toEqual([
        ['01-part/01-pid.md', `${BASE}part/pid#gains`],
        ['01-part/01-pid.md', `${BASE}part/pid#tuning`],
        ['01-part/02-zmp.mdx', `${BASE}part/zmp`],
        ['index.md', BASE],
        ['index.md', `${BASE}#scope`],
      ]);
      expect(payloads.find((p) => p.source_path.endsWith('zmp.mdx'))?.text).toBe('Support polygon.');
      // What the embedder saw carries the heading path for context.
      expect(embedder.texts).toContain('PID > Gains\n\nProportional gain.');
    },
  );

  it('when ingested again unchanged, then nothing is embedded', async () => {
    const summary = await ingest(docs());
    expect(summary).toMatchObject({ chunks: 5, added: 0, updated: 0, unchanged: 5, deleted: 0 });
    expect(embedder.texts).toEqual([]);
  });

  it('when a file is only touched, or rewritten with the same size and mtime, then nothing is parsed or embedded', async () => {
    const pid = join(docs(), '01-part', '01-pid.md');
    const original = await readFile(pid, 'utf8');
    const old = new Date(Date.now() - 60_000);
    await utimes(pid, old, old);
    expect(await ingest(docs())).toMatchObject({ chunks: 5, added: 0, updated: 0, unchanged: 5, deleted: 0 });
    expect(embedder.texts).toEqual([]);
    // Same size and mtime as recorded: trusted without reading the file (what make and rsync do).
    await writeFile(pid, original.replace('Proportional', 'Proportionel'));
    await utimes(pid, old, old);
    expect(await ingest(docs())).toMatchObject({ updated: 0, unchanged: 5 });
    expect(embedder.texts).toEqual([]);
    // Another mtime: the bytes are hashed, and the edit is seen.
    const later = new Date(Date.now() - 30_000);
    await utimes(pid, later, later);
    expect(await ingest(docs())).toMatchObject({ updated: 1, unchanged: 4 });
    expect(embedder.texts).toEqual(['PID > Gains\n\nProportionel gain.']);
    await writeFile(pid, original);
    expect(await ingest(docs())).toMatchObject({ updated: 1, unchanged: 4 });
  });

  it('when one section changes, then only its chunk is re-embedded', async () => {
    await appendFile(join(docs(), '01-part', '01-pid.md'), '\n\nAnti-windup too.');
    const summary = await ingest(docs());
    expect(summary).toMatchObject({ added: 0, updated: 1, unchanged: 4, deleted: 0 });
    expect(embedder.texts).toEqual(['PID > Tuning\n\nZiegler–Nichols.\n\nAnti-windup too.']);
  });

  it('when a page shrinks, then its surplus chunks are deleted', async () => {
    await writeFile(join(docs(), '01-part', '01-pid.md'), '# PID\n\n## Gains\n\nProportional gain.');
    const summary = await ingest(docs());
    expect(summary).toMatchObject({ chunks: 4, added: 0, updated: 0, unchanged: 4, deleted: 1 });
  });

  it('when a page cannot be parsed, then it is reported by path and its indexed chunks are kept', async () => {
    const zmp = join(docs(), '01-part', '02-zmp.mdx');
    const good = await readFile(zmp, 'utf8');
    await writeFile(zmp, '<Broken>\n\nno closing tag');
    const summary = await ingest(docs());
    expect(summary.skipped).toEqual([{ path: '01-part/02-zmp.mdx', reason: expect.stringMatching(/MDX/) }]);
    expect(summary).toMatchObject({ pages: 2, deleted: 0 });
    expect([...(await store.manifest()).values()].some((m) => m.source_path === '01-part/02-zmp.mdx')).toBe(
      true,
    );
    await writeFile(zmp, good);
  });

  it('when a page is deleted, then its chunks are removed', async () => {
    await rm(join(docs(), '01-part', '02-zmp.mdx'));
    const summary = await ingest(docs());
    expect(summary).toMatchObject({ pages: 2, chunks: 3, deleted: 1 });
    const paths = new Set([...(await store.manifest()).values()].map((m) => m.source_path));
    expect(paths).toEqual(new Set(['01-part/01-pid.md', 'index.md']));
  });

  it('when the embedder changes, then ingest refuses unless reset is asked for', async () => {
    const other = new LocalEmbedder(384);
    await expect(
      ingestDocs({ docsDir: docs(), baseUrl: BASE, embedder: other, store: ctx.store }),
    ).rejects.toMatchObject({
      code: 'index_embedder_mismatch',
    });
    const summary = await ingestDocs({
      docsDir: docs(),
      baseUrl: BASE,
      embedder: other,
      store: ctx.store,
      reset: true,
    });
    expect(summary).toMatchObject({ added: 3, deleted: 0 });
    expect(await store.info()).toEqual({ embedder: 'local-hash-v2/384', dimensions: 384 });
  });

  it('when the batch size is small, then progress reports every batch', async () => {
    const seen: number[] = [];
    await ingest(docs(), {
      reset: true,
      batchSize: 2,
      onProgress: (p) => p.phase === 'embed' && seen.push(p.done),
    });
    expect(seen).toEqual([0, 2, 3]);
  });
});

describe.skipIf(!existsSync(CORPUS))('ingestDocs on the Physical AI textbook corpus (../shared)', () => {
  const { ctx, ingest } = withStore('postgres');
  const store = { payloads: () => ctx.store.payloads() };
  const docs = () => join(ctx.workDir, 'corpus');

  beforeAll(async () => {
    await cp(CORPUS, docs(), { recursive: true });
  });

  it(
    'when ingested, then all 33 pages index with sane URLs and no page is skipped',
    async () => {
      const summary = await ingest(docs(), { reset: true });
      expect(summary.skipped).toEqual([]);
      expect(summary.pages).toBe(33);
      expect(summary.chunks).toBeGreaterThan(300);
      expect(summary.added).toBe(summary.chunks);

      const payloads = (await store.payloads()).map((p) => p.payload);
      expect(new Set(payloads.map((p) => `${p.source_path}#${p.chunk_index}`)).size).toBe(payloads.length);
      for (const p of payloads) {
        expect(p.url.startsWith(BASE)).toBe(true);
        expect(p.url).not.toMatch(/\.mdx?($|#)|\/\d+-/);
        expect(p.text.length).toBeLessThanOrEqual(1200);
        expect(p.text).not.toMatch(/^---\n|sidebar_position:/);
      }
      const urlOf = (path: string) =>
        payloads.find((p) => p.source_path === path && !p.url.includes('#'))?.url;
      expect(urlOf('index.md')).toBe(BASE);
      expect(urlOf('chapters/01-introduction.md')).toBe(`${BASE}chapters/chapter-1-introduction`);
      const sensing = payloads.filter(
        (p) => p.source_path === 'chapters/module-0-foundations/03-sensing-perception.md',
      );
      expect(sensing[0]?.url.startsWith(`${BASE}chapters/module-0-foundations/sensing-perception#`)).toBe(
        true,
      );
      expect(sensing.map((p) => p.text).join('\n')).toContain('Cheap ($10-$100)');
    },
    SLOW,
  );

  it(
    'when ingested again, then nothing is embedded; when one page is edited, only its chunks are',
    async () => {
      const again = await ingest(docs());
      expect(again).toMatchObject({ added: 0, updated: 0, deleted: 0 });
      expect(embedder.texts).toHaveLength(0);

      const page = join(docs(), 'glossary.md');
      await writeFile(
        page,
        (await readFile(page, 'utf8')).replace(/\n## /, '\n\nA new opening sentence.\n\n## '),
      );
      const edited = await ingest(docs());
      expect(edited.added + edited.updated).toBeGreaterThan(0);
      expect(embedder.texts.length).toBe(edited.added + edited.updated);
      expect(embedder.texts.every((t) => t.startsWith('Glossary'))).toBe(true);
    },
    SLOW,
  );
});

if (!existsSync(CORPUS))
  console.warn(`Skipping corpus ingest tests: ${CORPUS} is absent (shared/ beside the repo).`);

describe.skipIf(!existsSync(SAMPLE_BOOK))('ingestDocs on the sample book (examples/textbook)', () => {
  const { ctx, ingest } = withStore('pglite');
  const store = { payloads: () => ctx.store.payloads() };
  it(
    'when ingested, then no page is skipped and slug, id and index pages get their Docusaurus URLs',
    async () => {
      const summary = await ingest(SAMPLE_BOOK, { reset: true });
      expect(summary.skipped).toEqual([]);
      expect(summary.pages).toBeGreaterThanOrEqual(10);
      const payloads = (await store.payloads()).map((p) => p.payload);
      const pageUrls = new Map(payloads.map((p) => [p.source_path, p.url.split('#')[0]]));
      const expected: Record<string, string> = {
        'index.md': BASE, // slug: /
        '02-ros2/01-nodes-and-topics.md': `${BASE}ros2/ros2-communication`, // id
        '04-control/01-pid-control.md': `${BASE}control/pid`, // absolute slug
        '05-vla/index.md': `${BASE}vla/`, // index page
        '05-vla/01-vision-language-action.md': `${BASE}vla/vla-models`, // id
        '01-foundations/02-sensors.mdx': `${BASE}foundations/sensors`, // number prefixes, .mdx
      };
      for (const [path, url] of Object.entries(expected)) expect(pageUrls.get(path), path).toBe(url);
      const mdxText = payloads
        .filter((p) => p.source_path.endsWith('.mdx'))
        .map((p) => p.text)
        .join('\n');
      expect(mdxText).not.toMatch(/^import .* from /m);
      expect(mdxText).not.toMatch(/<Tabs|<TabItem|<Figure/);
    },
    SLOW,
  );
});
