import type { ChunkPayload, IndexInfo, IndexedChunk, SearchHit, VectorStore } from '../types.js';

/**
 * An exact-cosine VectorStore held in memory, for retrieval evaluation and tests: no database,
 * so a benchmark measures retrieval and nothing else. Reports itself as 'memory', like the default
 * store (stores/memory-index-store.ts), which it behaves like without the database behind it.
 */
export class InMemoryVectorStore implements VectorStore {
  readonly kind = 'memory' as const;
  private index: IndexInfo | null = null;
  private readonly chunks = new Map<string, IndexedChunk>();

  async info(): Promise<IndexInfo | null> {
    return this.index;
  }

  async ensure(info: IndexInfo, options: { reset?: boolean } = {}): Promise<void> {
    if (this.index && this.index.embedder !== info.embedder && !options.reset) {
      throw new Error(`index was built by ${this.index.embedder}`);
    }
    if (options.reset) this.chunks.clear();
    this.index = info;
  }

  async upsert(chunks: IndexedChunk[]): Promise<void> {
    for (const chunk of chunks) this.chunks.set(chunk.id, chunk);
  }

  async deleteByIds(ids: string[]): Promise<void> {
    for (const id of ids) this.chunks.delete(id);
  }

  async manifest(): Promise<Map<string, { source_path: string; content_hash: string }>> {
    return new Map(
      [...this.chunks.values()].map((c) => [
        c.id,
        { source_path: c.payload.source_path, content_hash: c.payload.content_hash },
      ]),
    );
  }

  async payloads(): Promise<{ id: string; payload: ChunkPayload }[]> {
    return [...this.chunks.values()].map(({ id, payload }) => ({ id, payload }));
  }

  async search(vector: number[], limit: number, signal?: AbortSignal): Promise<SearchHit[]> {
    signal?.throwIfAborted();
    return [...this.chunks.values()]
      .map((c) => ({ id: c.id, score: cosine(vector, c.vector), payload: c.payload }))
      .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1))
      .slice(0, limit);
  }

  async ping(): Promise<void> {}

  async close(): Promise<void> {}
}

function cosine(a: number[], b: number[]): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * (b[i] ?? 0);
    na += a[i]! * a[i]!;
    nb += (b[i] ?? 0) * (b[i] ?? 0);
  }
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}
