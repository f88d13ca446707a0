import type { Level } from '../../types.js';
import { contentTerms } from '../../retrieval/terms.js';
import { hasCode, hasFormula, type Unit } from './units.js';

/** What a level asks of the extractive answer. */
export interface LevelShape {
  /** Prose sentences and list items, at most. */
  sentences: number;
  /** Longer sentences are skipped, except at the Advanced level, where they only score lower. */
  maxWords: number;
  /** Sentences with inline code or $…$ may appear (Beginners get plain prose only). */
  inlineTechnical: boolean;
  /** Code blocks and display formulas may appear, with the sentences that introduce them. */
  technical: boolean;
  codeBlocks: number;
  formulas: number;
  /** Extra weight for "X is …" sentences. */
  definitionBonus: number;
}

export const LEVEL_SHAPES: Record<Level | 'default', LevelShape> = {
  Beginner: {
    sentences: 4,
    maxWords: 28,
    inlineTechnical: false,
    technical: false,
    codeBlocks: 0,
    formulas: 0,
    definitionBonus: 0.6,
  },
  Intermediate: {
    sentences: 6,
    maxWords: 45,
    inlineTechnical: true,
    technical: false,
    codeBlocks: 0,
    formulas: 0,
    definitionBonus: 0.3,
  },
  default: {
    sentences: 5,
    maxWords: 45,
    inlineTechnical: true,
    technical: false,
    codeBlocks: 0,
    formulas: 0,
    definitionBonus: 0.3,
  },
  Advanced: {
    sentences: 9,
    maxWords: 80,
    inlineTechnical: true,
    technical: true,
    codeBlocks: 2,
    formulas: 2,
    definitionBonus: 0.1,
  },
};

/** Below this a unit cannot stand alone (a lead-in whose list or block was left behind). */
const UNUSABLE = -0.5;

/** A weak match is quoted briefly: the reader can follow the citation for more. */
const FALLBACK_SENTENCES = 3;

export interface ScoredUnit {
  unit: Unit;
  score: number;
  /** Share of the query's content words the unit holds. */
  overlap: number;
  /** The reader's interest this unit mentions, if any. */
  interest?: string;
  definition: boolean;
}

export interface Focus {
  queryTerms: string[];
  interests: { label: string; terms: string[] }[];
  /** Passages from sections that talk about the page, not the subject (objectives, exercises). */
  asideDocs: Set<number>;
  /** Weight of each query term (its IDF when known, else 1). */
  weights: Record<string, number>;
}

const ASIDE_SECTION = /learning objectives|exercises?|further reading|references|bibliography/i;

export function focusOf(
  query: string,
  interests: string[],
  sections: string[][] = [],
  termWeights: Record<string, number> = {},
): Focus {
  const queryTerms = contentTerms(query);
  return {
    queryTerms,
    weights: Object.fromEntries(queryTerms.map((t) => [t, termWeights[t] ?? 1])),
    interests: interests
      .map((label) => ({ label, terms: contentTerms(label) }))
      .filter((i) => i.terms.length > 0),
    asideDocs: new Set(sections.flatMap((path, i) => (ASIDE_SECTION.test(path.at(-1) ?? '') ? [i] : []))),
  };
}

const DEFINITION =
  /^(?:an?\s+|the\s+)?([^.,;:()]{1,60}?)\s+(?:is|are|refers to|means|denotes|describes)\s+(?:an?|the|when|how|what)?\b/i;
/** Glossary style: "Digital Twin: A virtual replica of …". */
const GLOSSARY_DEFINITION = /^([^.,;:()]{1,40}):\s+(?:an?|the)\s/i;
/** Figure captions, exercise prompts and the like describe the page, not the subject. */
const PAGE_FURNITURE = /^(?:figure|fig\.|table|exercise|listing|example)\s*[\d.]+\b/i;

/**
 * Scores every unit: query-word overlap first, then the rank of its passage, its position in
 * the passage, whether it defines a query word, and whether it speaks to the reader's interests.
 * Deterministic: equal scores keep passage order.
 */
export function scoreUnits(units: Unit[], focus: Focus, shape: LevelShape): ScoredUnit[] {
  const scored = units.map((unit) => scoreUnit(unit, focus, shape));
  return scored.sort(
    (a, b) => b.score - a.score || a.unit.docIndex - b.unit.docIndex || a.unit.position - b.unit.position,
  );
}

