import { contentTerms, isStopword, tokenize } from '../../retrieval/terms.js';
import type { ChunkPayload } from '../../types.js';
import { isAsideSection } from './non-content.js';
import { splitUnits, type Unit } from './units.js';

/**
 * The book's own definitions, collected once from every chunk when the index loads: glossary
 * entries ("**Term**: …", "Term — …", a definition list) and definitional sentences ("A topic is
 * a named channel …"). A Beginner's answer opens by defining the terms it uses with these.
 */
export interface Definition {
  /** The term as the book writes it. */
  term: string;
  /** The stemmed content words of the term: the lookup key. */
  terms: string[];
  /** One sentence, the book's words. */
  text: string;
  /** A glossary entry beats a sentence that happens to define. */
  fromGlossary: boolean;
}

const ENTRY = /^\*\*([^*]{2,60})\*\*\s*(?::|—|–|-|\bis\b|\bare\b)\s*(.{10,})$/;
const PLAIN_ENTRY = /^([A-Z][\w\s()/-]{1,50}?)\s*(?::|—|–)\s+((?:an?|the|any|one|two|when|how)\b.{10,})$/i;
const SENTENCE =
  /^(?:an?\s+|the\s+)?([A-Za-z][\w\s()/-]{1,50}?)\s+(?:is|are|refers to|means|denotes|is called)\s+(?:an?|the|any|one|when|how)\b/;
/**
 * On a glossary page every "Term: what it is" line is an entry, however its definition opens
 * ("DOF (Degrees of Freedom): Independent parameters defining configuration."); ingest has
 * already dropped the bold that marks the term elsewhere.
 */
const GLOSSARY_LINE = /^([A-Z][\w\s()/+&.-]{0,50}?)\s*(?::|—|–)\s+(\S.{3,})$/;
const GLOSSARY_PAGE = /\b(?:glossary|terminology|key terms|vocabulary|definitions of terms|list of terms)\b/i;

/** A page or section that lists a book's terms with their meanings, by its title in any book. */
export function isGlossaryPage(headings: string[]): boolean {
  return headings.some((h) => GLOSSARY_PAGE.test(h));
}

/** A definition longer than this is an explanation, not a definition. */
const MAX_DEFINITION_WORDS = 40;
const MAX_TERM_WORDS = 5;

export class Glossary {
  private readonly byKey = new Map<string, Definition>();

  static fromPayloads(payloads: ChunkPayload[]): Glossary {
    const glossary = new Glossary();
    for (const payload of payloads) {
      if (isAsideSection(payload.heading_path)) continue;
      const page = isGlossaryPage([payload.title, ...payload.heading_path]);
      const heading = payload.heading_path.at(-1);
      for (const unit of splitUnits(payload.text)) glossary.consider(unit, page, heading);
    }
    return glossary;
  }

  static fromUnits(units: Unit[]): Glossary {
    const glossary = new Glossary();
    for (const unit of units) glossary.consider(unit);
    return glossary;
  }

  /** Adds the unit if it defines a term; keeps the better of two definitions of one term. */
  consider(unit: Unit, onGlossaryPage = false, heading?: string): void {
    const definition = definitionIn(unit, onGlossaryPage, heading);
    if (!definition) return;
    const key = definition.terms.join(' ');
    const existing = this.byKey.get(key);
    if (!existing || better(definition, existing)) this.byKey.set(key, definition);
  }

  lookup(terms: string[]): Definition | undefined {
    return this.byKey.get(terms.join(' '));
  }

  /**
   * The defined terms a unit uses, longest term first ("zero moment point" before "point"), each
   * term once, skipping terms inside a longer one already found.
   */
  termsIn(unitTerms: string[]): Definition[] {
    const found: Definition[] = [];
    const covered = new Set<number>();
    for (let length = MAX_TERM_WORDS; length >= 1; length--) {
      for (let i = 0; i + length <= unitTerms.length; i++) {
        if ([...Array(length).keys()].some((k) => covered.has(i + k))) continue;
        const definition = this.byKey.get(unitTerms.slice(i, i + length).join(' '));
        if (!definition) continue;
        found.push(definition);
        for (let k = 0; k < length; k++) covered.add(i + k);
      }
    }
    return found;
  }

