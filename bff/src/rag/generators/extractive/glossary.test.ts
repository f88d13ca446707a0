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

  it('when the words before "is" are a clause ("Note that this", "Redux at its core", "What we need"), then it is not a definition', () => {
    const glossary = Glossary.fromUnits(
      splitUnits(
        'Note that this is a great example of clean code. Redux at its core is a small library. The thing we need is a faster loop. A reducer is a function that returns the next state.',
      ),
    );
    expect(glossary.size).toBe(1);
    expect(glossary.termsIn(['reduc'])[0]?.text).toBe('A reducer is a function that returns the next state.');
  });

  it('when a glossary page lists "Term: meaning" lines without bold, then each line is an entry, the term without its expansion', () => {
    const chunk = (text: string, title: string) => ({
      text,
      title,
      heading_path: [title, 'Core Robotics'],
      url: `https://book.example.org/${title}`,
      source_path: `${title}.md`,
      chunk_index: 0,
      content_hash: title,
    });
    const lines =
      'DOF (Degrees of Freedom): Independent parameters defining configuration.\n\nNode: Executable process that talks to others.';
    const glossary = Glossary.fromPayloads([chunk(lines, 'Glossary')]);
    expect(glossary.termsIn(['dof'])[0]?.text).toBe(
      'DOF (Degrees of Freedom): Independent parameters defining configuration.',
    );
    expect(glossary.termsIn(['node'])[0]?.term).toBe('Node');
    // The same lines on an ordinary page are facts with labels, not a glossary.
    expect(Glossary.fromPayloads([chunk(lines, 'Walking Robots')]).size).toBe(0);
  });
});
