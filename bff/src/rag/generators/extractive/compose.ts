import type { GeneratedCitation, Level, SearchHit } from '../../types.js';
import type { Glossary } from './glossary.js';
import { LEVEL_SHAPES, type LevelShape } from './level-shapes.js';
import { everydayWords, formulaInWords, spokenInline, splitLong, withoutAsides } from './plain-words.js';
import { tableRowFor, type ScoredUnit, type Selection } from './select.js';
import type { Question } from './question.js';
import type { Unit } from './units.js';

/**
 * Numbers sources in the order the answer first uses them, so [1] is always the first marker a
 * reader meets. Passages with the same URL share a number.
 */
class CitationMarkers {
  private readonly byUrl = new Map<string, number>();
  readonly citations: GeneratedCitation[] = [];

  constructor(private readonly documents: SearchHit[]) {}

  marker(docIndex: number): string {
    const doc = this.documents[docIndex];
    if (!doc) return '';
    let n = this.byUrl.get(doc.payload.url);
    if (n === undefined) {
      this.citations.push({ documentIndex: docIndex });
      n = this.citations.length;
      this.byUrl.set(doc.payload.url, n);
    }
    return `[${n}]`;
  }
}

export interface ComposeInput {
  level: Level | 'default';
  question: Question;
  selection: Selection;
  documents: SearchHit[];
  glossary?: Glossary;
  selectedText?: string;
}

export interface Composed {
  text: string;
  citations: GeneratedCitation[];
}

export function composeAnswer(input: ComposeInput): Composed {
  const shape = LEVEL_SHAPES[input.level];
  const markers = new CitationMarkers(input.documents);
  const cite = (s: ScoredUnit) => markers.marker(s.doc);
  const parts: string[] = [];
  if (input.selectedText) parts.push(`You highlighted: “${excerpt(input.selectedText, 160)}”`);
  const { lead, support, blocks } = input.selection;
  const plain = shape.plainWords && !input.question.wantsCode;

  if (input.level === 'Beginner') {
    const definitions = wordsToKnow(input, [...lead, ...support]);
    if (definitions.length) parts.push(definitions.join('\n'));
  }
  parts.push(renderLead(lead, input.question, shape, plain, cite));
  const chosenSupport = support.slice(0, shape.support).filter((s) => !plain || s.unit.words <= 45);
  if (chosenSupport.length) {
    const lines = chosenSupport.map((s) => withMarker(sayUnit(s.unit, shape), cite(s)));
    parts.push(shape.bullets ? lines.map((l) => `- ${l}`).join('\n') : lines.join(' '));
  }
  for (const block of chooseBlocks(lead, blocks, shape, input.question)) {
    parts.push(`${block.unit.kind === 'code' ? 'Code' : block.unit.kind === 'table' ? 'Table' : 'Formula'} ${cite(block)}:\n\n${block.unit.text}`);
  }
  const interest = [...lead, ...chosenSupport].find((s) => s.interest)?.interest;
  if (interest) parts.push(`This part of the book bears on ${interest}, one of your interests.`);
  return { text: parts.filter(Boolean).join('\n\n'), citations: markers.citations };
}

/** The answering unit, at every level: the same fact, written for the reader. */
function renderLead(
  lead: ScoredUnit[],
  question: Question,
  shape: LevelShape,
  plain: boolean,
  cite: (s: ScoredUnit) => string,
): string {
  const [first] = lead;
  if (!first) return '';
  if (lead.length > 1) {
    const ordered = first.unit.ordered;
    return lead
      .map((s, i) => `${ordered ? `${i + 1}.` : '-'} ${withMarker(sayUnit(s.unit, shape, true), i === 0 ? cite(s) : '')}`)
      .join('\n');
  }
  const unit = first.unit;
  if (unit.kind === 'table') {
    if (!plain) return `${unit.text}\n\n${cite(first)}`;
    return withMarker(rowInWords(unit, question), cite(first));
  }
  const said = withMarker(sayUnit(unit, shape, true), cite(first));
  const block = unit.attached;
  if (!block || (plain && block.kind !== 'formula')) return said;
  if (block.kind === 'formula' && plain) return `${said} ${formulaInWords(block.text.replace(/\$\$/g, ''))}.`;
  if (block.kind === 'code' && block.text.split('\n').length > shape.maxCodeLines) return said;
  return `${said}\n\n${block.text}`;
}

