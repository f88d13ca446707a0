import { describe, expect, it } from 'vitest';
import { isCovered } from './abstention.js';

describe('isCovered', () => {
  const cases: [string, { coverage: number; matched: number; terms: number }, boolean][] = [
    ['half the weight in one passage', { coverage: 0.5, matched: 1, terms: 2 }, true],
    ['three of the question words together', { coverage: 0.2, matched: 3, terms: 7 }, true],
    [
      'two words that are half the question and 30% of its weight',
      { coverage: 0.34, matched: 2, terms: 4 },
      true,
    ],
    ['two incidental words of a long question', { coverage: 0.46, matched: 2, terms: 5 }, false],
    ['one incidental word', { coverage: 0.26, matched: 1, terms: 3 }, false],
    ['nothing', { coverage: 0, matched: 0, terms: 4 }, false],
  ];
  it.each(cases)('when the best passage holds %s, then covered is %s', (_label, evidence, covered) => {
    expect(isCovered([evidence])).toBe(covered);
  });

  it('when no passage was retrieved, then the question is not covered', () => {
    expect(isCovered([])).toBe(false);
  });
});
