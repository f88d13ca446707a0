import { contentTerms, tokenize } from '../../retrieval/terms.js';
import { asideHeading, isAsideText, isReferenceEntry } from './non-content.js';

/**
 * A passage cut into the pieces an extractive answer is assembled from: prose sentences, list
 * items, tables, code blocks and display formulas. Code, formulas and tables stay whole; prose is
 * split into sentences by the runtime's ICU sentence segmenter (it knows "e.g." and "3.5").
 */
export type UnitKind = 'sentence' | 'item' | 'table' | 'code' | 'formula';

export interface TableRow {
  cells: string[];
  terms: Set<string>;
}

export interface Unit {
  kind: UnitKind;
  /** Markdown as it should appear in the answer (list bullets removed; tables as Markdown tables). */
  text: string;
  /** Position within its passage, from 0. */
  position: number;
  /** Which paragraph, list or block of the passage it belongs to. */
  block: number;
  /** Stemmed content words. */
  terms: Set<string>;
  words: number;
  /** Items of one list share its block; ordered lists are steps. */
  ordered?: boolean;
  /** A table's header and body rows. */
  header?: string[];
  rows?: TableRow[];
  /** Exercise, objective, caption, reference or transition wording: about the page, not the subject. */
  aside: boolean;
  /**
   * The code block, formula or table that completes this sentence ("the output is:" followed by
   * $$…$$): the two are quoted together or not at all.
   */
  attached?: Unit;
  /**
   * For a sentence that ends in ":" right before a list ("Xacro adds three things:"): the list's
   * block. For an item of such a list: the sentence that introduces it. Read together or not at all.
   */
  introduces?: number;
  intro?: Unit;
  /**
   * For a sentence that opens on "It", "This", "They"… and leans on the sentence before it in its
   * paragraph ("Prettier's printWidth option does not work the same way. It is not the hard upper
   * … limit."): that sentence, which says what "it" is.
   */
  antecedent?: Unit;
}

const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

