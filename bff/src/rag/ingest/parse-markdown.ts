import GithubSlugger from 'github-slugger';
import remarkDirective from 'remark-directive';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkMath from 'remark-math';
import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { parse as parseYaml } from 'yaml';
import { blocksOf, inlineText, type MdNode } from './mdast-text.js';

/** One piece of a page in reading order: a heading, or a block of readable text. */
export type PageBlock =
  | { kind: 'heading'; depth: number; text: string; anchor: string }
  | { kind: 'text'; text: string; code: boolean };

export interface ParsedPage {
  frontMatter: Record<string, unknown>;
  /** Front matter `title`, else the first h1, else undefined (the caller falls back to the file name). */
  title: string | undefined;
  blocks: PageBlock[];
}

export class PageParseError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PageParseError';
  }
}

// Built once: unified processors are reusable and building them is not free.
const markdownProcessor = unified()
  .use(remarkParse)
  .use(remarkFrontmatter, ['yaml'])
  .use(remarkGfm)
  .use(remarkMath)
  .use(remarkDirective);
const mdxProcessor = unified()
  .use(remarkParse)
  .use(remarkMdx)
  .use(remarkFrontmatter, ['yaml'])
  .use(remarkGfm)
  .use(remarkMath)
  .use(remarkDirective);

/** Parses one Markdown (or, with mdx set, MDX) page into front matter, title and text blocks. */
export function parseMarkdown(source: string, options: { mdx?: boolean } = {}): ParsedPage {
  const prepared = preprocess(source.replace(/^\uFEFF/, ''), options.mdx === true);
  let tree: MdNode;
  try {
    const processor = options.mdx ? mdxProcessor : markdownProcessor;
    tree = processor.parse(prepared) as MdNode;
  } catch (err) {
    throw new PageParseError(`${options.mdx ? 'MDX' : 'Markdown'} syntax error: ${firstLine(err)}`, {
      cause: err,
    });
  }
  const frontMatter = readFrontMatter(tree);
  const blocks = collectBlocks(tree, prepared);
  const fmTitle =
    typeof frontMatter.title === 'string' && frontMatter.title.trim() ? frontMatter.title.trim() : undefined;
  const firstH1 = blocks.find((b) => b.kind === 'heading' && b.depth === 1)?.text;
  return { frontMatter, title: fmTitle ?? firstH1, blocks };
}

function readFrontMatter(tree: MdNode): Record<string, unknown> {
  const yamlNode = tree.children?.find((n) => n.type === 'yaml');
  if (!yamlNode?.value) return {};
  let data: unknown;
  try {
    data = parseYaml(yamlNode.value);
  } catch (err) {
    throw new PageParseError(`invalid front matter: ${firstLine(err)}`, { cause: err });
  }
  if (data === null || data === undefined) return {};
  if (typeof data !== 'object' || Array.isArray(data)) {
    throw new PageParseError('invalid front matter: expected a YAML mapping');
  }
  return data as Record<string, unknown>;
}

/**
 * Headings get Docusaurus's anchors: github-slugger over every heading of the page in order (so a
 * repeated heading becomes `name-1`), unless the heading carries an explicit `{#custom-id}`.
 */
function collectBlocks(tree: MdNode, source: string): PageBlock[] {
  const slugger = new GithubSlugger();
  const out: PageBlock[] = [];
  for (const node of tree.children ?? []) {
    if (node.type === 'heading') {
      const { text, explicitId } = headingText(node, source);
      if (!text) continue;
      out.push({ kind: 'heading', depth: node.depth ?? 1, text, anchor: explicitId ?? slugger.slug(text) });
      continue;
    }
    if (isEsmParagraph(node, source)) continue;
    for (const block of blocksOf(node, source)) {
      if (block.text.trim()) out.push({ kind: 'text', text: block.text, code: block.code });
    }
  }
  return out;
}

const EXPLICIT_ID = /\s*\{#([^}\s]+)\}\s*$/;

function headingText(node: MdNode, source: string): { text: string; explicitId?: string } {
  const raw = inlineText(node, source).trim();
  const match = EXPLICIT_ID.exec(raw);
  if (match) return { text: raw.slice(0, match.index).trim(), explicitId: match[1] };
  return { text: raw };
}

const ESM_LINE =
  /^\s*(import\s+(?:[\w*{][^'"]*\sfrom\s+)?['"][^'"]+['"];?|export\s+(?:const|let|var|function|default|\{)[^\n]*)\s*$/;

/**
 * Docusaurus compiles .md pages as MDX too, so `import`/`export` lines at the top level of a .md
 * page are code for the site, not prose; a plain Markdown parse sees them as a paragraph.
 */
function isEsmParagraph(node: MdNode, source: string): boolean {
  if (node.type !== 'paragraph') return false;
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  if (start === undefined || end === undefined) return false;
  return source
    .slice(start, end)
    .split('\n')
    .every((line) => ESM_LINE.test(line));
}

/**
 * Docusaurus accepts `:::note Some title` as well as `:::note[Some title]`; remark-directive only
 * knows the latter, so rewrite the former the way Docusaurus does. MDX rejects HTML comments, which
 * authors still write, and reads a heading's `{#custom-id}` as a (broken) JS expression, so before
 * an MDX parse comments go and the id's brace is escaped. Code fences are left untouched.
 */
export function preprocess(source: string, mdx: boolean): string {
  return mapOutsideFences(source, (text) => {
    const titled = text.replace(/^([ \t]*:{3,}[A-Za-z][\w-]*)[ \t]+([^[{\s].*?)[ \t]*$/gm, '$1[$2]');
    if (!mdx) return titled;
    return titled
      .replace(/<!--[\s\S]*?-->/g, '')
      .replace(/^(#{1,6}[ \t].*?)\{(#[^}\s]+\})[ \t]*$/gm, '$1\\{$2');
  });
}

function mapOutsideFences(source: string, transform: (text: string) => string): string {
  const out: string[] = [];
  let pending: string[] = [];
  let fence: string | null = null;
  const flush = () => {
    if (pending.length) out.push(transform(pending.join('\n')));
    pending = [];
  };
  for (const line of source.split('\n')) {
    const marker = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence === null && marker) {
      flush();
      fence = marker;
      out.push(line);
    } else if (fence !== null) {
      if (marker && marker[0] === fence[0] && marker.length >= fence.length && line.trim() === marker)
        fence = null;
      out.push(line);
    } else {
      pending.push(line);
    }
  }
  flush();
  return out.join('\n');
}

function firstLine(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return message.split('\n')[0] ?? message;
}