function scoreUnit(unit: Unit, focus: Focus, shape: LevelShape): ScoredUnit {
  // Weighted by IDF: a sentence holding "URDF" answers "what does a URDF file describe?" better
  // than one holding "file".
  const weight = (t: string) => focus.weights[t] ?? 1;
  const total = focus.queryTerms.reduce((sum, t) => sum + weight(t), 0);
  const matched = focus.queryTerms.filter((t) => unit.terms.has(t)).reduce((sum, t) => sum + weight(t), 0);
  const overlap = total > 0 ? matched / total : 0;
  const definition = isDefinitionOfQuery(unit, focus.queryTerms);
  const interest = focus.interests.find((i) => mentions(unit, i.terms))?.label;
  const rankWeight = unit.docIndex < 0 ? 1 : 1 / (1 + 0.25 * unit.docIndex);
  let score = overlap * rankWeight;
  score += unit.position < 2 ? 0.05 : 0;
  score += definition ? shape.definitionBonus : 0;
  // Emphasis, not topic change: an interest only lifts a unit that is already on the question.
  score += interest && overlap > 0 ? 0.35 : 0;
  if (unit.words > shape.maxWords) score -= 0.3;
  if (unit.words < 5) score -= unit.words < 3 ? 1 : 0.2;
  // "Sensors fall into two families:" says nothing without the list that followed it.
  if (/:\s*$/.test(unit.text) && !unit.attached) score -= 1;
  // "It works for…" out of its paragraph leaves the reader asking what "it" is.
  if (/^(it|this|these|they|that|those|such|here)\b/i.test(unit.text)) score -= 0.25;
  if (PAGE_FURNITURE.test(unit.text)) score -= 0.6;
  if (focus.asideDocs.has(unit.docIndex)) score -= 0.2;
  // A flattened summary table ("Topics: … Services: … Actions: …") reads as a jumble.
  if ((unit.text.match(/\b[A-Z][\w-]*: /g) ?? []).length >= 3) score -= 0.4;
  // Captions and stray labels read as fragments.
  if (unit.kind === 'sentence' && !isComplete(unit.text)) score -= 0.3;
  return {
    unit,
    score,
    overlap,
    interest: interest && isComplete(unit.text) ? interest : undefined,
    definition,
  };
}