const FENCE_OPEN = /^(`{3,}|~{3,})\s*([\w-]*)/;
/** Diagram sources render as pictures on the page; as text in an answer they are noise. */
const DIAGRAM_LANGUAGES = new Set(['mermaid', 'plantuml', 'dot', 'graphviz']);
const LIST_ITEM = /^\s*(?:([-*+])|\d+[.)])\s+(?:\[[ x]\]\s+)?/;
/** Admonition labels alone on a line ("Tip:") say nothing. */
const LABEL_LINE = /^(Note|Tip|Info|Warning|Caution|Danger|Important):\s*$/;
/** Ingest writes table rows as cells joined by " | "; Markdown sources may keep the pipes. */
const TABLE_SEPARATOR = /^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/;

export function splitUnits(markdown: string): Unit[] {
  const units: Unit[] = [];
  let block = 0;
  // A subsection heading inside the passage comes as a line of its own ("Further information"). An
  // aside one ("Summary", "Exercises") makes what follows aside up to the next heading; one of
  // references, to the passage's end (its lists of links have headings of their own: "Discussions").
  let inAside: 'references' | 'aside' | null = null;
  const add = (kind: UnitKind, text: string, extra: Partial<Unit> = {}) => {
    const trimmed = text.trim();
    if (!trimmed) return;
    const words = kind === 'code' ? codeWords(trimmed) : trimmed;
    units.push({
      kind,
      text: trimmed,
      position: units.length,
      block,
      terms: new Set(contentTerms(words)),
      words: tokenize(trimmed).length,
      aside: inAside !== null || (kind !== 'code' && kind !== 'formula' && isAsideText(trimmed)),
      ...extra,
    });
  };
  const lines = markdown.split('\n');
  let paragraph: string[] = [];
  let listOrdered: boolean | undefined;
  const flush = () => {
    if (paragraph.length) {
      const text = paragraph.join(' ');
      if (paragraph.length === 1 && isHeadingLine(text) && inAside !== 'references')
        inAside = asideHeading(text);
      for (const sentence of isReferenceEntry(text) ? [text] : sentencesOf(text)) add('sentence', sentence);
      block++;
    }
    paragraph = [];
  };
  const endList = () => {
    if (listOrdered !== undefined) block++;
    listOrdered = undefined;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const fence = FENCE_OPEN.exec(line.trim());
    const table = fence ? 0 : tableLength(lines, i);
    if (fence) {
      flush();
      endList();
      const end = closingLine(lines, i, fence[1]!);
      // A block the chunk cut off is left out: code is quoted whole or not at all.
      const whole = end !== -1;
      const last = whole ? end : lines.length - 1;
      if (whole && !DIAGRAM_LANGUAGES.has(fence[2]!.toLowerCase()))
        add('code', lines.slice(i, last + 1).join('\n'));
      block++;
      i = last;
    } else if (line.trim() === '$$') {
      flush();
      endList();
      const end = lines.findIndex((l, j) => j > i && l.trim() === '$$');
      const last = end === -1 ? lines.length - 1 : end;
      if (end !== -1) add('formula', lines.slice(i, last + 1).join('\n'));
      block++;
      i = last;
    } else if (table > 0) {
      flush();
      endList();
      addTable(lines.slice(i, i + table), add);
      block++;
      i += table - 1;
    } else if (LIST_ITEM.test(line)) {
      flush();
      const ordered = !LIST_ITEM.exec(line)![1];
      if (listOrdered !== undefined && listOrdered !== ordered) endList();
      listOrdered = ordered;
      add('item', line.replace(LIST_ITEM, ''), { ordered });
    } else if (!line.trim() || LABEL_LINE.test(line.trim())) {
      flush();
      endList();
    } else if (listOrdered !== undefined && /^\s{2,}\S/.test(line) && units.at(-1)?.kind === 'item') {
      // A list item's continuation line.
      const last = units.pop()!;
      add('item', `${last.text} ${line.trim()}`, { ordered: last.ordered });
    } else {
      endList();
      paragraph.push(line.trim());
    }
  }
  flush();
  attachLeadIns(units);
  attachAntecedents(units);
  return units;
}

/**
 * Words this few alone on a line, with no closing punctuation and no "Label:" (which labels a
 * statement: "Problem: URDF is verbose"): a heading's words, not a sentence.
 */
const HEADING_WORDS = 6;

function isHeadingLine(text: string): boolean {
  return !/[.,;:!?]["')\]*_]*$/.test(text) && !text.includes(':') && tokenize(text).length <= HEADING_WORDS;
}

/** Number of lines from `start` that form a table: two or more rows with the same cell count. */
function tableLength(lines: string[], start: number): number {
  const cells = (line: string) => (TABLE_SEPARATOR.test(line) ? -1 : cellsOf(line).length);
  const width = cells(lines[start]!);
  if (width < 2) return 0;
  let end = start + 1;
  while (end < lines.length && (cells(lines[end]!) === width || cells(lines[end]!) === -1)) end++;
  return end - start >= 2 ? end - start : 0;
}

function cellsOf(line: string): string[] {
  const trimmed = line.trim();
  if (!trimmed.includes(' | ') && !/^\|.*\|$/.test(trimmed)) return [];
  // "\|" is a pipe inside a cell ("<always\|never>"), not a cell's end.
  return trimmed
    .replace(/^\|/, '')
    .replace(/(?<!\\)\|$/, '')
    .split(/(?<!\\)\|/)
    .map((c) => c.trim().replace(/\\\|/g, '|'));
}

function addTable(lines: string[], add: (kind: UnitKind, text: string, extra?: Partial<Unit>) => void): void {
  const [header = [], ...body] = lines.filter((l) => !TABLE_SEPARATOR.test(l)).map(cellsOf);
  const rows = body.map((cells) => ({ cells, terms: new Set(contentTerms(cells.join(' '))) }));
  add('table', markdownTable(header, body), { header, rows });
}

/** A GFM table: the widget renders it as a table, any Markdown reader can read it as text. */
export function markdownTable(header: string[], body: string[][]): string {
  const row = (cells: string[]) => `| ${cells.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`;
  return [row(header), `|${header.map(() => ' --- ').join('|')}|`, ...body.map(row)].join('\n');
}

/**
 * A sentence that ends in ":" or without a full stop, right before a block, introduces it; one
 * that ends in ":" right before a list introduces the list (its items say nothing without it:
 * "It must never return undefined" is a rule of what?).
 */
/** Opens on a pronoun or a demonstrative that points back ("It is …", "This approach …", "They …"). */
const LEANS = /^(?:it|its|this|these|they|their|that|those|such)\b(?!['’])/i;

/** A sentence that leans on the one before it in its paragraph gets that one as its antecedent. */
function attachAntecedents(units: Unit[]): void {
  for (let i = 1; i < units.length; i++) {
    const unit = units[i]!;
    const before = units[i - 1]!;
    if (unit.kind !== 'sentence' || before.kind !== 'sentence' || before.block !== unit.block) continue;
    if (LEANS.test(unit.text) && !before.aside && !/[:?]["')\]*_]*$/.test(before.text))
      unit.antecedent = before;
  }
}

function attachLeadIns(units: Unit[]): void {
  for (let i = 0; i + 1 < units.length; i++) {
    const unit = units[i]!;
    const next = units[i + 1]!;
    const isBlock = next.kind === 'code' || next.kind === 'formula' || next.kind === 'table';
    if (isBlock && (unit.kind === 'sentence' || unit.kind === 'item') && !/[.!?]["')\]]*$/.test(unit.text)) {
      unit.attached = next;
    } else if (
      next.kind === 'item' &&
      unit.kind === 'sentence' &&
      (/:["')\]*_]*$/.test(unit.text) || headsList(units, i))
    ) {
      unit.introduces = next.block;
      for (let j = i + 1; j < units.length && units[j]!.block === next.block; j++) units[j]!.intro = unit;
    }
  }
}

/**
 * "G5 Instance Family" alone on its line before a list: a sub-heading the chunk keeps as text (a
 * heading below the chunk's own), which names what the list's items are about as a lead-in does.
 */
function headsList(units: Unit[], i: number): boolean {
  const unit = units[i]!;
  return units[i - 1]?.block !== unit.block && units[i + 1]!.block !== unit.block && isHeadingLine(unit.text);
}

/**
 * The sentences of a paragraph. ICU also breaks where no space follows the full stop ("a
 * 10.TE.AM.2 address", "set x.Y first"): a sentence ends before a space or the end of the text.
 */
export function sentencesOf(text: string): string[] {
  const sentences: string[] = [];
  let pending = '';
  for (const { segment } of segmenter.segment(text)) {
    pending += segment;
    if (/\s$/.test(segment)) {
      sentences.push(pending.trim());
      pending = '';
    }
  }
  sentences.push(pending.trim());
  return sentences.filter(Boolean);
}

function closingLine(lines: string[], open: number, fence: string): number {
  for (let j = open + 1; j < lines.length; j++) {
    if (lines[j]!.trim().startsWith(fence) && lines[j]!.trim().replace(/[`~]/g, '') === '') return j;
  }
  return -1;
}

/** Identifiers in code read as words: create_publisher → create publisher, JointState → joint state. */
function codeWords(code: string): string {
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/[_.]/g, ' ');
}

export function hasCode(text: string): boolean {
  return /`/.test(text) || /\b\w+\([^)]*\)/.test(text);
}

export function hasFormula(text: string): boolean {
  return /\$[^$\s][^$]*\$/.test(text) || /\\[a-z]+\{/.test(text);
}
