/**
 * Exact cosine search over every stored vector, held as typed arrays. Vectors are normalised once
 * when the matrix is built, so a search is one dot product per chunk. When most coordinates are
 * zero (the local embedder's hashed features: a median of 37 of 512), the matrix is kept by
 * dimension (each dimension lists the chunks that use it); otherwise it is one column-major
 * Float32Array. Either way a query only visits the dimensions it uses: a question's hashed features
 * are a few dozen of 512, while a long passage's fill most of them. Cohere's vectors use every one.
 */

/** Below this share of non-zero coordinates, the sparse layout does less work per query. */
const SPARSE_BELOW = 0.25;

export interface MatrixHit {
  /** Row of the chunk, in the order the vectors were given. */
  row: number;
  score: number;
}

export interface VectorMatrix {
  readonly rows: number;
  readonly dimensions: number;
  readonly layout: 'sparse' | 'dense';
  /** Bytes held by the typed arrays. */
  readonly bytes: number;
  /** The best `limit` rows by cosine similarity, best first; ties go to the lower row. */
  search(query: ArrayLike<number>, limit: number): MatrixHit[];
}

export function buildVectorMatrix(vectors: Float32Array[], dimensions: number): VectorMatrix {
  let nonZero = 0;
  for (const v of vectors) for (let d = 0; d < dimensions; d++) if (v[d] !== 0) nonZero++;
  const density = vectors.length === 0 ? 0 : nonZero / (vectors.length * dimensions);
  return density < SPARSE_BELOW
    ? sparseMatrix(vectors, dimensions, nonZero)
    : denseMatrix(vectors, dimensions);
}

function inverseNorm(v: Float32Array, dimensions: number): number {
  let sum = 0;
  for (let d = 0; d < dimensions; d++) sum += v[d]! * v[d]!;
  return sum === 0 ? 0 : 1 / Math.sqrt(sum);
}

function queryArray(query: ArrayLike<number>, dimensions: number): Float32Array | null {
  if (query.length !== dimensions) throw new Error(`query has ${query.length} dimensions, not ${dimensions}`);
  const q = new Float32Array(dimensions);
  for (let d = 0; d < dimensions; d++) {
    const x = query[d]!;
    if (Number.isFinite(x)) q[d] = x;
  }
  const scale = inverseNorm(q, dimensions);
  if (scale === 0) return null;
  for (let d = 0; d < dimensions; d++) q[d]! *= scale;
  return q;
}

function sparseMatrix(vectors: Float32Array[], dimensions: number, nonZero: number): VectorMatrix {
  const rows = vectors.length;
  // Column-major (CSC): starts[d]..starts[d+1] index the rows that use dimension d.
  const starts = new Int32Array(dimensions + 1);
  for (const v of vectors) for (let d = 0; d < dimensions; d++) if (v[d] !== 0) starts[d + 1]!++;
  for (let d = 0; d < dimensions; d++) starts[d + 1]! += starts[d]!;
  const rowOf = new Int32Array(nonZero);
  const valueOf = new Float32Array(nonZero);
  const fill = starts.slice(0, dimensions);
  vectors.forEach((v, row) => {
    const scale = inverseNorm(v, dimensions);
    for (let d = 0; d < dimensions; d++) {
      if (v[d] === 0) continue;
      const at = fill[d]!++;
      rowOf[at] = row;
      valueOf[at] = v[d]! * scale;
    }
  });
  const scores = new Float64Array(rows);
  return {
    rows,
    dimensions,
    layout: 'sparse',
    bytes: starts.byteLength + rowOf.byteLength + valueOf.byteLength + scores.byteLength,
    search(query, limit) {
      const q = queryArray(query, dimensions);
      scores.fill(0);
      if (q) {
        for (let d = 0; d < dimensions; d++) {
          const w = q[d]!;
          if (w === 0) continue;
          for (let i = starts[d]!, end = starts[d + 1]!; i < end; i++) scores[rowOf[i]!]! += w * valueOf[i]!;
        }
      }
      return topK(scores, limit);
    },
  };
}

function denseMatrix(vectors: Float32Array[], dimensions: number): VectorMatrix {
  const rows = vectors.length;
  // Column-major: a query's zero coordinates (most of a short question's hashed features) cost
  // nothing, and each used dimension is one sequential pass over the rows.
  const data = new Float32Array(rows * dimensions);
  vectors.forEach((v, row) => {
    const scale = inverseNorm(v, dimensions);
    for (let d = 0; d < dimensions; d++) data[d * rows + row] = v[d]! * scale;
  });
  const scores = new Float64Array(rows);
  return {
    rows,
    dimensions,
    layout: 'dense',
    bytes: data.byteLength + scores.byteLength,
    search(query, limit) {
      const q = queryArray(query, dimensions);
      scores.fill(0);
      if (q) addColumns(q, data, rows, scores);
      return topK(scores, limit);
    },
  };
}

/**
 * scores[row] += q[d] * data[d * rows + row] for every d with q[d] ≠ 0, in ascending d. Four
 * dimensions per pass over the rows, each row's sum kept in a local between them: a quarter of
 * the passes and of the loads and stores of `scores`, and the same additions in the same order.
 */
function addColumns(q: Float32Array, data: Float32Array, rows: number, scores: Float64Array): void {
  const used: number[] = [];
  for (let d = 0; d < q.length; d++) if (q[d] !== 0) used.push(d);
  let k = 0;
  for (; k + 4 <= used.length; k += 4) {
    const w0 = q[used[k]!]!;
    const w1 = q[used[k + 1]!]!;
    const w2 = q[used[k + 2]!]!;
    const w3 = q[used[k + 3]!]!;
    const a0 = used[k]! * rows;
    const a1 = used[k + 1]! * rows;
    const a2 = used[k + 2]! * rows;
    const a3 = used[k + 3]! * rows;
    for (let row = 0; row < rows; row++) {
      let sum = scores[row]!;
      sum += w0 * data[a0 + row]!;
      sum += w1 * data[a1 + row]!;
      sum += w2 * data[a2 + row]!;
      sum += w3 * data[a3 + row]!;
      scores[row] = sum;
    }
  }
  for (; k < used.length; k++) {
    const w = q[used[k]!]!;
    for (let row = 0, at = used[k]! * rows; row < rows; row++, at++) scores[row]! += w * data[at]!;
  }
}

/** The `limit` highest scores, best first, lower row on ties: one pass with a small sorted buffer. */
export function topK(scores: Float64Array, limit: number): MatrixHit[] {
  const k = Math.min(Math.max(0, Math.trunc(limit)), scores.length);
  if (k === 0) return [];
  const rows = new Int32Array(k);
  const best = new Float64Array(k).fill(Number.NEGATIVE_INFINITY);
  let size = 0;
  for (let row = 0; row < scores.length; row++) {
    const s = scores[row]!;
    if (size === k && s <= best[k - 1]!) continue;
    // Insertion from the end: a later row with an equal score stays behind the earlier one.
    let i = size < k ? size++ : k - 1;
    while (i > 0 && best[i - 1]! < s) {
      best[i] = best[i - 1]!;
      rows[i] = rows[i - 1]!;
      i--;
    }
    best[i] = s;
    rows[i] = row;
  }
  return Array.from({ length: size }, (_, i) => ({ row: rows[i]!, score: best[i]! }));
}
