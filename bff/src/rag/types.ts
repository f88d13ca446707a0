/**
 * The RAG pipeline's seams. Production uses Cohere (embedder, generator) and Qdrant (vector store);
 * the embedded default uses a local embedder, an extractive generator and the index held in memory
 * (stores/memory-index-store.ts), loaded from rows of the main database.
 * Everything outside rag/ talks to these interfaces only.
 */

/** What ingest stores with every chunk (DESIGN.md, RAG §1). */
export interface ChunkPayload {
  text: string;
  title: string;
  /** Headings from the page title down to this chunk's section. */
  heading_path: string[];
  /** Public URL of the page plus the section anchor. */
  url: string;
  /** Path relative to the ingested docs folder, with forward slashes. */
  source_path: string;
  chunk_index: number;
  /** sha256 of the chunk text plus everything else in its payload, so a changed URL re-upserts too. */
  content_hash: string;
}

export interface IndexedChunk {
  /** Deterministic UUID derived from source_path and chunk_index, so re-ingest overwrites in place. */
  id: string;
  vector: number[];
  payload: ChunkPayload;
}

/** One field of a chunk as the keyword index scores it (retrieval/keyword-index.ts). */
export interface FieldTerms {
  /** Distinct raw tokens in the field (BM25's field length). */
  length: number;
  /** Processed terms, each once, and how often each occurs. */
  terms: string[];
  counts: number[];
}

/**
 * A chunk's words for the keyword index, computed at ingest and stored with the chunk, so loading
 * the index does not tokenize and stem the book again (retrieval/keyword-index.ts chunkTerms).
 */
export interface ChunkTerms {
  /** The term code that produced it (termDataVersion()); data of another version is recomputed. */
  version: string;
  /** Title, headings, text; null for a field the chunk lacks. */
  fields: (FieldTerms | null)[];
  /** The stemmed content words of the whole chunk, each once (terms.ts contentTerms). */
  content: string[];
}

export interface SearchHit {
  id: string;
  /** Higher is better; cosine similarity for vector search. */
  score: number;
  payload: ChunkPayload;
}

/** Which embedder built an index; a query embedded by another one is refused. */
export interface IndexInfo {
  embedder: string;
  dimensions: number;
}

export type EmbedInputType = 'search_document' | 'search_query';

export interface Embedder {
  /** Stable identity, e.g. "local-hash-v1/384" or "cohere/embed-v4.0/1024". */
  readonly id: string;
  readonly dimensions: number;
  embed(texts: string[], inputType: EmbedInputType, signal?: AbortSignal): Promise<number[][]>;
}

/** One ingested file as last seen, so an unchanged re-ingest skips it without parsing. */
export interface SourceFile {
  source_path: string;
  size: number;
  mtime_ms: number;
  sha256: string;
}

/** What an ingest reports when it is done (stores that keep a file manifest). */
export interface PublishedIngest {
  /** Everything besides the files' bytes that shapes the chunks (base URL, chunking options). */
  settings: string;
  files: SourceFile[];
  /** Source paths no longer in the docs folder. */
  removed: string[];
}

export interface VectorStore {
  readonly kind: 'qdrant' | 'memory';
  /** null when nothing was ever ingested. */
  info(): Promise<IndexInfo | null>;
  /** Creates the index for this embedder; fails if one exists for another embedder unless reset is set. */
  ensure(info: IndexInfo, options?: { reset?: boolean }): Promise<void>;
  upsert(chunks: IndexedChunk[]): Promise<void>;
  deleteByIds(ids: string[]): Promise<void>;
  /** id → content_hash for every stored chunk, for incremental re-ingest. */
  manifest(): Promise<Map<string, { source_path: string; content_hash: string }>>;
  /** Every stored payload, for the keyword side of hybrid retrieval, with its stored term data if any. */
  payloads(): Promise<{ id: string; payload: ChunkPayload; terms?: ChunkTerms }[]>;
  search(vector: number[], limit: number, signal?: AbortSignal): Promise<SearchHit[]>;
  /** The files as last ingested and the settings they were chunked with; absent: parse every file. */
  sources?(): Promise<{ settings: string; files: Map<string, SourceFile> }>;
  /** Ends an ingest: records its files and makes the new index visible to every reader at once. */
  publish?(ingest: PublishedIngest): Promise<void>;
  /** Calls back after the store has loaded a new version of the index (another ingest, elsewhere). */
  onReload?(listener: () => void): void;
  /** Throws when the store is unreachable; used by /readyz. */
  ping(signal?: AbortSignal): Promise<void>;
  close(): Promise<void>;
}

export type Level = 'Beginner' | 'Intermediate' | 'Advanced';

/** Who is asking: a profile when the reader is signed in and it loaded, otherwise null. */
export interface Reader {
  userId: string | null;
  profile: {
    software_experience: 'Beginner' | 'Intermediate' | 'Advanced';
    hardware_experience: 'None' | 'Basic' | 'Advanced';
    interests: string[];
  } | null;
}

export interface Persona {
  /** 'default' for anonymous readers or when the profile could not be loaded. */
  level: Level | 'default';
  interests: string[];
  systemPrompt: string;
  personalized: boolean;
}

/** One earlier turn of the conversation, oldest first (DESIGN.md, POST /query `history`). */
export interface Turn {
  role: 'user' | 'assistant';
  content: string;
}

export interface GenerateInput {
  query: string;
  /** The conversation's previous turns, oldest first, without the current question. */
  history?: Turn[];
  selectedText?: string;
  persona: Persona;
  /** Retrieved passages, best first; citations refer to them by index. */
  documents: SearchHit[];
  /** IDF of the query's terms in the whole book, when the retriever knows them. */
  termWeights?: Record<string, number>;
  /**
   * False when the caller keeps only the `done` event (a JSON response, not a stream): a generator
   * that has the whole answer at once then skips the deltas. Default true.
   */
  deltas?: boolean;
}

/** A citation points at one of the input documents. */
export interface GeneratedCitation {
  documentIndex: number;
}

export type GenerateEvent =
  | { type: 'delta'; text: string }
  | { type: 'done'; text: string; citations: GeneratedCitation[]; answered: boolean };

export interface Generator {
  readonly mode: 'cohere' | 'extractive';
  /** Streams deltas and ends with one 'done' event holding the whole answer. */
  generate(input: GenerateInput, signal?: AbortSignal): AsyncIterable<GenerateEvent>;
  ping?(signal?: AbortSignal): Promise<void>;
  /** Drops what the generator derived from the index (called after a re-ingest). */
  invalidate?(): void;
}
