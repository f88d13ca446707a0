import { describe, expect, it } from 'vitest';
import { americanSpelling, contentTerms, processTerm } from './terms.js';

describe('contentTerms', () => {
  it('when a question is wrapped in question words, then only its content words remain, stemmed', () => {
    expect(contentTerms('Can you explain what the robots are doing when walking?')).toEqual([
      'robot',
      'walk',
    ]);
  });

  it('when a word repeats in another form, then it appears once', () => {
    expect(contentTerms('Sensor sensors sensing')).toEqual(['sensor', 'sens']);
  });

  it('when a version number follows a name, then the digit is kept', () => {
    expect(contentTerms('ROS 2 nodes')).toEqual(['ro', '2', 'node']);
  });
});

describe('processTerm', () => {
  it('when MiniSearch hands over a stopword, then it is dropped; a content word is stemmed', () => {
    expect(processTerm('The')).toBeNull();
    expect(processTerm('Controllers')).toBe('control');
  });
});

describe('British and American spellings', () => {
  it.each([
    ['licence', 'License'],
    ['colour', 'color'],
    ['behaviour', 'behavior'],
    ['optimise', 'optimize'],
    ['randomising', 'randomizing'],
    ['organisation', 'organization'],
  ])('when a question says "%s" and the book "%s", then both are one term', (british, american) => {
    expect(contentTerms(british)).toEqual(contentTerms(american));
  });

  it.each(['hour', 'four', 'wise', 'noise', 'raise', 'advise'])(
    'when the word is short or not a spelling variant ("%s"), then it is left as written',
    (word) => {
      expect(americanSpelling(word)).toBe(word);
    },
  );
});
