import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname, extname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import MiniSearch from 'minisearch';
import { beforeAll, describe, expect, it } from 'vitest';
import { chunkPage, type PageChunk } from '../ingest/chunk.js';
import { docUrl } from '../ingest/docusaurus-url.js';
import { listDocFiles } from '../ingest/ingest.js';
import { parseMarkdown } from '../ingest/parse-markdown.js';
import type { ChunkTerms } from '../types.js';
import { chunkTerms, fingerprint, KeywordIndex, TERM_DATA_FORMAT, termDataVersion } from './keyword-index.js';
import { contentTerms, processTerm } from './terms.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const SAMPLE_BOOK = resolve(repoRoot, 'examples/textbook');
const CORPUS = resolve(repoRoot, '../shared/corpus/physical-ai-textbook/docs');
const QUESTIONS = resolve(repoRoot, 'bench/rag');

async function bookChunks(docsDir: string): Promise<PageChunk[]> {
  const chunks: PageChunk[] = [];
  for (const file of await listDocFiles(docsDir)) {
    const sourcePath = relative(docsDir, file).split('\\').join('/');
    const page = parseMarkdown(await readFile(file, 'utf8'), { mdx: extname(file) === '.mdx' });
    const title = page.title ?? basename(file, extname(file));
    const pageUrl = docUrl('https://book.example.org/docs/', sourcePath, page.frontMatter);
    chunks.push(...chunkPage(page, { title, sourcePath, pageUrl }));
  }
  return chunks;
}

/** The keyword side as it was: MiniSearch with our term processing and field boosts. */
function miniSearchOf(chunks: PageChunk[]) {
  const mini = new MiniSearch<{ id: string; title: string; headings: string; text: string }>({
    fields: ['title', 'headings', 'text'],
    processTerm,
    searchOptions: { boost: { title: 1.5, headings: 2 }, combineWith: 'OR', prefix: false, fuzzy: false },
  });
  mini.addAll(
    chunks.map(({ id, payload }) => ({
      id,
      title: payload.title,
      headings: payload.heading_path.join(' '),
      text: payload.text,
    })),
  );
  return (query: string, limit: number) =>
    mini
      .search(query)
      .slice(0, limit)
      .map((r) => ({ id: String(r.id), score: r.score }));
}

/** Evidence as it was: a Set of content terms per chunk and a Map of document frequencies. */
function setReference(chunks: PageChunk[]) {
  const termsById = new Map<string, Set<string>>();
  const df = new Map<string, number>();
  for (const { id, payload } of chunks) {
    const terms = new Set(contentTerms(`${payload.title} ${payload.heading_path.join(' ')} ${payload.text}`));
    termsById.set(id, terms);
    for (const t of terms) df.set(t, (df.get(t) ?? 0) + 1);
  }
  const idf = (t: string) => Math.log(1 + (termsById.size + 1) / ((df.get(t) ?? 0) + 0.5));
  return {
    idf,
    knows: (t: string) => df.has(t),
    evidence(queryTerms: string[], id: string) {
      const terms = termsById.get(id)!;
      let total = 0;
      let weight = 0;
      let matched = 0;
      for (const t of queryTerms) {
        total += idf(t);
        if (terms.has(t)) {
          weight += idf(t);
          matched++;
        }
      }
      return { coverage: total === 0 ? 0 : weight / total, matched, terms: queryTerms.length };
    },
  };
}

async function questionsFor(chunks: PageChunk[]): Promise<string[]> {
  const files = ['corpus-questions.json', 'out-of-scope-questions.json'];
  const asked = (
    await Promise.all(
      files.map(
        async (f) => JSON.parse(await readFile(resolve(QUESTIONS, f), 'utf8')) as { question: string }[],
      ),
    )
  ).flatMap((qs) => qs.map((q) => q.question));
  // Headings as queries match many chunks at once (ties); plus repeated words, noise and nothing.
  const headings = chunks.filter((_, i) => i % 7 === 0).map((c) => c.payload.heading_path.join(' '));
  return [
    ...asked,
    ...headings,
    'robot robot robot sensors',
    'What is ROS 2? ROS 2 nodes, ROS 2 topics!',
    '   ?!… — ',
    '',
    'zyxwvut qqqq',
    'the of and',
  ];
}

const books = [
  { name: 'the sample book (examples/textbook)', dir: SAMPLE_BOOK },
  { name: 'the Physical AI corpus (../shared)', dir: CORPUS },
].filter((b) => existsSync(b.dir));

