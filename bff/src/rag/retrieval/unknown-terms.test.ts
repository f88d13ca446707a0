import { describe, expect, it } from 'vitest';
import { stem } from './terms.js';
import { isSpecificName, questionNames, unknownNames } from './unknown-terms.js';

describe('isSpecificName', () => {
  it.each(['esp32', 'ur5e', 'g1', 'moveit', 'zustand', 'dynamixel'])(
    'when the token is "%s" (letters with digits, or no English word), then it is a name',
    (token) => expect(isSpecificName(token)).toBe(true),
  );

  it.each(['chores', 'laundry', 'toolbox', 'horizon', 'robots', '2025'])(
    'when the token is "%s" (an English word or a bare number), then it is not a name',
    (token) => expect(isSpecificName(token)).toBe(false),
  );
});

describe('unknownNames', () => {
  const book = new Set(['ros', 'topic', 'esp32'].map(stem));
  const known = (term: string) => book.has(term);

  it('when the question names something the book never uses, then that name is returned', () => {
    expect(unknownNames('How do I configure MoveIt Servo for my arm?', known)).toEqual(['moveit']);
  });

  it('when the names occur in the book, or the unknown words are everyday English, then nothing is returned', () => {
    expect(unknownNames('Can a ROS topic run on an ESP32?', known)).toEqual([]);
    expect(unknownNames('Why are chores harder than chess for a robot?', known)).toEqual([]);
  });
});

describe('questionNames', () => {
  it.each([
    ['What is the price of a Boston Dynamics Spot?', ['boston', 'dynamics', 'spot']],
    ['Which Chrome version first shipped the Navigation API?', ['chrome', 'navigation', 'api']],
    ['How much does a Unitree G1 cost?', ['unitree', 'g1']],
    ['how much does a unitree g1 cost', ['unitree', 'g1']],
    ['Why do stacked boxes shake in my simulation?', []],
  ])('when the question is "%s", then its names are the capitalised words and specific names', (q, names) => {
    expect(questionNames(q)).toEqual(names.map((n) => stem(n)));
  });
});
