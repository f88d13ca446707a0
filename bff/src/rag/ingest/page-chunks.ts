import { basename, extname } from 'node:path';
import { chunkPage, type ChunkOptions, type PageChunk } from './chunk.js';
import { docUrl } from './docusaurus-url.js';
import { parseMarkdown } from './parse-markdown.js';

/** One page to parse and chunk: everything the result depends on, so it can cross to a worker. */
export interface PageJob {
  source: string;
  /** The file's name (its extension picks Markdown or MDX; its base name is the fallback title). */
  file: string;
  sourcePath: string;
  baseUrl: string;
  chunking?: ChunkOptions;
}

/** A page's chunks, or why it could not be read (the ingest reports it and keeps its old chunks). */
export type PageOutcome = { ok: true; chunks: PageChunk[] } | { ok: false; reason: string };

/** Parses one page and splits it into chunks; the same function runs in-process and in the pool. */
export function chunkSource(job: PageJob): PageOutcome {
  try {
    const ext = extname(job.file);
    const page = parseMarkdown(job.source, { mdx: ext === '.mdx' });
    const title = page.title ?? basename(job.file, ext);
    const pageUrl = docUrl(job.baseUrl, job.sourcePath, page.frontMatter);
    return {
      ok: true,
      chunks: chunkPage(page, { title, sourcePath: job.sourcePath, pageUrl }, job.chunking),
    };
  } catch (err) {
    return { ok: false, reason: err instanceof Error ? err.message : String(err) };
  }
}
