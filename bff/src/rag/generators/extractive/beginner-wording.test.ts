import { describe, expect, it } from 'vitest';
import { chunkPayload } from '../../../../test/support/chunks.js';
import { buildPersona } from '../../personalize/persona.js';
import type { Level, SearchHit } from '../../types.js';
import { ExtractiveGenerator } from '../extractive-generator.js';

/** How a Beginner's answer is said, against the other levels, pinned with text built here. */

function passage(path: string, headings: string[], text: string, score: number): SearchHit {
  return { id: path, score, payload: chunkPayload(`${path}.md`, headings, text) };
}

function answer(level: Level | null, query: string, documents: SearchHit[]): string {
  const persona = buildPersona({
    userId: level ? 'u1' : null,
    profile: level ? { software_experience: level, hardware_experience: 'None', interests: [] } : null,
  });
  return new ExtractiveGenerator().compose({ query, persona, documents }).text;
}

describe('Beginner wording: facts and sources', () => {
  it('when the answering sentence cites its source by author and year, then a Beginner reads it without the citation and the other levels with it', () => {
    const docs = [
      passage(
        'control',
        ['Control', 'Whole-body control'],
        'The walking controller of the Kestrel robot recomputes its motor commands at 500 Hz by solving a small quadratic program (Okafor et al., 2019).',
        0.8,
      ),
    ];
    const query = 'How often does Kestrel compute its motor commands?';
    const beginner = answer('Beginner', query, docs);
    expect(beginner).toContain('at 500 Hz');
    expect(beginner).not.toContain('Okafor');
    expect(answer('Advanced', query, docs)).toContain('(Okafor et al., 2019)');
  });

  it('when a list item next to the answering one holds a number in parentheses, then a Beginner keeps the number', () => {
    const docs = [
      passage(
        'kestrel',
        ['Robots', 'Kestrel', 'Design'],
        'Design goals:\n- Reuse the factory tooling of the car line\n- Mass production at automotive scale ($20-30k target cost)\n- Vision-only perception (like the cars of the same company)',
        0.8,
      ),
    ];
    const beginner = answer('Beginner', 'What price is Kestrel aiming for?', docs);
    expect(beginner).toContain('($20-30k target cost)');
    expect(beginner).not.toContain('like the cars of the same company');
  });
});
