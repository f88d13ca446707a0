import { describe, expect, it } from 'vitest';
import { Glossary } from './glossary.js';
import { splitUnits } from './units.js';

describe('Glossary', () => {
  it('when a sentence "defines" a word that only points (the following, the result, the goal), then it is not a definition', () => {
    const glossary = Glossary.fromUnits(
      splitUnits(
        'The following is the outline for what our server is going to look like. The result is a faster build. The goal is a walking robot. A topic is a named channel for messages.',
      ),
    );
    expect(glossary.size).toBe(1);
    expect(glossary.termsIn(['topic'])[0]?.text).toBe('A topic is a named channel for messages.');
  });
});
