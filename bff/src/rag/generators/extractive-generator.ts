import type { ChunkPayload, GenerateEvent, GenerateInput, Generator } from '../types.js';
import { memoizedBy } from '../memo.js';
import { NOT_COVERED_MESSAGE, notCoveredAnswer } from '../not-covered.js';
import { contentTerms } from '../retrieval/terms.js';
import { resolveFollowUp } from '../retrieval/follow-up.js';
import { composeAnswer } from './extractive/compose.js';
import { Glossary } from './extractive/glossary.js';
import { isAsideSection } from './extractive/non-content.js';
import { questionParts, readQuestion } from './extractive/question.js';
import { focusOf, scoreCandidates, select, type Candidate, type Selection } from './extractive/select.js';
import { LEVEL_SHAPES } from './extractive/level-shapes.js';
import { UnitCache } from './extractive/unit-cache.js';
import { splitUnits } from './extractive/units.js';

/** Words per streamed delta: small enough to look live, large enough not to flood the socket. */
const WORDS_PER_DELTA = 4;

export interface ExtractiveGeneratorOptions {
  /** Every chunk of the index, read once to collect the book's definitions (for Beginners). */
  chunks?: () => Promise<{ payload: ChunkPayload }[]>;
}

/**
 * The embedded default generator (no network): answers from the retrieved passages' own units.
 * It reads what kind of answer the question wants, leads with the unit that gives it, adds a few
 * units on the same subject, and writes them for the reader's level; [n] markers match the order
 * of the returned citations. Whether the book covers the question is retrieval's one decision, the
 * same for every level; it refuses on its own only when the passages hold nothing it may quote
 * (exercises, summaries, pieces of a code block cut by the chunker), rather than answer with
 * nothing. The same input always gives the same answer.
 */
export class ExtractiveGenerator implements Generator {
  readonly mode = 'extractive' as const;
  private readonly cache = new UnitCache();
  private glossary: Promise<Glossary | undefined> | undefined;

  constructor(private readonly options: ExtractiveGeneratorOptions = {}) {}

  async *generate(input: GenerateInput, signal?: AbortSignal): AsyncIterable<GenerateEvent> {
    const glossary = await this.loadGlossary();
    const { text, citations, answered } = this.compose(input, glossary);
    // The whole answer is known here: a caller that reads only `done` gets no deltas.
    for (const delta of input.deltas === false ? [] : deltas(text)) {
      signal?.throwIfAborted();
      yield { type: 'delta', text: delta };
    }
    signal?.throwIfAborted();
    yield { type: 'done', text, citations, answered };
  }

  async ping(): Promise<void> {}

  /** Drops the collected definitions: the next answer reads them again (after an ingest). */
  invalidate(): void {
    this.glossary = undefined;
  }

  compose(input: GenerateInput, glossary?: Glossary) {
    if (input.documents.length === 0) return { text: NOT_COVERED_MESSAGE, citations: [], answered: false };
    const question = readQuestion(input.query);
    const focusQuestion = focusedQuestion(input, question);
    const focus = focusOf(focusQuestion, input.persona.interests, input.termWeights);
    const best = Math.max(...input.documents.map((d) => d.score), Number.EPSILON);
    let candidates: Candidate[] = input.documents.flatMap((doc, i) => {
      const asideSection = isAsideSection(doc.payload.heading_path);
      // A passage's weight follows how much better retrieval found it, not merely its place.
      const rank = Math.min(1, Math.max(0.05, doc.score / best));
      const { heading, headingNames, headingText } = headingOf(doc.payload.heading_path);
      return this.cache
        .unitsOf(doc)
        .map((unit) => ({ unit, doc: i, asideSection, rank, heading, headingNames, headingText }));
    });
    if (input.selectedText) candidates = withoutSelection(candidates, input.selectedText);
    // A compound question ("What is X and how do I Y?") leads with a unit for each part.
    const parts = input.history?.length || input.selectedText ? [] : questionParts(input.query);
    const mainFocus =
      parts.length === 2 ? focusOf(parts[0]!, input.persona.interests, input.termWeights) : focus;
    let selection = select(scoreCandidates(candidates, mainFocus), mainFocus, LEVEL_SHAPES.Advanced.support);
    if (parts.length === 2 && selection.lead.length > 0)
      selection = withSecondPart(selection, candidates, parts[1]!, input);
    if (selection.lead.length === 0 && input.selectedText) {
      // Nothing in the book around it helps: explain the highlighted passage from its own sentences.
      const own = splitUnits(input.selectedText).map((unit) => ({
        unit,
        doc: -1,
        asideSection: false,
        rank: 1,
      }));
      selection = select(scoreCandidates(own, focus), focus, LEVEL_SHAPES.Advanced.support);
    }
    const composed = composeAnswer({
      level: input.persona.level,
      question,
      selection,
      documents: input.documents,
      glossary: glossary ?? Glossary.fromUnits(candidates.filter((c) => !c.asideSection).map((c) => c.unit)),
      selectedText: input.selectedText,
      earlierAnswers: input.history?.filter((t) => t.role === 'assistant').map((t) => t.content),
    });
    // Passages that hold nothing to quote (all exercises, summaries or pieces of a cut code block)
    // leave no answer: the reader is told so, with the sections, as when the book does not cover it.
    if (!composed.text.trim())
      return { text: notCoveredAnswer(input.documents), citations: [], answered: false };
    return { ...composed, answered: true };
  }