/** One unit in the level's words: Beginners get short plain sentences, the others the book's own. */
function sayUnit(unit: Unit, shape: LevelShape, isLead = false): string {
  const text = unit.text.replace(/^\[[ x]\]\s+/, '');
  if (!shape.plainWords) return text;
  // The answering sentence keeps its words (the fact must survive), but it is still split when long.
  const spoken = spokenInline(isLead ? text : everydayWords(withoutAsides(text)));
  return splitLong(spoken).join(' ');
}

/** "Which port does X use?" against a table: the row that holds X, said as a sentence. */
function rowInWords(unit: Unit, question: Question): string {
  const header = unit.header ?? [];
  const index = tableRowFor(unit, question) ?? 0;
  const row = unit.rows?.[index]?.cells ?? [];
  const pairs = row.slice(1).map((cell, i) => `${header[i + 1] ?? 'value'} is ${cell}`);
  return `For ${row[0] ?? 'this case'}, ${pairs.join(', ')}.`;
}

/** Formulas, code and tables for the levels that take them, whole or not at all. */
function chooseBlocks(lead: ScoredUnit[], blocks: ScoredUnit[], shape: LevelShape, question: Question) {
  const allow = question.wantsCode ? Math.max(shape.blocks, 1) : shape.blocks;
  if (allow === 0) return [];
  const shown = new Set(lead.map((s) => s.unit.attached).filter(Boolean));
  return blocks
    .filter((b) => !shown.has(b.unit) && !lead.some((l) => l.unit === b.unit))
    .filter((b) => b.unit.kind !== 'code' || b.unit.text.split('\n').length <= shape.maxCodeLines)
    .filter((b) => b.unit.kind !== 'table' || shape.technical || question.type !== 'definition')
    .slice(0, allow);
}

/**
 * Beginners meet the answer's terms defined first, in the book's own words: up to two terms the
 * lead and its support use that the book defines elsewhere (a glossary entry or a definitional
 * sentence), except a definition the answer already quotes.
 */
function wordsToKnow(input: ComposeInput, chosen: ScoredUnit[]): string[] {
  if (!input.glossary) return [];
  const quoted = new Set(chosen.map((s) => s.unit.text.replace(/\*\*/g, '')));
  const seen = new Set<string>();
  const out: string[] = [];
  for (const s of chosen) {
    for (const definition of input.glossary.termsIn([...s.unit.terms])) {
      const key = definition.terms.join(' ');
      if (seen.has(key) || quoted.has(definition.text) || out.length >= 2) continue;
      seen.add(key);
      const sentences = splitLong(spokenInline(everydayWords(withoutAsides(definition.text))));
      out.push(`- **${definition.term}**: ${sentences.join(' ').replace(new RegExp(`^\\**${escape(definition.term)}\\**\\s*[:—–-]\\s*`, 'i'), '')}`);
    }
  }
  return out.length ? ['Words to know:', ...out] : [];
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The marker goes before the closing punctuation: "… a body [1]." */
export function withMarker(text: string, marker: string): string {
  if (!marker) return text;
  const end = /([.!?:;]+)([”"')\]*_]*)$/.exec(text);
  if (!end) return `${text} ${marker}.`;
  return `${text.slice(0, end.index)} ${marker}${end[1] === ';' ? '.' : end[1]}${end[2]}`;
}

function excerpt(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max).replace(/\s+\S*$/, '')}…`;
}
