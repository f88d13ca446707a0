import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { SortedWords } from './sorted-words.js';
import { englishWords } from './unknown-terms.js';

const require = createRequire(import.meta.url);

describe('SortedWords', () => {
  it('when built from a sorted JSON array, then it finds exactly its entries', () => {
    const words = new SortedWords('["a","ab","abc","b","ba","z"]');
    expect(words.size).toBe(6);
    for (const w of ['a', 'ab', 'abc', 'b', 'ba', 'z']) expect(words.has(w)).toBe(true);
    for (const w of ['', 'aa', 'abcd', 'c', 'bb', 'zz', 'A', '"a"']) expect(words.has(w)).toBe(false);
  });

  it('when the array is not sorted, or holds escapes, then building it fails', () => {
    expect(() => new SortedWords('["b","a"]')).toThrow(/not sorted/);
    expect(() => new SortedWords('["a","a"]')).toThrow(/not sorted/);
    expect(() => new SortedWords('["a\\\\"]')).toThrow(/escaped/);
  });

  it('when it holds the English word list, then it answers as a Set of the parsed list for every word and near miss', () => {
    const list = require('an-array-of-english-words') as string[];
    const set = new Set(list);
    const words = englishWords();
    expect(words.size).toBe(set.size);
    const disagreements: string[] = [];
    for (const w of list) {
      // Each entry, and near misses around it: a letter more, a letter fewer, a plural.
      for (const probe of [w, `${w}q`, w.slice(0, -1), `${w}s`]) {
        if (words.has(probe) !== set.has(probe)) disagreements.push(probe);
      }
    }
    expect(disagreements).toEqual([]);
  });
});
