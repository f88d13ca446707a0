import { readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { Embedder, IndexedChunk, SourceFile, VectorStore } from '../types.js';
import type { ChunkOptions, PageChunk } from './chunk.js';
import type { PageJob } from './page-chunks.js';
import { chunkSources } from './parse-pool.js';
import { checkSource, ingestSettings, type SourceCheck } from './source-files.js';

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
  /**
   * Threads that parse the changed pages: 0 parses in this thread; unset, one per core when the
   * changed pages are big enough to pay for starting them (parse-pool.ts).
   */
  parseWorkers?: number;
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
 * Builds or updates the index from a Docusaurus docs folder. Files unchanged since the last ingest
 * (same bytes, by the store's file manifest) are not even parsed; of the rest, only new or changed
 * chunks are embedded, and chunks whose page (or tail of a page) disappeared are deleted. A page
 * that cannot be parsed is reported and its previously indexed chunks are kept rather than silently
 * dropped. The store publishes the new index at the end, so readers switch to it in one step.
 */
export async function ingestDocs(options: IngestOptions): Promise<IngestSummary> {
  const started = performance.now();
  const { embedder, store, onProgress } = options;
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;

  await learnDimensions(embedder);
  await store.ensure({ embedder: embedder.id, dimensions: embedder.dimensions }, { reset: options.reset });
  const settings = ingestSettings(options.baseUrl, options.chunking);
  const known = await store.sources?.();
  const knownFiles = known && known.settings === settings ? known.files : new Map<string, SourceFile>();
  const files = await listDocFiles(options.docsDir);
  const read = await chunkFiles(files, options, knownFiles);
  const manifest = await store.manifest();
  const kept = new Set([...read.skipped.map((s) => s.path), ...read.unchanged]);
  const plan = planChanges(read.chunks, manifest, kept);

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
  const present = new Set(files.map((f) => sourcePathOf(options.docsDir, f)));
  await store.publish?.({
    settings,
    files: read.records,
    removed: [...knownFiles.keys()].filter((path) => !present.has(path)),
  });
  onProgress?.({ phase: 'done', done: plan.toEmbed.length, total: plan.toEmbed.length });

  const unchangedChunks = [...manifest.values()].filter((m) => read.unchanged.has(m.source_path)).length;
  const chunks = read.chunks.length + unchangedChunks;
  return {
    pages: files.length - read.skipped.length,
    chunks,
    added: plan.added,
    updated: plan.updated,
    unchanged: chunks - plan.toEmbed.length,
    deleted: plan.toDelete.length,
    skipped: read.skipped,
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

interface ReadFiles {
  chunks: PageChunk[];
  skipped: { path: string; reason: string }[];
  /** Source paths whose bytes are as last ingested: not parsed, their chunks kept. */
  unchanged: Set<string>;
  /** Manifest entries to record for the files that were read. */
  records: SourceFile[];
}

function sourcePathOf(docsDir: string, file: string): string {
  return relative(docsDir, file).split(sep).join('/');
}

/** Checks every file against the manifest, then parses the changed ones (in a pool when that pays). */
async function chunkFiles(
  files: string[],
  options: IngestOptions,
  known: Map<string, SourceFile>,
): Promise<ReadFiles> {
  const checks: (
    | { sourcePath: string; check: SourceCheck; error?: never }
    | { sourcePath: string; check?: never; error: string }
  )[] = [];
  for (const file of files) {
    const sourcePath = sourcePathOf(options.docsDir, file);
    try {
      checks.push({ sourcePath, check: await checkSource(file, sourcePath, known.get(sourcePath)) });
    } catch (err) {
      checks.push({ sourcePath, error: err instanceof Error ? err.message : String(err) });
    }
  }
  const jobs: PageJob[] = [];
  for (const [i, { sourcePath, check }] of checks.entries()) {
    if (check?.state !== 'changed') continue;
    const { baseUrl, chunking } = options;
    jobs.push({ source: check.source, file: files[i]!, sourcePath, baseUrl, chunking });
  }
  let parsed = 0;
  options.onProgress?.({ phase: 'parse', done: files.length - jobs.length, total: files.length });
  const onPage = () =>
    options.onProgress?.({
      phase: 'parse',
      done: files.length - jobs.length + ++parsed,
      total: files.length,
    });
  const outcomes = (await chunkSources(jobs, { workers: options.parseWorkers, onPage })).values();

  const out: ReadFiles = { chunks: [], skipped: [], unchanged: new Set(), records: [] };
  for (const { sourcePath, check, error } of checks) {
    if (!check) out.skipped.push({ path: sourcePath, reason: error });
    else if (check.state === 'unchanged') {
      out.unchanged.add(sourcePath);
      if (check.record) out.records.push(check.record);
    } else {
      const outcome = outcomes.next().value!;
      if (!outcome.ok) out.skipped.push({ path: sourcePath, reason: outcome.reason });
      else {
        out.chunks.push(...outcome.chunks);
        out.records.push(check.record);
      }
    }
  }
  return out;
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
