import { definitionIn, isGlossaryPage } from '../generators/extractive/glossary.js';
import { isAsideSection } from '../generators/extractive/non-content.js';
import { splitUnits } from '../generators/extractive/units.js';
import type { ChunkPayload } from '../types.js';

/** A chunk that defines a term, and where: the how-manieth sentence or item of the chunk (from 1). */
export interface Definer {
  id: string;
  at: number;
}

/**
 * Where the book says what a term is: for each term (its stemmed content words, joined), the chunks
 * holding a glossary entry for it or a sentence that defines it ("An action is a plain JavaScript
 * object that has a `type` field."), in index order. Asides (exercises, summaries, "What you've
 * learned") are left out: they restate a definition without being where the book gives it.
 */
export function definersOf(chunks: { id: string; payload: ChunkPayload }[]): Map<string, Definer[]> {
  const byTerm = new Map<string, Definer[]>();
  for (const { id, payload } of chunks) {
    if (isAsideSection(payload.heading_path)) continue;
    const glossaryPage = isGlossaryPage([payload.title, ...payload.heading_path]);
    let at = 0;
    for (const unit of splitUnits(payload.text)) {
      if (unit.kind === 'sentence' || unit.kind === 'item') at++;
      const definition = definitionIn(unit, glossaryPage);
      if (!definition) continue;
      const key = definition.terms.join(' ');
      const found = byTerm.get(key);
      if (!found) byTerm.set(key, [{ id, at }]);
      else if (found.at(-1)!.id !== id) found.push({ id, at });
    }
  }
  return byTerm;
}
