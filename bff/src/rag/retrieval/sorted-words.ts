/**
 * A sorted JSON array of strings (such as an-array-of-english-words' 3.4 MB index.json), searched in
 * its own text: one string and the offsets of its entries, with a binary search per lookup. Building
 * a Set of its ~275,000 words took 0.5–1 s and ~25 MB on the first query; this takes ~10 ms and the
 * file's bytes. The entries must be plain (no escapes) and sorted by UTF-16 code units, as `<` sorts.
 */
export class SortedWords {
  private readonly starts: Int32Array;
  private readonly ends: Int32Array;

  constructor(private readonly text: string) {
    if (text.includes('\\')) throw new Error('word list: escaped strings are not supported');
    let quotes = 0;
    for (let at = text.indexOf('"'); at !== -1; at = text.indexOf('"', at + 1)) quotes++;
    if (quotes % 2 !== 0) throw new Error('word list: unterminated string');
    this.starts = new Int32Array(quotes / 2);
    this.ends = new Int32Array(quotes / 2);
    let at = -1;
    for (let i = 0; i < this.starts.length; i++) {
      at = text.indexOf('"', at + 1);
      this.starts[i] = at + 1;
      at = text.indexOf('"', at + 1);
      this.ends[i] = at;
    }
    for (let i = 1; i < this.starts.length; i++) {
      if (this.compareAt(this.starts[i - 1]!, this.ends[i - 1]!, i) >= 0) {
        throw new Error(`word list: not sorted at entry ${i}`);
      }
    }
  }

  get size(): number {
    return this.starts.length;
  }

  has(word: string): boolean {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const order = this.compare(word, mid);
      if (order === 0) return true;
      if (order < 0) hi = mid - 1;
      else lo = mid + 1;
    }
    return false;
  }

  /** `word` against entry i: negative, zero or positive, in the order `<` gives. */
  private compare(word: string, i: number): number {
    const start = this.starts[i]!;
    const length = this.ends[i]! - start;
    const n = Math.min(word.length, length);
    for (let k = 0; k < n; k++) {
      const diff = word.charCodeAt(k) - this.text.charCodeAt(start + k);
      if (diff !== 0) return diff;
    }
    return word.length - length;
  }

  /** The text between `from` and `to` against entry i (the sortedness check, without copying). */
  private compareAt(from: number, to: number, i: number): number {
    const start = this.starts[i]!;
    const length = this.ends[i]! - start;
    const n = Math.min(to - from, length);
    for (let k = 0; k < n; k++) {
      const diff = this.text.charCodeAt(from + k) - this.text.charCodeAt(start + k);
      if (diff !== 0) return diff;
    }
    return to - from - length;
  }
}