describe.each(books)('KeywordIndex on $name', ({ dir }) => {
  let chunks: PageChunk[];
  let questions: string[];
  let index: KeywordIndex;

  beforeAll(async () => {
    chunks = await bookChunks(dir);
    questions = await questionsFor(chunks);
    index = new KeywordIndex(chunks);
  }, 60_000);

  it('when searched, then every question ranks exactly as MiniSearch did: same ids, order and scores', () => {
    const mini = miniSearchOf(chunks);
    let compared = 0;
    for (const q of questions) {
      for (const limit of [1, 5, 20, 10_000]) {
        expect(index.search(q, limit), `${q} (top ${limit})`).toEqual(mini(q, limit));
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(100);
    // The comparison is not vacuous: most queries find something.
    const found = questions.filter((q) => index.search(q, 5).length > 0).length;
    expect(found).toBeGreaterThan(questions.length / 2);
  });

  it('when asked for evidence, IDF and known words, then it answers as the Set-based version did', () => {
    const ref = setReference(chunks);
    for (const q of questions) {
      const terms = contentTerms(q);
      for (const hit of index.search(q, 20)) {
        expect(index.evidence(terms, hit.id), q).toEqual(ref.evidence(terms, hit.id));
      }
      for (const t of [...terms, 'neverseenword']) {
        expect(index.idf(t)).toBe(ref.idf(t));
        expect(index.knows(t)).toBe(ref.knows(t));
      }
    }
    expect(index.evidence(['robot'], 'no-such-chunk')).toEqual({ coverage: 0, matched: 0, terms: 1 });
  });

  it('when one terms array is checked against many chunks, or refilled in place between calls, then every evidence is as if read afresh', () => {
    const ref = setReference(chunks);
    const shared: string[] = [];
    for (const q of questions.slice(0, 20)) {
      // The same array object each time, refilled with the next question's words.
      shared.splice(0, shared.length, ...contentTerms(q));
      for (const c of chunks.slice(0, 30))
        expect(index.evidence(shared, c.id), q).toEqual(ref.evidence([...shared], c.id));
    }
    // Refilled with fewer words: the longer reading before it is not reused.
    shared.splice(0, shared.length, ...contentTerms(questions[0]!));
    const longer = [...shared, ...contentTerms(questions[1]!)];
    index.evidence(longer, chunks[0]!.id);
    shared.push(...contentTerms(questions[1]!));
    expect(index.evidence(shared, chunks[0]!.id)).toEqual(ref.evidence(longer, chunks[0]!.id));
    shared.length = 1;
    expect(index.evidence(shared, chunks[0]!.id)).toEqual(ref.evidence([...shared], chunks[0]!.id));
  });

  it('when built from term data stored at ingest (a JSON round trip), then it equals one built from the text', () => {
    const stored = chunks.map((c) => ({
      ...c,
      terms: JSON.parse(JSON.stringify(chunkTerms(c.payload))) as ChunkTerms,
    }));
    const fromStored = new KeywordIndex(stored);
    for (const q of questions) {
      expect(fromStored.search(q, 20), q).toEqual(index.search(q, 20));
      const terms = contentTerms(q);
      for (const c of chunks.slice(0, 40))
        expect(fromStored.evidence(terms, c.id)).toEqual(index.evidence(terms, c.id));
    }
  });

  it('when the stored term data is of another version, then it is not used', () => {
    // Term data that would match every query for chunk 0 only: served, it would change the ranking.
    const bogus = (version: string): ChunkTerms => ({
      version,
      fields: [null, null, { length: 1, terms: ['robot', 'sensor', 'ros'], counts: [50, 50, 50] }],
      content: ['robot', 'sensor', 'ros'],
    });
    const stale = chunks.map((c) => ({ ...c, terms: bogus('0:stale') }));
    const q = questions[0]!;
    expect(new KeywordIndex(stale).search(q, 20)).toEqual(index.search(q, 20));
    const current = chunks.map((c) => ({ ...c, terms: bogus(termDataVersion()) }));
    expect(new KeywordIndex(current).search('robot sensor', 20)).not.toEqual(
      index.search('robot sensor', 20),
    );
  });
});

describe('term data version', () => {
  it('starts with TERM_DATA_FORMAT and a hash of what the term code makes of the probe', () => {
    expect(termDataVersion()).toMatch(new RegExp(`^${TERM_DATA_FORMAT}:[0-9a-f]{16}$`));
  });

  it.skipIf(!existsSync(SAMPLE_BOOK))(
    "pins the sample book's term data: a change of terms.ts that alters it must bump TERM_DATA_FORMAT",
    async () => {
      // If this fails, terms.ts (or MiniSearch's tokenizer rule copied in keyword-index.ts) now
      // produces other terms. Stored term data is then stale: bump TERM_DATA_FORMAT in
      // keyword-index.ts (so no process serves it) and set both pins below to the new values.
      const chunks = await bookChunks(SAMPLE_BOOK);
      const data = chunks.map((c) => ({ ...chunkTerms(c.payload), version: undefined }));
      expect({ format: TERM_DATA_FORMAT, sample: fingerprint(data) }).toEqual({
        format: 6,
        sample: 'cfaccae79fe1760c',
      });
    },
  );
});
