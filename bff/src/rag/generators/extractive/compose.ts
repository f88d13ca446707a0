import type { GeneratedCitation, Level, SearchHit } from '../../types.js';
import { isStopword } from '../../retrieval/terms.js';
import type { ScoredUnit, Selection } from './select.js';

const MAX_CODE_LINES = 30;

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
  selection: Selection;
  documents: SearchHit[];
  selectedText?: string;
}

export interface Composed {
  text: string;
  citations: GeneratedCitation[];
}

export function composeAnswer(input: ComposeInput): Composed {
  const markers = new CitationMarkers(input.documents);
  const lowercase = lowercaseWords(input.documents);
  // Markers are numbered as text is produced, so every part is built in reading order.
  const cite = (s: ScoredUnit) =>
    withMarker(plain(s.unit.text, input.level), markers.marker(s.unit.docIndex));
  const framed = (s: ScoredUnit) => interestSentence(s, cite(s), lowercase);
  const { lead, interest, rest } = arrange(input.selection.prose, input.level);
  const parts: string[] = [];
  if (input.selectedText) parts.push(`You highlighted: “${excerpt(input.selectedText, 160)}”`);

  switch (input.level) {
    case 'Beginner': {
      // One short paragraph: definition first, the interest woven in last, nothing technical.
      const sentences = [...lead.map(cite), ...rest.map(cite), ...(interest ? [framed(interest)] : [])];
      parts.push(`**In plain words:** ${sentences.join(' ')}`);
      break;
    }
    case 'Advanced': {
      const [withBlock, bullets] = partition(rest, (s) => s.unit.attached !== undefined);
      parts.push(`**Technical detail:** ${lead.map(cite).join(' ')}`);
      if (interest) parts.push(framed(interest));
      if (bullets.length) parts.push(bullets.map((s) => `- ${cite(s)}`).join('\n'));
      // A sentence that introduces a formula or code keeps its block right after it.
      for (const s of withBlock) {
        const intro = `${s.unit.text.replace(/:$/, '')} ${markers.marker(s.unit.docIndex)}:`;
        parts.push(`${intro}\n\n${trimCode(s.unit.attached!.text)}`);
      }
      for (const f of input.selection.formulas)
        parts.push(`Key equation ${markers.marker(f.unit.docIndex)}:\n\n${f.unit.text}`);
      for (const c of input.selection.code)
        parts.push(`Code ${markers.marker(c.unit.docIndex)}:\n\n${trimCode(c.unit.text)}`);
      break;
    }
    default:
      parts.push(lead.map(cite).join(' '));
      if (interest) parts.push(framed(interest));
      if (rest.length) parts.push(`**Key details:**\n${rest.map((s) => `- ${cite(s)}`).join('\n')}`);
  }
  return { text: parts.filter(Boolean).join('\n\n'), citations: markers.citations };
}

function partition<T>(items: T[], test: (item: T) => boolean): [T[], T[]] {
  return [items.filter(test), items.filter((i) => !test(i))];
}

/** The opening sentences, the one interest sentence (framed separately) and the rest. */
function arrange(prose: ScoredUnit[], level: Level | 'default') {
  const interest = prose.find((s) => s.interest);
  const others = prose.filter((s) => s !== interest);
  const leadCount = level === 'Beginner' ? others.length : level === 'Advanced' ? 3 : 2;
  // A list item reads badly inside a paragraph: the lead takes sentences, the bullets take items.
  const sentences = others.filter((s) => s.unit.kind === 'sentence' && !s.unit.attached);
  const lead = (sentences.length ? sentences : others).slice(0, leadCount);
  return { lead, interest, rest: others.filter((s) => !lead.includes(s)) };
}

function interestSentence(scored: ScoredUnit, text: string, lowercase: Set<string>): string {
  return `Since you're interested in ${scored.interest}, note that ${lowerFirst(text, lowercase)}`;
}

/**
 * Lower-cases the first word when it is an ordinary word ("The", or one the passages also write
 * in lower case) and leaves names like "ROS 2" or "Gazebo" alone.
 */
function lowerFirst(text: string, lowercase: Set<string>): string {
  const first = /^[A-Z][a-z]*\b/.exec(text)?.[0];
  if (!first) return text;
  const word = first.toLowerCase();
  return isStopword(word) || lowercase.has(word) ? word + text.slice(first.length) : text;
}

function lowercaseWords(documents: SearchHit[]): Set<string> {
  return new Set(documents.flatMap((d) => d.payload.text.match(/\b[a-z]+\b/g) ?? []));
}

/** The marker goes before the closing punctuation: "… a body [1]." */
function withMarker(text: string, marker: string): string {
  if (!marker) return text;
  const end = /([.!?:;]+)([”"')\]]*)$/.exec(text);
  if (!end) return `${text} ${marker}.`;
  return `${text.slice(0, end.index)} ${marker}${end[1] === ':' || end[1] === ';' ? '.' : end[1]}${end[2]}`;
}

/** Beginners get prose without Markdown emphasis or backticks. */
function plain(text: string, level: Level | 'default'): string {
  const unboxed = text.replace(/^\[[ x]\]\s+/, '');
  if (level !== 'Beginner') return unboxed;
  return unboxed.replace(/\*\*([^*]+)\*\*/g, '$1').replace(/`([^`]+)`/g, '$1');
}

function trimCode(block: string): string {
  const lines = block.split('\n');
  if (lines.length <= MAX_CODE_LINES + 2) return block;
  const fence = lines[lines.length - 1]!;
  return [...lines.slice(0, MAX_CODE_LINES + 1), '…', fence].join('\n');
}

function excerpt(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max).replace(/\s+\S*$/, '')}…`;
}
