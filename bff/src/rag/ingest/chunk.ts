import { createHash } from 'node:crypto';
import type { ChunkPayload } from '../types.js';
import type { PageBlock, ParsedPage } from './parse-markdown.js';

export interface PageChunk {
  id: string;
  payload: ChunkPayload;
}

export interface ChunkOptions {
  /** Target maximum characters per chunk; a single code block longer than this is split by lines. */
  maxChars?: number;
}

export const DEFAULT_MAX_CHARS = 1_200;

interface Section {
  headings: string[];
  anchor: string | null;
  blocks: { text: string; code: boolean }[];
}

/**
 * Splits a page into chunks: one section per h1–h3 heading, each packed up to maxChars at block
 * (paragraph, list, table, code) boundaries. Deeper headings stay inside their section as text.
 */
export function chunkPage(
  page: ParsedPage,
  meta: { title: string; sourcePath: string; pageUrl: string },
  options: ChunkOptions = {},
): PageChunk[] {
  const maxChars = options.maxChars ?? DEFAULT_MAX_CHARS;
  const chunks: PageChunk[] = [];
  for (const section of sectionsOf(page.blocks, meta.title)) {
    for (const text of packBlocks(section.blocks, maxChars)) {
      const payload = withHash({
        text,
        title: meta.title,
        heading_path: [meta.title, ...section.headings],
        url: section.anchor ? `${meta.pageUrl}#${section.anchor}` : meta.pageUrl,
        source_path: meta.sourcePath,
        chunk_index: chunks.length,
      });
      chunks.push({ id: chunkId(meta.sourcePath, payload.chunk_index), payload });
    }
  }
  return chunks;
}

function sectionsOf(blocks: PageBlock[], title: string): Section[] {
  const sections: Section[] = [];
  // Headings above the current one, indexed by depth - 1.
  const stack: (string | undefined)[] = [];
  let current: Section = { headings: [], anchor: null, blocks: [] };
  let seenH1 = false;
  for (const block of blocks) {
    if (block.kind === 'heading' && block.depth <= 3) {
      sections.push(current);
      stack.length = block.depth;
      stack[block.depth - 1] = block.text;
      const headings = stack.filter((h): h is string => h !== undefined);
      // heading_path starts with the title already; an h1 repeating it adds nothing.
      if (headings[0] === title && stack[0] === title) headings.shift();
      // The page's first h1 is its title: it links to the page itself, not to an anchor at the top.
      const isPageHeading = block.depth === 1 && !seenH1;
      seenH1 ||= block.depth === 1;
      current = { headings, anchor: isPageHeading ? null : block.anchor, blocks: [] };
    } else if (block.kind === 'heading') {
      current.blocks.push({ text: block.text, code: false });
    } else {
      current.blocks.push(block);
    }
  }
  sections.push(current);
  return sections.filter((s) => s.blocks.length > 0);
}

/** Greedy packing at block boundaries; an oversized block is split on its own first. */
function packBlocks(blocks: { text: string; code: boolean }[], maxChars: number): string[] {
  const pieces = blocks.flatMap((b) => (b.text.length > maxChars ? splitOversized(b, maxChars) : [b.text]));
  const out: string[] = [];
  let current = '';
  for (const piece of pieces) {
    if (current && current.length + 2 + piece.length > maxChars) {
      out.push(current);
      current = '';
    }
    current = current ? `${current}\n\n${piece}` : piece;
  }
  if (current) out.push(current);
  return out;
}

function splitOversized(block: { text: string; code: boolean }, maxChars: number): string[] {
  return block.code ? splitCode(block.text, maxChars) : splitProse(block.text, maxChars);
}

/** Splits a fenced block by lines and re-fences each part so every chunk still reads as code. */
function splitCode(text: string, maxChars: number): string[] {
  const lines = text.split('\n');
  const open = lines[0] ?? '';
  const close = lines.at(-1) ?? '';
  const isFenced = lines.length >= 2 && /^(`{3,}|\$\$)/.test(open) && close === open.replace(/[^`$].*$/, '');
  const body = isFenced ? lines.slice(1, -1) : lines;
  const budget = Math.max(1, maxChars - (isFenced ? open.length + close.length + 2 : 0));
  return groupLines(body, budget, '\n').map((part) => (isFenced ? `${open}\n${part}\n${close}` : part));
}

/** Prose splits at line breaks, then sentences, then words, whichever first fits. */
function splitProse(text: string, maxChars: number): string[] {
  const units = text
    .split('\n')
    .flatMap((line) =>
      line.length <= maxChars
        ? [line]
        : (line.match(/[^.!?]+(?:[.!?]+["')\]]*\s*|$)/g) ?? [line]).flatMap((sentence) =>
            sentence.length <= maxChars
              ? [sentence.trim()]
              : groupLines(sentence.split(/\s+/), maxChars, ' '),
          ),
    );
  return groupLines(units.filter(Boolean), maxChars, '\n');
}

/** Greedy grouping of units up to maxChars; a unit longer than that alone (a minified line) is cut hard. */
function groupLines(units: string[], maxChars: number, joiner: string): string[] {
  const out: string[] = [];
  let current = '';
  for (const unit of units.flatMap((u) => hardCut(u, maxChars))) {
    if (current && current.length + joiner.length + unit.length > maxChars) {
      out.push(current);
      current = '';
    }
    current = current ? `${current}${joiner}${unit}` : unit;
  }
  if (current) out.push(current);
  return out;
}

function hardCut(unit: string, maxChars: number): string[] {
  if (unit.length <= maxChars) return [unit];
  const parts: string[] = [];
  for (let i = 0; i < unit.length; i += maxChars) parts.push(unit.slice(i, i + maxChars));
  return parts;
}

function withHash(payload: Omit<ChunkPayload, 'content_hash'>): ChunkPayload {
  const content_hash = createHash('sha256').update(JSON.stringify(payload)).digest('hex');
  return { ...payload, content_hash };
}

/**
 * Deterministic UUID (RFC 4122 version 5 layout over SHA-1) from source_path and chunk_index:
 * Qdrant accepts only UUIDs or integers as point ids, and re-ingest overwrites in place.
 */
export function chunkId(sourcePath: string, chunkIndex: number): string {
  const bytes = createHash('sha1').update(`${sourcePath}#${chunkIndex}`).digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
