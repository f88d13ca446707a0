import { readFile, readdir } from 'node:fs/promises';
import { basename, extname, join, relative, sep } from 'node:path';
import type { Embedder, IndexedChunk, VectorStore } from '../types.js';
import { chunkPage, type ChunkOptions, type PageChunk } from './chunk.js';
import { docUrl } from './docusaurus-url.js';
import { parseMarkdown } from './parse-markdown.js';

export interface IngestProgress {
  phase: 'parse' | 'embed' | 'delete' | 'done';
  /** Chunks embedded so far (embed phase), or pages parsed (parse phase). */
  done: number;
  total: number;
}

export interface IngestOptions {
  docsDir: string;
  /** The docs root URL, e.g. "http://localhost:3000/" or "https://book.example.org/docs/". */
  baseUrl: string;
  embedder: Embedder;
  store: VectorStore;
  /** Texts per embedding request; Cohere accepts at most 96. */
  batchSize?: number;
  /** Drop the existing index first (needed when the embedder changes). */
  reset?: boolean;
  chunking?: ChunkOptions;
  onProgress?: (progress: IngestProgress) => void;
}

export interface IngestSummary {
  pages: number;
  chunks: number;
  added: number;
  updated: number;
  unchanged: number;
  deleted: number;
  skipped: { path: string; reason: string }[];
  ms: number;
}

export const DEFAULT_BATCH_SIZE = 64;

/**
 * Builds or updates the index from a Docusaurus docs folder. Only new or changed chunks are
 * embedded; chunks whose page (or tail of a page) disappeared are deleted. A page that cannot be
 * parsed is reported and its previously indexed chunks are kept rather than silently dropped.
 */
export async function ingestDocs(options: IngestOptions): Promise<IngestSummary> {
  const started = performance.now();
  const { embedder, store, onProgress } = options;
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;

  await learnDimensions(embedder);
  await store.ensure({ embedder: embedder.id, dimensions: embedder.dimensions }, { reset: options.reset });
  const files = await listDocFiles(options.docsDir);
  const { chunks, skipped } = await chunkFiles(files, options);
  const manifest = await store.manifest();
  const plan = planChanges(chunks, manifest, new Set(skipped.map((s) => s.path)));

  let embedded = 0;
  onProgress?.({ phase: 'embed', done: 0, total: plan.toEmbed.length });
  for (let i = 0; i < plan.toEmbed.length; i += batchSize) {
    const batch = plan.toEmbed.slice(i, i + batchSize);
    await store.upsert(await embedBatch(embedder, batch));
    embedded += batch.length;
    onProgress?.({ phase: 'embed', done: embedded, total: plan.toEmbed.length });
  }
  onProgress?.({ phase: 'delete', done: 0, total: plan.toDelete.length });
  await store.deleteByIds(plan.toDelete);
  onProgress?.({ phase: 'done', done: plan.toEmbed.length, total: plan.toEmbed.length });

  return {
    pages: files.length - skipped.length,
    chunks: chunks.length,
    added: plan.added,
    updated: plan.updated,
    unchanged: chunks.length - plan.toEmbed.length,
    deleted: plan.toDelete.length,
    skipped,
    ms: Math.round(performance.now() - started),
  };
}

/** Some embedders (Cohere with a model it has no table entry for) learn their width from a first call. */
async function learnDimensions(embedder: Embedder): Promise<void> {
  if (embedder.dimensions > 0) return;
  const probe = (embedder as Embedder & { detectDimensions?: () => Promise<number> }).detectDimensions;
  if (probe) await probe.call(embedder);
  if (embedder.dimensions <= 0) throw new Error(`The embedder ${embedder.id} did not report its dimensions`);
}

/** What the embedder sees: the page and section titles give a short chunk its context. */
export function embeddingText(chunk: PageChunk): string {
  return `${chunk.payload.heading_path.join(' > ')}\n\n${chunk.payload.text}`;
}

async function embedBatch(embedder: Embedder, batch: PageChunk[]): Promise<IndexedChunk[]> {
  const vectors = await embedder.embed(batch.map(embeddingText), 'search_document');
  if (vectors.length !== batch.length) {
    throw new Error(`The embedder returned ${vectors.length} vectors for ${batch.length} texts`);
  }
  return batch.map((chunk, i) => ({ ...chunk, vector: vectors[i]! }));
}

interface ChangePlan {
  toEmbed: PageChunk[];
  toDelete: string[];
  added: number;
  updated: number;
}

function planChanges(
  chunks: PageChunk[],
  manifest: Map<string, { source_path: string; content_hash: string }>,
  skippedPaths: Set<string>,
): ChangePlan {
  const current = new Set(chunks.map((c) => c.id));
  const toEmbed: PageChunk[] = [];
  let added = 0;
  let updated = 0;
  for (const chunk of chunks) {
    const stored = manifest.get(chunk.id);
    if (!stored) added++;
    else if (stored.content_hash !== chunk.payload.content_hash) updated++;
    else continue;
    toEmbed.push(chunk);
  }
  const toDelete = [...manifest]
    .filter(([id, entry]) => !current.has(id) && !skippedPaths.has(entry.source_path))
    .map(([id]) => id);
  return { toEmbed, toDelete, added, updated };
}

async function chunkFiles(
  files: string[],
  options: IngestOptions,
): Promise<{ chunks: PageChunk[]; skipped: { path: string; reason: string }[] }> {
  const chunks: PageChunk[] = [];
  const skipped: { path: string; reason: string }[] = [];
  for (const [i, file] of files.entries()) {
    const sourcePath = relative(options.docsDir, file).split(sep).join('/');
    try {
      chunks.push(...(await chunkFile(file, sourcePath, options)));
    } catch (err) {
      skipped.push({ path: sourcePath, reason: err instanceof Error ? err.message : String(err) });
    }
    options.onProgress?.({ phase: 'parse', done: i + 1, total: files.length });
  }
  return { chunks, skipped };
}

async function chunkFile(file: string, sourcePath: string, options: IngestOptions): Promise<PageChunk[]> {
  const source = await readFile(file, 'utf8');
  const page = parseMarkdown(source, { mdx: extname(file) === '.mdx' });
  const title = page.title ?? basename(file, extname(file));
  const pageUrl = docUrl(options.baseUrl, sourcePath, page.frontMatter);
  return chunkPage(page, { title, sourcePath, pageUrl }, options.chunking);
}

/**
 * Every .md/.mdx file under docsDir, sorted, skipping what Docusaurus skips: names starting with
 * "_" (partials), plus node_modules and hidden folders.
 */
export async function listDocFiles(docsDir: string): Promise<string[]> {
  const entries = await readdir(docsDir, { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name.startsWith('_') || entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const full = join(docsDir, entry.name);
    if (entry.isDirectory()) files.push(...(await listDocFiles(full)));
    else if (entry.isFile() && /\.mdx?$/i.test(entry.name)) files.push(full);
  }
  return files;
}