function isComplete(text: string): boolean {
  return /[.!?]["')\]]*$/.test(text);
}

function isDefinitionOfQuery(unit: Unit, queryTerms: string[]): boolean {
  if (unit.kind !== 'sentence' && unit.kind !== 'item') return false;
  const text = unit.text.replace(/^\*\*[^*]+\*\*:?\s*/, '');
  const match = DEFINITION.exec(text) ?? GLOSSARY_DEFINITION.exec(unit.text);
  if (!match) return false;
  // "The capture point is …" does not define "zero moment point": most of the subject must be asked about.
  const subject = contentTerms(match[1]!);
  const asked = subject.filter((t) => queryTerms.includes(t)).length;
  return asked > 0 && asked * 3 >= subject.length * 2;
}

/** Half of an interest's words (at least one) appear in the unit. */
function mentions(unit: Unit, interestTerms: string[]): boolean {
  const hits = interestTerms.filter((t) => unit.terms.has(t)).length;
  return hits > 0 && hits >= Math.ceil(interestTerms.length / 2);
}

export interface Selection {
  prose: ScoredUnit[];
  code: ScoredUnit[];
  formulas: ScoredUnit[];
}

/** Picks what the answer will say, within the level's budget, and orders it for reading. */
export function selectUnits(scored: ScoredUnit[], shape: LevelShape, minOverlap: number): Selection {
  let prose = proseFor(scored, shape);
  let strong = strongest(prose, minOverlap, shape);
  if (strong.length === 0 && !shape.inlineTechnical) {
    // Only technical sentences answer it: better a beginner reads `odom` than "not covered".
    prose = proseFor(scored, shape, (text) => !hasFormula(text));
    strong = strongest(prose, minOverlap, shape);
  }
  if (strong.length === 0) return { prose: [], code: [], formulas: [] };
  const chosen = [...strong, ...supporting(prose, strong, shape)];
  return { prose: readingOrder(chosen), ...blocksFor(scored, chosen, shape) };
}

/**
 * Sentences holding enough of the question's words; failing those (a question worded unlike the
 * book), a few of the best sentences of the two best passages: retrieval's abstention rule has
 * already judged the question on topic. (Requiring the passage to hold half of the question's
 * words instead cost five in-scope answers on the real textbook and stopped no off-topic one.)
 */
function strongest(prose: ScoredUnit[], minOverlap: number, shape: LevelShape): ScoredUnit[] {
  const strong = dropNearDuplicates(prose.filter((s) => s.overlap >= minOverlap));
  if (strong.length > 0) return strong.slice(0, shape.sentences);
  const topPassages = prose.filter((s) => s.unit.docIndex >= 0 && s.unit.docIndex < 2);
  return dropNearDuplicates(topPassages).slice(0, Math.min(shape.sentences, FALLBACK_SENTENCES));
}

/**
 * The budget is filled with weaker sentences (still sharing a word with the question), best
 * scored first: those on the reader's interests and from the best passages come first.
 */
function supporting(prose: ScoredUnit[], strong: ScoredUnit[], shape: LevelShape): ScoredUnit[] {
  const room = shape.sentences - strong.length;
  if (room <= 0) return [];
  const extra = prose.filter((s) => !strong.includes(s));
  return dropNearDuplicates([...strong, ...extra]).slice(strong.length, strong.length + room);
}

function proseFor(
  scored: ScoredUnit[],
  shape: LevelShape,
  allowed = (text: string) => shape.inlineTechnical || isPlain(text),
): ScoredUnit[] {
  // Penalties order the candidates; only a unit that cannot stand alone is ruled out.
  return scored
    .filter((s) => s.overlap > 0 && s.score > UNUSABLE)
    .filter((s) => s.unit.kind === 'sentence' || s.unit.kind === 'item')
    .filter((s) => allowed(s.unit.text))
    .filter((s) => shape.technical || !s.unit.attached)
    .filter((s) => shape.technical || s.unit.words <= shape.maxWords);
}

function isPlain(text: string): boolean {
  return !hasCode(text) && !hasFormula(text);
}

/**
 * Code and formulas rarely repeat the question's words, so they are taken from the passages the
 * prose already cites, best scored first, skipping blocks a chosen sentence already brings along.
 */
function blocksFor(scored: ScoredUnit[], chosen: ScoredUnit[], shape: LevelShape): Omit<Selection, 'prose'> {
  if (!shape.technical) return { code: [], formulas: [] };
  const cited = new Set(chosen.map((s) => s.unit.docIndex));
  const attached = new Set(chosen.map((s) => s.unit.attached).filter(Boolean));
  const blocks = scored.filter((s) => cited.has(s.unit.docIndex) && !attached.has(s.unit));
  const budget = (kind: 'code' | 'formula', max: number) =>
    Math.max(0, max - chosen.filter((s) => s.unit.attached?.kind === kind).length);
  return {
    code: blocks.filter((s) => s.unit.kind === 'code').slice(0, budget('code', shape.codeBlocks)),
    formulas: blocks.filter((s) => s.unit.kind === 'formula').slice(0, budget('formula', shape.formulas)),
  };
}

/** A definition opens the answer; the rest follows by score. */
function readingOrder(chosen: ScoredUnit[]): ScoredUnit[] {
  const firstDefinition = chosen.findIndex((s) => s.definition);
  if (firstDefinition <= 0) return chosen;
  return [chosen[firstDefinition]!, ...chosen.filter((_, i) => i !== firstDefinition)];
}

/** Chunks overlap and pages repeat themselves: skip a unit whose words mostly repeat one already chosen. */
function dropNearDuplicates(units: ScoredUnit[]): ScoredUnit[] {
  const kept: ScoredUnit[] = [];
  for (const candidate of units) {
    const duplicate = kept.some((k) => similarity(k.unit.terms, candidate.unit.terms) > 0.6);
    if (!duplicate) kept.push(candidate);
  }
  return kept;
}

function similarity(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const t of a) if (b.has(t)) shared++;
  return shared / (a.size + b.size - shared);
}
