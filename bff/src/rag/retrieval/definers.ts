import { headingOf } from '../generators/extractive-generator.js';
import { definitionIn, isGlossaryPage } from '../generators/extractive/glossary.js';
import { isAsideSection } from '../generators/extractive/non-content.js';
import { splitUnits } from '../generators/extractive/units.js';
import type { ChunkPayload } from '../types.js';

/**
 * A chunk that defines a term, and where: the how-manieth sentence or item of the chunk (from 1),
 * or 0 for the opening chunk of a section headed by the term ("Services (Request-Reply)").
 */
export interface Definer {
  id: string;
  at: number;
}

/**
 * Where the book says what a term is: for each term (its stemmed content words, joined), the chunks
 * holding a glossary entry for it or a sentence that defines it ("An action is a plain JavaScript
 * object that has a `type` field."), and the opening chunks of sections headed by it, in index
 * order. Asides (exercises, summaries, "What you've
 * learned") are left out: they restate a definition without being where the book gives it.
 */
export function definersOf(chunks: { id: string; payload: ChunkPayload }[]): Map<string, Definer[]> {
  const byTerm = new Map<string, Definer[]>();
  const add = (key: string, definer: Definer) => {
    const found = byTerm.get(key);
    const last = found?.at(-1);
    if (!found) byTerm.set(key, [definer]);
    else if (last!.id !== definer.id) found.push(definer);
    // A section headed by the term that also states what it is: the statement is what counts.
    else if (last!.at === 0) last!.at = definer.at;
  };
  // A section's opening chunk: the lowest chunk_index of its page with its heading path.
  const section = (p: ChunkPayload) => `${p.source_path}\n${p.heading_path.join('\n')}`;
  const opening = new Map<string, number>();
  for (const { payload } of chunks) {
    const at = opening.get(section(payload));
    if (at === undefined || payload.chunk_index < at) opening.set(section(payload), payload.chunk_index);
  }
  for (const { id, payload } of chunks) {
    const opensSection = opening.get(section(payload)) === payload.chunk_index;
    if (isAsideSection(payload.heading_path)) continue;
    if (opensSection && payload.heading_path.length > 1)
      for (const name of headingOf(payload.heading_path).headingNames) add(name.join(' '), { id, at: 0 });
    const glossaryPage = isGlossaryPage([payload.title, ...payload.heading_path]);
    let at = 0;
    for (const unit of splitUnits(payload.text)) {
      if (unit.kind === 'sentence' || unit.kind === 'item') at++;
      const definition = definitionIn(unit, glossaryPage);
      if (!definition) continue;
      add(definition.terms.join(' '), { id, at });
    }
  }
  return byTerm;
}
