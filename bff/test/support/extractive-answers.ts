import { ExtractiveGenerator } from '../../src/rag/generators/extractive-generator.js';
import { buildPersona } from '../../src/rag/personalize/persona.js';
import type { Level, SearchHit } from '../../src/rag/types.js';
import { chunkPayload } from './chunks.js';

/** A retrieved passage of a test book: one chunk of page `path` under `headings`. */
export function passage(path: string, headings: string[], text: string, score: number): SearchHit {
  return { id: path, score, payload: chunkPayload(`${path}.md`, headings, text) };
}

/** The offline writer's answer for a reader of `level` (null: anonymous) from these passages. */
export function answer(level: Level | null, query: string, documents: SearchHit[]): string {
  const persona = buildPersona({
    userId: level ? 'u1' : null,
    profile: level ? { software_experience: level, hardware_experience: 'None', interests: [] } : null,
  });
  return new ExtractiveGenerator().compose({ query, persona, documents }).text;
}