  private loadGlossary(): Promise<Glossary | undefined> {
    const load = this.options.chunks;
    if (!load) return Promise.resolve(undefined);
    this.glossary ??= load().then(
      (chunks) => Glossary.fromPayloads(chunks.map((c) => c.payload)),
      () => {
        // Definitions are a help, not a dependency: answer without them and try again next time.
        this.glossary = undefined;
        return undefined;
      },
    );
    return this.glossary;
  }
}

/**
 * The lead of a compound question's second part joins the answer after the first part's lead,
 * unless the first part's lead or list already holds it; it leaves the support.
 */
function withSecondPart(
  selection: Selection,
  candidates: Candidate[],
  part: ReturnType<typeof readQuestion>,
  input: GenerateInput,
): Selection {
  const focus = focusOf(part, input.persona.interests, input.termWeights);
  const taken = new Set(selection.lead.map((s) => s.unit));
  const second = select(
    scoreCandidates(
      candidates.filter((c) => !taken.has(c.unit)),
      focus,
    ),
    focus,
    0,
  ).lead;
  if (second.length === 0 || second.some((s) => taken.has(s.unit))) return selection;
  const also = new Set(second.map((s) => s.unit));
  return {
    ...selection,
    also: second,
    support: selection.support.filter((s) => !also.has(s.unit)),
    blocks: selection.blocks.filter((s) => !also.has(s.unit)),
  };
}

/**
 * What the answer is about: a follow-up ("why?") takes its subject from the conversation, its
 * kind from its own words; a highlighted passage lends its leading words.
 */
function focusedQuestion(input: GenerateInput, question: ReturnType<typeof readQuestion>) {
  let text = input.history?.length ? resolveFollowUp(input.query, input.history) : input.query;
  if (input.selectedText) text = `${text} ${input.selectedText.split(/\s+/).slice(0, 60).join(' ')}`;
  if (text === input.query) return question;
  const resolved = readQuestion(text.split('\n')[0]!);
  const all = readQuestion(text);
  return {
    ...question,
    terms: all.terms,
    subject: question.subject.length > 1 ? question.subject : resolved.subject,
  };
}

/**
 * A heading that names no subject of its own ("Overview", "Example", "Parameters"): the section
 * is about what the heading above it names.
 */
const GENERIC_HEADING =
  /^(?:overview|introduction|intro|description|details|usage|basics|background|about|explanation|definition|concept|the idea|what it is|how it works|examples?|parameters|arguments|returns?|return value|notes?|remarks|discussion|in (?:practice|short|brief))$/i;

/**
 * What a passage's section is about: the content words of the heading it sits under (without its
 * numbering, "2.2 Morphological Computation"), or of the one above when that heading is generic.
 * Its names are the heading as a whole, without its parenthetical, and the parenthetical alone:
 * "DAgger (Dataset Aggregation)" names DAgger and dataset aggregation.
 */
export function headingOf(headingPath: string[]): SectionHeading {
  return sectionHeading(headingPath);
}

interface SectionHeading {
  heading: Set<string>;
  headingNames: string[][];
  headingText: string;
}

/** Headings read once: every answer reads the headings of its passages, and they repeat. */
const sectionHeading = memoizedBy((path: string[]) => path.join('\u0000'), readHeading, 4096);

function readHeading(headingPath: string[]): SectionHeading {
  const bare = (h: string) =>
    h
      .replace(/^(?:(?:chapter|part|module|section|lesson)\s+)?[\d.]+[:.)]?\s+/i, '')
      .replace(/[`*]/g, '')
      .trim();
  let at = headingPath.length - 1;
  while (at > 0 && GENERIC_HEADING.test(bare(headingPath[at]!))) at--;
  const section = bare(headingPath[at] ?? '');
  const inner = [...section.matchAll(/\(([^)]+)\)/g)].map((m) => m[1]!);
  const outer = section.replace(/\([^)]*\)/g, ' ');
  const headingNames = [section, outer, ...inner]
    .map((h) => contentTerms(h))
    .filter((terms, i, all) => terms.length > 0 && all.findIndex((t) => t.join() === terms.join()) === i);
  const headingText = outer.replace(/\s+/g, ' ').trim();
  return { heading: new Set(contentTerms(section)), headingNames, headingText };
}

/** Repeating the reader's own highlight back to them explains nothing. */
function withoutSelection(candidates: Candidate[], selectedText: string): Candidate[] {
  const selection = normalize(selectedText);
  return candidates.filter((c) => !selection.includes(normalize(c.unit.text)));
}

function normalize(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Splits the answer into a few words at a time, keeping every character (whitespace included). */
export function deltas(text: string): string[] {
  const words = text.match(/\s*\S+/g) ?? [];
  const out: string[] = [];
  for (let i = 0; i < words.length; i += WORDS_PER_DELTA)
    out.push(words.slice(i, i + WORDS_PER_DELTA).join(''));
  const trailing = /\s+$/.exec(text)?.[0];
  if (trailing) out.push(trailing);
  return out;
}
