import type { EmbedInputType, Embedder } from '../types.js';
import { features } from './text-features.js';

export const LOCAL_DIMENSIONS = 512;

// Relative weights: whole words carry the meaning, bigrams reward matching phrases, trigrams
// forgive typos and inflections.
const WEIGHTS = { term: 1, bigram: 0.6, trigram: 0.25 } as const;

/**
 * An offline, deterministic embedder: signed feature hashing of stemmed words, word bigrams
 * and character trigrams, sublinear term frequency, L2-normalised.
 * No model download and no network, so a fresh clone answers questions. It is a lexical model: the
 * answer helper pairs it with BM25 for hybrid retrieval.
 */
export class LocalEmbedder implements Embedder {
  readonly id: string;
  readonly dimensions: number;

  constructor(dimensions: number = LOCAL_DIMENSIONS) {
    if (!Number.isInteger(dimensions) || dimensions < 16)
      throw new Error('dimensions must be an integer ≥ 16');
    this.dimensions = dimensions;
    // v2: v1 vectors held robotics synonym expansions; an index built with them must be rebuilt.
    this.id = `local-hash-v2/${dimensions}`;
  }

  async embed(texts: string[], _inputType: EmbedInputType, signal?: AbortSignal): Promise<number[][]> {
    signal?.throwIfAborted();
    return texts.map((text) => this.embedOne(text));
  }

  /** Synchronous core, exposed for tests and benchmarks. */
  embedOne(text: string): number[] {
    const counts = new Map<string, number>();
    const { terms, bigrams } = features(text);
    for (const term of terms) {
      const keys = termKeys(term);
      add(counts, keys[0]!, WEIGHTS.term);
      for (let i = 1; i < keys.length; i++) add(counts, keys[i]!, WEIGHTS.trigram);
    }
    for (const bigram of bigrams) add(counts, `b:${bigram}`, WEIGHTS.bigram);

    const vector = new Float64Array(this.dimensions);
    for (const [key, weight] of counts) {
      const hash = fnv1a(key);
      const sign = hash & 0x8000_0000 ? -1 : 1;
      // Sublinear: a word repeated twenty times in a long section should not drown everything else.
      vector[(hash & 0x7fff_ffff) % this.dimensions]! += sign * Math.log1p(weight);
    }
    return normalise(vector);
  }
}

function add(counts: Map<string, number>, key: string, weight: number): void {
  counts.set(key, (counts.get(key) ?? 0) + weight);
}

/**
 * A word's feature keys: the word ("w:…"), then its character trigrams ("c:…"), made once per
 * word rather than once per occurrence (books and questions use the same few thousand words).
 */
const keysOfTerm = new Map<string, string[]>();
const TERMS_HELD = 50_000;

function termKeys(term: string): string[] {
  let keys = keysOfTerm.get(term);
  if (!keys) {
    keys = [`w:${term}`];
    const padded = `^${term}$`;
    for (let i = 0; i + 3 <= padded.length; i++) keys.push(`c:${padded.slice(i, i + 3)}`);
    if (keysOfTerm.size >= TERMS_HELD) keysOfTerm.clear();
    keysOfTerm.set(term, keys);
  }
  return keys;
}

/** 32-bit FNV-1a: fast, stable across platforms and Node versions (unlike any built-in hash). */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

function normalise(vector: Float64Array): number[] {
  let sum = 0;
  for (const v of vector) sum += v * v;
  const norm = Math.sqrt(sum);
  // An empty or all-stopword text has no features; a zero vector would make cosine undefined.
  const out: number[] = [];
  if (norm === 0) for (let i = 0; i < vector.length; i++) out.push(i === 0 ? 1 : 0);
  else for (let i = 0; i < vector.length; i++) out.push(vector[i]! / norm);
  return out;
}
