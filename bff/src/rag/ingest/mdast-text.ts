/**
 * Turns mdast nodes (Markdown, GFM, math, directives, MDX) into the readable text a chunk holds.
 * Nodes are handled by their `type` string because the MDX and directive node types live in
 * packages this one does not depend on directly.
 */
export interface MdNode {
  type: string;
  value?: string;
  depth?: number;
  lang?: string | null;
  meta?: string | null;
  name?: string;
  alt?: string | null;
  ordered?: boolean | null;
  start?: number | null;
  checked?: boolean | null;
  identifier?: string;
  label?: string | null;
  attributes?: Record<string, string | null | undefined> | null | unknown[];
  data?: { directiveLabel?: boolean };
  position?: { start: { offset?: number }; end: { offset?: number } };
  children?: MdNode[];
}

export interface TextBlock {
  text: string;
  /** Code and math blocks: the chunker keeps them whole where it can. */
  code: boolean;
}

/** Nodes that carry code or metadata, not prose: dropped entirely. */
const DROPPED = new Set([
  'yaml',
  'toml',
  'mdxjsEsm',
  'mdxFlowExpression',
  'mdxTextExpression',
  'thematicBreak',
]);

const ADMONITION_NAMES: Record<string, string> = {
  note: 'Note',
  tip: 'Tip',
  info: 'Info',
  warning: 'Warning',
  caution: 'Caution',
  danger: 'Danger',
  important: 'Important',
  success: 'Success',
  secondary: 'Note',
};

export function blocksOf(node: MdNode, source: string): TextBlock[] {
  if (DROPPED.has(node.type)) return [];
  switch (node.type) {
    case 'code':
      return [{ text: fenced(node.value ?? '', node.lang ?? ''), code: true }];
    case 'math':
      return [{ text: `$$\n${node.value ?? ''}\n$$`, code: true }];
    case 'html':
      return prose(
        /<tr\b/i.test(node.value ?? '') ? htmlWithTables(node.value ?? '') : htmlText(node.value ?? ''),
      );
    case 'paragraph':
      return prose(inlineText(node, source));
    case 'heading':
      // Only h4–h6 reach here inside sections (and any heading nested in JSX): keep the words.
      return prose(inlineText(node, source));
    case 'list':
      return prose(listText(node, source, 0));
    case 'table':
      return prose(tableText(node, source));
    case 'containerDirective':
      return admonitionBlocks(node, source);
    case 'leafDirective':
      return prose(inlineText(node, source));
    case 'footnoteDefinition':
      return prose(`[^${node.label ?? node.identifier ?? ''}]: ${childBlocksText(node, source)}`);
    case 'definition':
      return [];
    case 'mdxJsxFlowElement':
      return jsxFlowBlocks(node, source);
    default:
      // blockquote, JSX flow elements and anything unknown: keep the text of their children.
      return (node.children ?? []).flatMap((child) => blocksOf(child, source));
  }
}

/** The text of a phrasing node (or of a block, flattened to one line of prose). */
export function inlineText(node: MdNode, source: string): string {
  if (DROPPED.has(node.type)) return '';
  switch (node.type) {
    case 'text':
      // Soft line breaks are the author's wrapping, not meaning; snippets read better without them.
      return (node.value ?? '').replace(/[ \t]*\r?\n[ \t]*/g, ' ');
    case 'inlineCode':
      return `\`${node.value ?? ''}\``;
    case 'inlineMath':
      // The source slice keeps the dollars, so a misread "$10-$100" in prose reads as written.
      return sourceSlice(node, source) ?? `$${node.value ?? ''}$`;
    case 'break':
      return '\n';
    case 'image':
      return node.alt ?? '';
    case 'html':
      return htmlText(node.value ?? '');
    case 'footnoteReference':
      return `[^${node.label ?? node.identifier ?? ''}]`;
    case 'mdxJsxTextElement':
      return node.children?.length ? node.children.map((c) => inlineText(c, source)).join('') : jsxAlt(node);
    case 'textDirective':
      // `:name` inside prose is usually a colon in ordinary text ("ratio 3:one"), so give it back.
      return sourceSlice(node, source) ?? `:${node.name ?? ''}`;
    default:
      return (node.children ?? []).map((child) => inlineText(child, source)).join('');
  }
}

function prose(text: string): TextBlock[] {
  // Dropped JSX expressions leave double spaces behind; leading indentation (nested lists) stays.
  const trimmed = text
    .replace(/[ \t]+\n/g, '\n')
    .replace(/(\S)[ \t]{2,}/g, '$1 ')
    .trim();
  return trimmed ? [{ text: trimmed, code: false }] : [];
}

