import { describe, expect, it } from 'vitest';
import { countedPhrase, lacksAmount, lacksCount, lacksDuration, lacksVersion } from './abstain-count.js';
import { chunkPayload } from '../../../test/support/chunks.js';

describe('countedPhrase', () => {
  it.each([
    ['How many joints does a humanoid leg have?', ['joints']],
    ['how many degrees of freedom does a human arm have', ['degrees', 'of', 'freedom']],
    ['How many times per second does the loop run?', ['times', 'per', 'second']],
    [
      'How many job listings ask for Redux experience?',
      ['job', 'listings', 'ask', 'for', 'redux', 'experience'],
    ],
  ])('when the question is "%s", then what it counts is %j', (question, phrase) => {
    expect(countedPhrase(question)).toEqual(phrase);
  });

  it('when the question asks no count, then there is no counted phrase', () => {
    expect(countedPhrase('How much does a LiDAR cost?')).toBeUndefined();
    expect(countedPhrase('What joints does a humanoid leg have?')).toBeUndefined();
  });
});

describe('lacksCount: numbers that count nothing', () => {
  it('when the only numbers beside the noun number a heading, a list item or a name, then the passages give no count', () => {
    const passages = [
      chunkPayload(
        'vla.md',
        ['VLA Architecture', '2. Language Module: Instruction Understanding'],
        'Approaches:\n\n1. Rule-Based Parsers: regex patterns\n3. Large Language Models: GPT-4, Claude or open LLMs',
      ),
    ];
    expect(lacksCount('exactly how many languages can Whisper transcribe?', passages)).toBe(true);
    expect(
      lacksCount('exactly how many languages can Whisper transcribe?', [
        chunkPayload('asr.md', ['Speech'], 'Whisper transcribes 99 languages.'),
      ]),
    ).toBe(false);
  });
});

describe('lacksCount', () => {
  const book = (...texts: string[]) =>
    texts.map((text, i) => chunkPayload(`p${i}.md`, [`Page ${'abc'[i]}`], text));

  it.each([
    ['a number beside the noun', 'How many joints does a humanoid leg have?', 'Each leg has six joints.'],
    ['a number after the noun', 'How many joints does a humanoid leg have?', 'Joints per leg: 6.'],
    [
      'a number glued to the initials',
      'How many degrees of freedom does the arm have?',
      'It is a 7-DOF arm.',
    ],
    [
      'the initials beside a number',
      'How many frames per second does the camera give?',
      'The camera runs at 30 FPS.',
    ],
    [
      'a number glued to one initial',
      'How many dimensions is the c-space?',
      'This gives a 3D configuration space.',
    ],
    [
      'a rate for a count per second',
      'How many times per second does the tree tick?',
      'The tree ticks at 10 Hz.',
    ],
    ['a quantifier beside the noun', 'How many beams does a LiDAR spin?', 'A LiDAR spins many beams.'],
    ['a number beside a modifier of the noun', 'How many weekly beams does it spin?', 'It spins 16 weekly.'],
  ])('when a passage gives %s, then the count is not lacking (%s)', (_label, question, text) => {
    expect(lacksCount(question, book('An unrelated page about robots.', text))).toBe(false);
  });

  it.each([
    [
      'the noun with no number',
      'How many students take a robotics course each year?',
      'Students take the course to learn robotics.',
    ],
    [
      'a number far from the noun',
      'How many students take the course?',
      'In 2024 the course moved to a new room and the students liked it.',
    ],
    [
      'a rate for a count that is not per time',
      'How many students take the course?',
      'Students watch the robot tick at 10 Hz.',
    ],
    [
      'a quantifier where the number itself is asked for',
      'Exactly how many languages can Whisper transcribe?',
      'Whisper transcribes many languages.',
    ],
    [
      'a number beside the verb of a longer phrase',
      'How many students take the course each year?',
      'Each student picks a lab, and most then take 2 of them.',
    ],
  ])('when the passages give %s, then the count is lacking (%s)', (_label, question, text) => {
    expect(lacksCount(question, book(text))).toBe(true);
  });

  it('when the question asks no count, then nothing is lacking', () => {
    expect(lacksCount('What do students learn in the course?', book('Students learn robotics.'))).toBe(false);
  });
});

