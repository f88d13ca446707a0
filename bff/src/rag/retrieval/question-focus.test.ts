import { describe, expect, it } from 'vitest';
import { attributeForms, holdsFocus, type FocusPassage } from './question-focus.js';
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
