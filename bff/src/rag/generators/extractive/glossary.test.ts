import { describe, expect, it } from 'vitest';
import { entryParts } from './compose.js';
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

  it('when a glossary entry is a heading with "Definition:", "Context:" and "Related Terms:" lines, then the definition is of the heading and the other fields define nothing', () => {
    const entry = (term: string, text: string) => ({
      text,
      title: 'Glossary',
      heading_path: ['Glossary', term],
      url: 'https://book.example.org/glossary',
      source_path: 'glossary.md',
      chunk_index: 0,
      content_hash: term,
    });
    const glossary = Glossary.fromPayloads([
      entry(
        'Voice-to-Action',
        [
          '**Definition**: The capability that turns spoken commands into robot actions.',
          '',
          '**Context**: Speech recognition transcribes the command first.',
          '',
          '**Related Terms**: Speech recognition, cognitive planning',
          '',
          '**Example**: Saying "clean the room" starts a cleaning plan.',
        ].join('\n'),
      ),
    ]);
    expect(glossary.size).toBe(1);
    const [definition] = glossary.termsIn(['voic', 'action']);
    expect(definition?.term).toBe('Voice-to-Action');
    expect(definition?.text).toBe(
      'Definition: The capability that turns spoken commands into robot actions.',
    );
    expect(glossary.termsIn(['context'])).toEqual([]);
    expect(glossary.termsIn(['relat', 'term'])).toEqual([]);
    // A "Description:" under a heading that names a part of a section, not a term, defines nothing.
    expect(
      Glossary.fromPayloads([entry('Arguments', '**Description**: The values the function is called with.')])
        .size,
    ).toBe(0);
  });

  it('when an entry is shown among the words to know, then its label or repeated name goes and the expansion joins the term', () => {
    expect(
      entryParts('Voice-to-Action', 'Definition: The capability that turns speech into actions.'),
    ).toEqual({
      label: 'Voice-to-Action',
      body: 'The capability that turns speech into actions.',
    });
    expect(
      entryParts('ROS 2', 'ROS 2 (Robot Operating System 2): The flexible framework for robots.'),
    ).toEqual({
      label: 'ROS 2 (Robot Operating System 2)',
      body: 'The flexible framework for robots.',
    });
    expect(entryParts('Gazebo', 'Gazebo is a robot simulator.')).toEqual({
      label: 'Gazebo',
      body: 'Gazebo is a robot simulator.',
    });
  });
});
