import type { GenerateEvent, GenerateInput, Generator } from '../types.js';
import { NOT_COVERED_MESSAGE } from '../not-covered.js';
import { composeAnswer } from './extractive/compose.js';
import { LEVEL_SHAPES, focusOf, scoreUnits, selectUnits } from './extractive/select.js';
import { splitUnits, type Unit } from './extractive/units.js';

/** Words per streamed delta: small enough to look live, large enough not to flood the socket. */
const WORDS_PER_DELTA = 4;

/**
 * The embedded default generator (no network): composes the answer from the retrieved passages'
 * own sentences, with [n] markers matching the order of the returned citations, and shapes it to
 * the reader's level (see LEVEL_SHAPES) and interests. The same input always gives the same answer.
 */
export class ExtractiveGenerator implements Generator {
  readonly mode = 'extractive' as const;

  async *generate(input: GenerateInput, signal?: AbortSignal): AsyncIterable<GenerateEvent> {
    const { text, citations, answered } = this.compose(input);
    for (const delta of deltas(text)) {
      signal?.throwIfAborted();
      yield { type: 'delta', text: delta };
    }
    signal?.throwIfAborted();
    yield { type: 'done', text, citations, answered };
  }

  async ping(): Promise<void> {}

  compose(input: GenerateInput) {
    const shape = LEVEL_SHAPES[input.persona.level];
    const sections = input.documents.map((d) => d.payload.heading_path);
    const focus = focusOf(focusText(input), input.persona.interests, sections, input.termWeights);
    const units = input.documents.flatMap((doc, i) => splitUnits(doc.payload.text, i));
    const candidates = input.selectedText ? withoutSelection(units, input.selectedText) : units;
    const minOverlap = input.selectedText ? 0.1 : minimumOverlap(focus.queryTerms.length);
    let selection = selectUnits(scoreUnits(candidates, focus, shape), shape, minOverlap);
    if (input.selectedText && selection.prose.length === 0) {
      // Nothing in the book around it helps: explain the highlighted passage from its own sentences.
      selection = selectUnits(scoreUnits(splitUnits(input.selectedText, -1), focus, shape), shape, 0);
    }
    if (selection.prose.length === 0) return { text: NOT_COVERED_MESSAGE, citations: [], answered: false };
    const composed = composeAnswer({
      level: input.persona.level,
      selection,
      documents: input.documents,
      selectedText: input.selectedText,
    });
    return { ...composed, answered: true };
  }
}

/** A sentence must hold at least a third of the query's content words to be worth quoting. */
function minimumOverlap(termCount: number): number {
  return termCount === 0 ? 1 : Math.ceil(termCount / 3) / termCount;
}

/**
 * With a highlighted passage the question is usually "what does this mean?": its own key words
 * (the first dozen) join the query's to steer sentence choice.
 */
function focusText(input: GenerateInput): string {
  if (!input.selectedText) return input.query;
  const leading = input.selectedText.split(/\s+/).slice(0, 60).join(' ');
  return `${input.query} ${leading}`;
}

/** Repeating the reader's own highlight back to them explains nothing. */
function withoutSelection(units: Unit[], selectedText: string): Unit[] {
  const selection = normalize(selectedText);
  return units.filter((u) => !selection.includes(normalize(u.text)));
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