describe('lacksAmount', () => {
  const book = (...texts: string[]) =>
    texts.map((text, i) => chunkPayload(`p${i}.md`, [`Page ${'abc'[i]}`], text));

  it.each([
    ['an amount glued to its unit', 'How much RAM do I need?', 'Use a workstation with 32GB RAM.'],
    ['an amount after the noun', 'How much GPU memory does a VLA need?', 'Its GPU memory: 16 GB.'],
  ])('when a passage gives %s, then the amount is not lacking (%s)', (_label, question, text) => {
    expect(lacksAmount(question, book(text))).toBe(false);
  });

  it('when the passages name the noun with no amount, then the amount is lacking', () => {
    expect(
      lacksAmount(
        'How much memory does the DevTools extension use?',
        book('The DevTools extension keeps the memory of every action you dispatch.'),
      ),
    ).toBe(true);
  });

  it.each([
    ['asks a cost with no noun', 'How much does a LiDAR cost?'],
    ['asks by an attribute word', 'How much power does the board draw?'],
    ['asks a comparison in a longer phrase', 'How much bigger than the link should the box be?'],
    ['asks no amount', 'What memory does the extension use?'],
  ])('when the question %s, then nothing is lacking here (%s)', (_label, question) => {
    expect(lacksAmount(question, book('The extension keeps no figures.'))).toBe(false);
  });
});

describe('lacksDuration', () => {
  const book = (...texts: string[]) =>
    texts.map((text, i) => chunkPayload(`p${i}.md`, [`Page ${'abc'[i]}`], text));

  it.each([
    [
      'a duration beside the verb',
      'How long does it take to charge the battery?',
      'A full charge takes about 2 hours.',
    ],
    [
      'a duration glued to its unit',
      'How long does it take for the robot to boot?',
      'The robot boots in 40s.',
    ],
  ])('when a passage gives %s, then the duration is not lacking (%s)', (_label, question, text) => {
    expect(lacksDuration(question, book(text))).toBe(false);
  });

  it('when the passages give a duration of something else, then the duration is lacking', () => {
    expect(
      lacksDuration(
        'How long does it take to recharge the battery?',
        book(
          'The battery lasts 2 hours of walking on flat ground in the lab. Docking stations recharge it when the robot is idle.',
        ),
      ),
    ).toBe(true);
  });

  it('when the question asks no time of a verb, then nothing is lacking here', () => {
    expect(lacksDuration('How long does the battery last?', book('The battery is large.'))).toBe(false);
  });
});

describe('lacksVersion', () => {
  const book = (...texts: string[]) =>
    texts.map((text, i) => chunkPayload(`p${i}.md`, [`Page ${'abc'[i]}`], text));

  it.each([
    ['a number beside the name', 'Which Java version do I need?', 'Install Java 17 first.'],
    [
      'a number beside "version"',
      'What Ubuntu version does the workstation need?',
      'Use Ubuntu, version 22.04.',
    ],
    [
      'a name glued to its number',
      'What JavaScript version does the build target?',
      'The build targets ES2020 JavaScript.',
    ],
  ])('when a passage gives %s, then the version is not lacking (%s)', (_label, question, text) => {
    expect(lacksVersion(question, book(text))).toBe(false);
  });

  it('when the passages name the thing with no version, then the version is lacking', () => {
    expect(
      lacksVersion('Which Java version do I need?', book('The app is written in Java and runs on its own.')),
    ).toBe(true);
  });

  it('when the question names no thing before "version", then nothing is lacking here', () => {
    expect(lacksVersion('Which version deprecated createStore?', book('createStore is deprecated.'))).toBe(
      false,
    );
  });
});
