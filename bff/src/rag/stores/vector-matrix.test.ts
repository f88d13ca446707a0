import { describe, expect, it } from 'vitest';
import { LocalEmbedder } from '../local/local-embedder.js';
import { buildVectorMatrix, topK } from './vector-matrix.js';

function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
  }
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}

/** A deterministic pseudo-random stream, so a failure can be replayed. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0) / 2 ** 32;
}

function bruteForce(vectors: Float32Array[], query: number[], limit: number): number[] {
  return vectors
    .map((v, row) => ({ row, score: cosine(query, v) }))
    .sort((a, b) => b.score - a.score || a.row - b.row)
    .slice(0, limit)
    .map((h) => h.row);
}

describe('buildVectorMatrix', () => {
  it('when the vectors are hashed text features, then it keeps them sparse and ranks exactly like cosine', async () => {
    const embedder = new LocalEmbedder();
    const texts = Array.from(
      { length: 200 },
      (_, i) =>
        `section ${i} about ${['pid gains', 'zmp balance', 'ros topics', 'lidar point clouds'][i % 4]} ${i % 7}`,
    );
    const vectors = (await embedder.embed(texts, 'search_document')).map((v) => Float32Array.from(v));
    const matrix = buildVectorMatrix(vectors, embedder.dimensions);
    expect(matrix.layout).toBe('sparse');
    for (const q of ['how are pid gains tuned', 'zmp', 'lidar']) {
      const [query] = await embedder.embed([q], 'search_query');
      const hits = matrix.search(query!, 10);
      // Hashed features tie often ("section 13" and "section 41" share buckets): rows with equal
      // scores up to float32 rounding may come in either order, so compare the score at each rank.
      const expected = bruteForce(vectors, query!, 10).map((row) => cosine(query!, vectors[row]!));
      hits.forEach((h, rank) => expect(h.score).toBeCloseTo(expected[rank]!, 6));
      for (const h of hits) expect(h.score).toBeCloseTo(cosine(query!, vectors[h.row]!), 6);
      expect(hits[0]!.score).toBeCloseTo(cosine(query!, vectors[hits[0]!.row]!), 5);
    }
  });

  it('when the vectors are dense, then a column-major scan gives the same ranking as brute force', () => {
    const next = random(7);
    const vectors = Array.from({ length: 300 }, () => Float32Array.from({ length: 64 }, () => next() - 0.5));
    const matrix = buildVectorMatrix(vectors, 64);
    expect(matrix.layout).toBe('dense');
    const query = Array.from({ length: 64 }, () => next() - 0.5);
    expect(matrix.search(query, 25).map((h) => h.row)).toEqual(bruteForce(vectors, query, 25));
  });

  it('when a dense query uses a number of dimensions that is not a multiple of four, then each score is the sum in dimension order, to the bit', () => {
    const next = random(11);
    const dims = 32;
    const vectors = Array.from({ length: 50 }, () => Float32Array.from({ length: dims }, () => next() - 0.5));
    const matrix = buildVectorMatrix(vectors, dims);
    expect(matrix.layout).toBe('dense');
    for (const used of [1, 3, 4, 6, 9]) {
      const query = new Array<number>(dims).fill(0);
      for (let i = 0; i < used; i++) query[(i * 7) % dims] = next() + 0.1;
      // What the scan computes: the query and each row scaled to unit length in float32, then one
      // addition per used dimension, lowest first.
      const q = Float32Array.from(query);
      const qNorm = 1 / Math.sqrt(q.reduce((sum, x) => sum + x * x, 0));
      for (let d = 0; d < dims; d++) q[d]! *= qNorm;
      const expected = vectors.map((v) => {
        const vNorm = 1 / Math.sqrt(v.reduce((sum, x) => sum + x * x, 0));
        const unit = Float32Array.from(v, (x) => x * vNorm);
        let score = 0;
        for (let d = 0; d < dims; d++) if (q[d] !== 0) score += q[d]! * unit[d]!;
        return score;
      });
      for (const hit of matrix.search(query, vectors.length)) expect(hit.score).toBe(expected[hit.row]);
    }
  });

  it('when the query has another size, then it throws; when it is all zeros, then every score is 0', () => {
    const matrix = buildVectorMatrix([Float32Array.of(1, 0, 0), Float32Array.of(0, 1, 0)], 3);
    expect(() => matrix.search([1, 0], 1)).toThrow(/dimensions/);
    expect(matrix.search([0, 0, 0], 5)).toEqual([
      { row: 0, score: 0 },
      { row: 1, score: 0 },
    ]);
  });
});

describe('topK', () => {
  it('when scores tie, then the lower row comes first; when the limit exceeds the rows, then all come back', () => {
    const scores = Float64Array.of(0.5, 0.9, 0.5, -1, 0.9);
    expect(topK(scores, 3)).toEqual([
      { row: 1, score: 0.9 },
      { row: 4, score: 0.9 },
      { row: 0, score: 0.5 },
    ]);
    expect(topK(scores, 10).map((h) => h.row)).toEqual([1, 4, 0, 2, 3]);
    expect(topK(scores, 0)).toEqual([]);
  });
});
