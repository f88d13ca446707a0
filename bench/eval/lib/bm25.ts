import MiniSearch from 'minisearch';
import type { Retriever } from '../../../bff/src/rag/retrieval/hybrid-retriever.js';
import type { ChunkPayload, SearchHit } from '../../../bff/src/rag/types.js';

/**
 * The baseline: plain BM25 from MiniSearch with its defaults (its tokenizer, lower-casing, no
 * stemming, no synonyms, OR of the query's words) over exactly the chunks we indexed, with the
 * section headings as a field. It never abstains unless no word matches.
 */
export function bm25Retriever(chunks: { id: string; payload: ChunkPayload }[]): Retriever {
  const mini = new MiniSearch<{ id: string; title: string; headings: string; text: string }>({
    fields: ['title', 'headings', 'text'],
  });
  mini.addAll(
    chunks.map(({ id, payload }) => ({
      id,
      title: payload.title,
      headings: payload.heading_path.join(' '),
      text: payload.text,
    })),
  );
  const byId = new Map(chunks.map((c) => [c.id, c.payload]));
  return {
    invalidate() {},
    async retrieve(query, maxResults) {
      const found = mini.search(query).slice(0, maxResults);
      const hits: SearchHit[] = found.map((r) => ({
        id: String(r.id),
        score: r.score,
        payload: byId.get(String(r.id))!,
      }));
      return { hits, terms: [], coverage: hits.length ? 1 : 0, covered: hits.length > 0 };
    },
  };
}