  get size(): number {
    return this.byKey.size;
  }
}

function better(a: Definition, b: Definition): boolean {
  if (a.fromGlossary !== b.fromGlossary) return a.fromGlossary;
  return a.text.length < b.text.length;
}

/** The definition a unit states (a glossary entry or a definitional sentence), if it states one. */
export function definitionIn(unit: Unit, onGlossaryPage: boolean, heading?: string): Definition | undefined {
  if (unit.aside || (unit.kind !== 'sentence' && unit.kind !== 'item')) return undefined;
  if (unit.words > MAX_DEFINITION_WORDS || /\$|`/.test(unit.text)) return undefined;
  const entry =
    ENTRY.exec(unit.text) ??
    (unit.kind === 'item' ? PLAIN_ENTRY.exec(unit.text) : null) ??
    (onGlossaryPage ? GLOSSARY_LINE.exec(unit.text) : null);
  // "## Voice-to-Action" then "**Definition**: The capability that …": the entry defines its heading.
  if (entry && DEFINITION_LABEL.test(entry[1]!.trim()))
    return heading ? make(heading, unit.text, true) : undefined;
  if (entry) return make(entry[1]!, unit.text, true);
  const sentence = SENTENCE.exec(unit.text);
  if (sentence && /[.!]$/.test(unit.text)) return make(sentence[1]!, unit.text, false);
  return undefined;
}

/** The label of the line that says what the section's term means. */
export const DEFINITION_LABEL = /^(?:definition|meaning|what it is|description)$/i;

/**
 * The other fields of a glossary entry ("Context:", "Related Terms:", "Example:", "See also:"),
 * and the headings of a section's parts ("Overview", "Arguments", "Returns") that a "Description:"
 * line sits under: none is a term a reader needs defined.
 */
const ENTRY_FIELD =
  /^(?:context|related(?: terms?| concepts?)?|see also|also see|usage|use cases?|examples?|notes?|synonyms?|also known as|aka|why it matters|key points?|references?|sources?|overview|introduction|arguments|parameters|returns|return value|options|properties)$/i;

const DISCOURSE =
  /^(?:following|above|below|former|latter|next|previous|first|last|rest|other|same|result|results|goal|idea|problem|solution|answer|reason|difference|example|point|key|trick|catch|advantage|downside|benefit|purpose|default|outline|output|summary|takeaway|rule|good news|bad news|question|step|final step|end result)$/i;

/** "X is the hardest part", "X is the main reason": a judgement, not a definition. */
const JUDGEMENT =
  /\b(?:is|are)\s+(?:the|a|an)\s+(?:\w+est|most|least|main|key|first|last|best|only|same|real|other|biggest|one of)\b/i;

function make(rawTerm: string, text: string, fromGlossary: boolean): Definition | undefined {
  if (!fromGlossary && JUDGEMENT.test(text)) return undefined;
  const term = rawTerm
    .replace(/\s*\([^)]*\)\s*$/, '')
    .replace(/^(?:an?|the)\s+/i, '')
    .trim();
  const terms = contentTerms(term);
  if (terms.length === 0 || terms.length > MAX_TERM_WORDS) return undefined;
  // "Because URDF is a tree …", "If the gain is …": a clause, not a term.
  const first = tokenize(term)[0];
  if (!first || isStopword(first)) return undefined;
  // "It is …", "This is …", "One reason is …" define nothing.
  if (/^(?:it|this|that|these|those|they|there|here|one|each|another|what|which)\b/i.test(term))
    return undefined;
  // "Note that this is …", "Redux at its core is …", "What we need is …": a clause, not a name.
  if (/\b(?:that|this|these|those|which|who|we|you|its|their|our|your|if|when|because)\b/i.test(term))
    return undefined;
  // "The following is the outline …", "The result is …": words that point, not terms of the subject.
  if (DISCOURSE.test(term) || ENTRY_FIELD.test(term) || DEFINITION_LABEL.test(term)) return undefined;
  return { term, terms, text: text.replace(/\*\*([^*]+)\*\*/g, '$1'), fromGlossary };
}
