import { describe, expect, it } from 'vitest';
import { americanSpelling, compoundParts, contentTerms, processTerm } from './terms.js';

describe('contentTerms', () => {
  it('when a question is wrapped in question words, then only its content words remain, stemmed', () => {
    expect(contentTerms('Can you explain what the robots are doing when walking?')).toEqual([
      'robot',
      'walk',
    ]);
  });

  it('when a reader types a clipped word ("config", "params", "repo"), then it is the word it clips, as the book spells it out', () => {
    expect(contentTerms('Where is the config for the nav params?')).toEqual(
      contentTerms('Where is the configuration for the nav parameters?'),
    );
    expect(contentTerms('clone the repo into a new dir')).toEqual(
      contentTerms('clone the repository into a new directory'),
    );
    // A name is not a clipping: "Isaac Sim" stays Sim.
    expect(contentTerms('Isaac Sim')).not.toEqual(contentTerms('Isaac simulation'));
  });

  it('when a question holds an indefinite pronoun or "stuff", then it names no particular thing and is not content', () => {
    expect(
      contentTerms('is it sending my data anywhere, does it collect anything or stuff about anyone?'),
    ).toEqual(['send', 'data', 'collect']);
  });

  it('when a question holds contractions, typed with or without the apostrophe or with a typographic one, then they are not content words ("won\'t" is not "won")', () => {
    expect(contentTerms("My robot's joints won't hold still, what's wrong?")).toEqual([
      'robot',
      'joint',
      'hold',
      'still',
      'wrong',
    ]);
    expect(contentTerms('why shouldnt balance control run in the cloud')).toEqual([
      'balanc',
      'control',
      'run',
      'cloud',
    ]);
    expect(contentTerms('It doesn’t drift; the robot’s arm can’t reach')).toEqual([
      'drift',
      'robot',
      'arm',
      'reach',
    ]);
    expect(contentTerms("They've said you're fine, haven't they?")).toEqual(['said', 'fine']);
  });

  it('when a question hedges or weighs ("good enough", "instead of", "actually", "rather than"), then those words are not content: an answerable question is not held to finding them', () => {
    expect(
      contentTerms("Why isn't a network stop command enough, and why actually use a relay instead?"),
    ).toEqual(['network', 'stop', 'command', 'relai']);
    expect(contentTerms('Why would I really use a quadruped rather than a biped?')).toEqual([
      'quadrup',
      'bipe',
    ]);
  });

  it('when a word repeats in another form, then it appears once', () => {
    expect(contentTerms('Sensor sensors sensing')).toEqual(['sensor', 'sens']);
  });

  it('when a version number follows a name, then the digit is kept', () => {
    expect(contentTerms('ROS 2 nodes')).toEqual(['ro', '2', 'node']);
  });
});

describe('letter-digit compounds', () => {
  it.each([
    ['ros2', 'ROS 2'],
    ['python3', 'Python 3'],
    ['ubuntu22.04', 'Ubuntu 22.04'],
    ['h264', 'H.264'],
    ['isaac4.0', 'Isaac 4.0'],
    ['a 10ms loop', 'a 10 ms loop'],
    ['rt2', 'RT-2'],
    ['gpt4o', 'GPT-4o'],
  ])(
    'when one text writes "%s" and the other "%s", then the glued one holds every term of the other',
    (glued, spaced) => {
      expect(contentTerms(spaced).length).toBeGreaterThan(0);
      expect(contentTerms(glued)).toEqual(expect.arrayContaining(contentTerms(spaced)));
    },
  );

  it('when a compound is glued, then it also stays whole, so identifiers such as ros2_control match as written', () => {
    expect(contentTerms('ros2_control')).toEqual(['ro', '2', 'ros2', 'control']);
    expect(contentTerms('ROS 2 control')).toEqual(['ro', '2', 'control']);
  });

  it('when a lone letter carries the number, then it stays with it: G1 and H1 stay apart', () => {
    expect(compoundParts('g1')).toEqual(['g1']);
    expect(compoundParts('ur5e')).toEqual(['ur', '5e']);
    expect(compoundParts('esp32')).toEqual(['esp', '32']);
    expect(contentTerms('Unitree G1')).not.toEqual(contentTerms('Unitree H1'));
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
