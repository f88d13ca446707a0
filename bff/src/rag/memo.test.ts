import { describe, expect, it } from 'vitest';
import { memoized, memoizedBy } from './memo.js';

describe('memoized', () => {
  it('computes once per argument while it is kept, and gives every caller the same reading', () => {
    const calls: string[] = [];
    const read = memoized((key: string) => (calls.push(key), { key, words: key.split(' ') }), 4);
    const first = read('what is a topic');
    expect(read('what is a topic')).toBe(first);
    expect(read('what is a node')).not.toBe(first);
    expect(calls).toEqual(['what is a topic', 'what is a node']);
  });

  it('forgets the least recently used argument beyond its capacity', () => {
    const calls: string[] = [];
    const read = memoized((key: string) => (calls.push(key), key.length), 2);
    read('a');
    read('bb');
    read('a'); // a is now the most recently used
    read('ccc'); // evicts bb
    read('a');
    read('bb');
    expect(calls).toEqual(['a', 'bb', 'ccc', 'bb']);
  });

  it('remembers a reading that is undefined, not only truthy ones', () => {
    let calls = 0;
    const read = memoized(() => (calls++, undefined), 2);
    read('x');
    read('x');
    expect(calls).toBe(1);
  });

  it('freezes what it shares, deeply, so no caller can change a later answer', () => {
    const read = memoized((key: string) => ({ terms: key.split(' '), sides: [['a'], ['b']] }), 2);
    const reading = read('ros topic');
    expect(() => reading.terms.push('node')).toThrow(TypeError);
    expect(() => reading.sides[0]!.push('c')).toThrow(TypeError);
    expect(() => {
      (reading as { terms: string[] }).terms = [];
    }).toThrow(TypeError);
    expect(read('ros topic').terms).toEqual(['ros', 'topic']);
  });

  it('when the argument is not a string, then the key it is named by decides reuse', () => {
    const calls: string[][] = [];
    const read = memoizedBy(
      (path: string[]) => path.join('/'),
      (path: string[]) => (calls.push(path), path.length),
      4,
    );
    read(['Book', 'Topics']);
    read(['Book', 'Topics']);
    read(['Book', 'Nodes']);
    expect(calls).toEqual([
      ['Book', 'Topics'],
      ['Book', 'Nodes'],
    ]);
  });
});
