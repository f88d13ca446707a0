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
    const add = (key: string, weight: number) => counts.set(key, (counts.get(key) ?? 0) + weight);
    const { terms, bigrams } = features(text);
    for (const term of terms) {
      add(`w:${term}`, WEIGHTS.term);
      for (const gram of trigrams(term)) add(`c:${gram}`, WEIGHTS.trigram);
    }
    for (const bigram of bigrams) add(`b:${bigram}`, WEIGHTS.bigram);

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

function trigrams(term: string): string[] {
  const padded = `^${term}$`;
  const grams: string[] = [];
  for (let i = 0; i + 3 <= padded.length; i++) grams.push(padded.slice(i, i + 3));
  return grams;
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
  if (norm === 0) return Array.from(vector, (_, i) => (i === 0 ? 1 : 0));
  return Array.from(vector, (v) => v / norm);
}