function fenced(value: string, lang: string): string {
  // A fence longer than any backtick run inside keeps nested fences readable and unambiguous.
  const longestRun = Math.max(2, ...[...value.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longestRun + 1);
  return `${fence}${lang}\n${value}\n${fence}`;
}

/** HTML with tables in it: each table as rows, the text around it as it is. */
function htmlWithTables(html: string): string {
  return html
    .split(/(<table\b[\s\S]*?(?:<\/table>|$))/i)
    .map((part) => (/^<table\b/i.test(part) ? `\n${htmlTableText(part)}\n` : htmlText(part)))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n');
}

function htmlText(html: string): string {
  return html
    .replace(/<!--[\s\S]*?(-->|$)/g, '')
    .replace(/<\/?[A-Za-z][^>]*>/g, ' ')
    .replace(/[ \t]{2,}/g, ' ')
    .trim();
}

function childBlocksText(node: MdNode, source: string): string {
  return (node.children ?? [])
    .flatMap((child) => blocksOf(child, source))
    .map((b) => b.text)
    .join('\n');
}

function listText(list: MdNode, source: string, level: number): string {
  const indent = '  '.repeat(level);
  return (list.children ?? [])
    .map((item, i) => {
      const bullet = list.ordered ? `${(list.start ?? 1) + i}.` : '-';
      const box = item.checked === true ? '[x] ' : item.checked === false ? '[ ] ' : '';
      const parts = (item.children ?? []).map((child) =>
        child.type === 'list'
          ? listText(child, source, level + 1)
          : blocksOf(child, source)
              .map((b) => b.text)
              .join('\n'),
      );
      const [first = '', ...rest] = parts.filter(Boolean);
      return [`${indent}${bullet} ${box}${first}`, ...rest].join('\n');
    })
    .join('\n');
}

/**
 * Tables become one line per row, cells joined with " | ", header first. A pipe inside a cell
 * ("<always&#124;never>", "string \| number") stays escaped as GFM writes it, so the row keeps
 * its cell count.
 */
function tableText(table: MdNode, source: string): string {
  return rowsText(
    (table.children ?? []).map((row) => (row.children ?? []).map((cell) => inlineText(cell, source))),
  );
}

function rowsText(rows: string[][]): string {
  return rows
    .filter((cells) => cells.length > 0)
    .map((cells) => cells.map((cell) => cell.replace(/\s+/g, ' ').trim().replace(/\|/g, '\\|')).join(' | '))
    .join('\n');
}

/**
 * An HTML table written into a page (`<table><tr><td>Ctrl+E</td><td>Export log data</td></tr>`)
 * reads as a Markdown one does: a row per line, its cells joined with " | ".
 */
function htmlTableText(html: string): string {
  const rows = [...html.matchAll(/<tr\b[^>]*>([\s\S]*?)(?:<\/tr>|(?=<tr\b)|$)/gi)].map((row) =>
    [...row[1]!.matchAll(/<t([dh])\b[^>]*>([\s\S]*?)(?:<\/t\1>|(?=<t[dh]\b)|$)/gi)].map((cell) =>
      htmlText(cell[2]!),
    ),
  );
  return rowsText(rows);
}

/** `:::tip[Title]` → "Tip: Title" followed by its content; unknown directives keep only their content. */
function admonitionBlocks(node: MdNode, source: string): TextBlock[] {
  const children = node.children ?? [];
  const labelNode = children.find((c) => c.type === 'paragraph' && c.data?.directiveLabel);
  const title = labelNode ? inlineText(labelNode, source).trim() : '';
  const content = children.filter((c) => c !== labelNode).flatMap((c) => blocksOf(c, source));
  const kind = ADMONITION_NAMES[node.name ?? ''];
  if (!kind) return content;
  const heading = title ? `${kind}: ${title}` : `${kind}:`;
  const [first, ...rest] = content;
  if (!first || first.code) return [{ text: heading, code: false }, ...content];
  return [{ text: `${heading}\n${first.text}`, code: false }, ...rest];
}

/** Props whose string values a reader sees on the page: tab labels, titles, captions, alt text. */
const READABLE_PROPS = ['title', 'label', 'summary', 'caption', 'alt', 'description'];

function jsxProps(node: MdNode): string[] {
  if (!Array.isArray(node.attributes)) return [];
  const attributes = node.attributes as { name?: string; value?: unknown }[];
  return READABLE_PROPS.flatMap((name) => {
    const value = attributes.find((a) => a.name === name)?.value;
    return typeof value === 'string' && value.trim() ? [value.trim()] : [];
  });
}

/**
 * A component's readable props lead its content the way an admonition's title does
 * (`<TabItem label="Python">` → "Python: …"); a childless one such as `<Figure alt="…" />` is its props.
 */
function jsxFlowBlocks(node: MdNode, source: string): TextBlock[] {
  if (node.name === 'table') return prose(jsxTableText(node, source));
  const label = [...new Set(jsxProps(node))].join(' — ');
  const content = (node.children ?? []).flatMap((c) => blocksOf(c, source));
  if (!label) return content;
  const [first, ...rest] = content;
  if (!first) return prose(label);
  if (first.code) return [...prose(`${label}:`), ...content];
  return [{ text: `${label}: ${first.text}`, code: false }, ...rest];
}

/**
 * `<table>` written as JSX in an MDX page: its `<tr>` rows, wherever MDX put them (inside
 * `<thead>`/`<tbody>`, or in a paragraph when a row is written on one line), and their cells.
 */
function jsxTableText(table: MdNode, source: string): string {
  const within = (node: MdNode, names: string[], stop: string[]): MdNode[] =>
    (node.children ?? []).flatMap((child) =>
      names.includes(child.name ?? '')
        ? [child]
        : stop.includes(child.name ?? '')
          ? []
          : within(child, names, stop),
    );
  const cellText = (cell: MdNode) =>
    cell.type === 'mdxJsxTextElement'
      ? inlineText(cell, source)
      : (cell.children ?? []).flatMap((c) => blocksOf(c, source).map((b) => b.text)).join(' ');
  return rowsText(
    within(table, ['tr'], ['table']).map((row) => within(row, ['td', 'th'], ['table', 'tr']).map(cellText)),
  );
}

/** The readable props of an inline component with no children. */
function jsxAlt(node: MdNode): string {
  return jsxProps(node).join(' — ');
}

function sourceSlice(node: MdNode, source: string): string | undefined {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  return start === undefined || end === undefined ? undefined : source.slice(start, end);
}
