import type { ChunkPayload } from '../../src/rag/types.js';

/** A chunk of a test book: `heading_path[0]` is the page title, the URL names page and chunk. */
export function chunkPayload(
  source_path: string,
  heading_path: string[],
  text: string,
  chunk_index = 0,
): ChunkPayload {
  return {
    text,
    title: heading_path[0]!,
    heading_path,
    url: `https://book.example.org/docs/${source_path}#${chunk_index}`,
    source_path,
    chunk_index,
    content_hash: `${source_path}#${chunk_index}`,
  };
}
