import { contentTerms, tokenize } from '../../retrieval/terms.js';

/**
 * A passage cut into the pieces an extractive answer is assembled from: prose sentences, list
 * items, code blocks and display formulas. Code and formulas stay whole; prose is split into
 * sentences by the runtime's ICU sentence segmenter (it knows "e.g." and "3.5").
 */
export type UnitKind = 'sentence' | 'item' | 'code' | 'formula';

export interface Unit {
  kind: UnitKind;
  /** Markdown as it should appear in the answer (list bullets removed). */
  text: string;
  /** Index of the document (retrieved passage) it came from; -1 for the reader's selection. */
  docIndex: number;
  /** Position within its passage, from 0. */
  position: number;
  /** Stemmed content words. */
  terms: Set<string>;
  words: number;
  /**
   * The code block or formula that completes this sentence ("the output is:" followed by $$…$$):
   * the two are quoted together or not at all.
   */
  attached?: Unit;
}

const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

const FENCE_OPEN = /^(`{3,}|~{3,})\s*([\w-]*)/;
/** Diagram sources render as pictures on the page; as text in an answer they are noise. */
const DIAGRAM_LANGUAGES = new Set(['mermaid', 'plantuml', 'dot', 'graphviz']);
const LIST_ITEM = /^\s*(?:[-*+]|\d+[.)])\s+(?:\[[ x]\]\s+)?/;
/** Table rows and admonition labels read badly out of context. */
const SKIPPED_LINE =
  /(^\s*\|?[-:| ]+\|?\s*$)|( \| .* \| )|(^(Note|Tip|Info|Warning|Caution|Danger|Important):\s*$)/;

export function splitUnits(markdown: string, docIndex: number): Unit[] {
  const units: Unit[] = [];
  const add = (kind: UnitKind, text: string) => {
    const trimmed = text.trim();
    if (!trimmed) return;
    units.push({
      kind,
      text: trimmed,
      docIndex,
      position: units.length,
      terms: new Set(kind === 'code' ? contentTerms(codeWords(trimmed)) : contentTerms(trimmed)),
      words: tokenize(trimmed).length,
    });
  };
  const lines = markdown.split('\n');
  let paragraph: string[] = [];
  const flush = () => {
    for (const sentence of sentencesOf(paragraph.join(' '))) add('sentence', sentence);
    paragraph = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const fence = FENCE_OPEN.exec(line.trim());
    if (fence) {
      flush();
      const end = closingLine(lines, i, fence[1]!);
      if (!DIAGRAM_LANGUAGES.has(fence[2]!.toLowerCase())) add('code', lines.slice(i, end + 1).join('\n'));
      i = end;
    } else if (line.trim() === '$$') {
      flush();
      const end = lines.findIndex((l, j) => j > i && l.trim() === '$$');
      const last = end === -1 ? lines.length - 1 : end;
      add('formula', lines.slice(i, last + 1).join('\n'));
      i = last;
    } else if (LIST_ITEM.test(line)) {
      flush();
      add('item', line.replace(LIST_ITEM, ''));
    } else if (!line.trim() || SKIPPED_LINE.test(line)) {
      flush();
    } else {
      paragraph.push(line.trim());
    }
  }
  flush();
  attachLeadIns(units);
  return units;
}

/** A sentence that ends in ":" or without a full stop, right before a block, introduces it. */
function attachLeadIns(units: Unit[]): void {
  for (let i = 0; i + 1 < units.length; i++) {
    const unit = units[i]!;
    const next = units[i + 1]!;
    const isBlock = next.kind === 'code' || next.kind === 'formula';
    if (isBlock && unit.kind !== 'code' && unit.kind !== 'formula' && !/[.!?]["')\]]*$/.test(unit.text)) {
      unit.attached = next;
    }
  }
}

function sentencesOf(text: string): string[] {
  return [...segmenter.segment(text)].map((s) => s.segment.trim()).filter(Boolean);
}

function closingLine(lines: string[], open: number, fence: string): number {
  for (let j = open + 1; j < lines.length; j++) {
    if (lines[j]!.trim().startsWith(fence) && lines[j]!.trim().replace(/[`~]/g, '') === '') return j;
  }
  return lines.length - 1;
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
