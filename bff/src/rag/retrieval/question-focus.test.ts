import { describe, expect, it } from 'vitest';
import {
  amountPattern,
  attributeForms,
  countPattern,
  holdsFocus,
  type FocusPassage,
} from './question-focus.js';
import { contentTerms, stem } from './terms.js';

describe('holdsFocus', () => {
  const passage = (text: string): FocusPassage => ({ terms: new Set(contentTerms(text)), text });
  // The attribute word as the question writes it, the passage, and whether it holds it.
  const cases: [string, string, string, boolean][] = [
    ['the same word', 'salary', 'The median salary is listed below.', true],
    ['another derivation of the stem', 'accurate', 'LiDAR accuracy is about 2 cm.', true],
    ['a word of the attribute family', 'price', 'Spot costs a lot.', true],
    ['an amount in the family unit', 'heavy', 'Optimus: 1.73 m, 73kg.', true],
    ['a mass in grams for a weight', 'heavy', 'The gripper is 450 g of aluminium.', true],
    ['a rate in hertz for a speed', 'fast', 'The arm loop runs at 500 Hz.', true],
    ['a time in milliseconds for a speed', 'fast', 'It closes in 80 ms.', true],
    ['a time in milliseconds spelled out for a speed', 'fast', 'It closes in 80 milliseconds.', true],
    ['a time in hours for a length', 'long', 'A charge gives 2 hours of walking.', true],
    ['a currency amount for a price', 'price', 'Spot sells for $75,000.', true],
    ['an amount in watts for a power draw', 'draw', 'Walking: 200-500W.', true],
    ['a family word for weaknesses', 'weaknesses', 'Limitations: expensive.', true],
    ['no word of it', 'heavy', 'A 3D LiDAR spins many beams.', false],
    ['only an amount of another measure', 'heavy', 'The gripper opens 85 mm wide.', false],
    ['a number with no unit', 'tall', 'Atlas has 28 joints.', false],
    ['only the subject', 'invented', 'A PID controller sums three terms.', false],
    ['a short stem that only begins another word', 'tall', 'Atlas tallies its steps.', false],
  ];
  it.each(cases)('when the passage has %s, then holdsFocus is right', (_label, word, text, held) => {
    expect(holdsFocus([stem(word)], passage(text))).toBe(held);
  });
});

describe('attributeForms', () => {
  it('when a word names an attribute, then its family comes with it; any other word stands alone', () => {
    expect(attributeForms('tall')).toEqual(expect.arrayContaining(['tall', 'height']));
    expect(attributeForms('price')).toEqual(expect.arrayContaining(['price', 'cost']));
    expect(attributeForms('gyroscop')).toEqual(['gyroscop']);
  });
});

describe('amountPattern', () => {
  it('when a quantity question measures something in units, then an amount in one of them matches', () => {
    const duration = amountPattern('How long should the demo video be?', 'duration')!;
    expect(duration.test('Keep it to 3-5 minutes.')).toBe(true);
    expect(duration.test('The ball arrives in approximately 500 milliseconds.')).toBe(true);
    expect(duration.test('The demo shows 3 robots.')).toBe(false);
    const size = amountPattern('How big is Redux itself?', 'size')!;
    expect(size.test('Redux is a tiny library (2kB, including dependencies).')).toBe(true);
    expect(size.test('Redux has 2 core ideas.')).toBe(false);
    expect(amountPattern('How much does it cost?', 'amount')!.test('It sells for $75,000.')).toBe(true);
  });

  it('when the question asks how often, then a rate matches whatever the measure read', () => {
    const often = amountPattern('How often do the control nodes run?', 'duration')!;
    expect(often.test('Balance control runs at 100-1000 Hz.')).toBe(true);
    expect(often.test('It runs once every 10 ms.')).toBe(true);
    expect(amountPattern('How long is the cable?', 'duration')!.test('It runs at 100 Hz.')).toBe(false);
  });

  it('when a version is asked for, then a dotted version number or "version N" matches', () => {
    const version = amountPattern('What Node version do I need?', 'version')!;
    expect(version.test('It requires Node.js 18.12 or later.')).toBe(true);
    expect(version.test('Upgrade to v5.0.1 first.')).toBe(true);
    expect(version.test('Since version 3, it is built in.')).toBe(true);
    expect(version.test('Node runs the 3 scripts.')).toBe(false);
  });

  it('when there is no measure (a count), then there is no pattern', () => {
    expect(amountPattern('How many joints does an arm have?', undefined)).toBeUndefined();
  });
});

describe('countPattern', () => {
  it('when a chunk gives a number before the counted word, then it matches', () => {
    const joints = countPattern('How many joints does a humanoid usually have?')!;
    expect(joints.test('Humanoids have typically 20-40+ joints.')).toBe(true);
    expect(joints.test('Each leg has six joints.')).toBe(true);
    expect(joints.test('It has 7 revolute arm joints.')).toBe(true);
    expect(
      countPattern('How many degrees of freedom does each arm have?')!.test(
        'Each arm has 7 degrees of freedom.',
      ),
    ).toBe(true);
  });

  it('when the number counts something else or stands far from the word, then it does not match', () => {
    const joints = countPattern('How many joints does a humanoid usually have?')!;
    expect(joints.test('Joints are driven by motors.')).toBe(false);
    expect(joints.test('Version 2.5 of the controller moves every one of its many joints.')).toBe(false);
    expect(countPattern('How many of them are there?')).toBeUndefined();
    expect(countPattern('How long is the cable?')).toBeUndefined();
  });
});
