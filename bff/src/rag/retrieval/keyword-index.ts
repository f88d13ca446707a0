import MiniSearch from 'minisearch';
import type { ChunkPayload } from '../types.js';
import { contentTerms, processTerm } from './terms.js';

/** What one chunk shares with a query; the abstention rule reads it. */
export interface Evidence {
  coverage: number;
  /** Distinct query words found in the chunk, out of `terms`. */
  matched: number;
  terms: number;
}

export interface KeywordHit {
  id: string;
  /** BM25 score from MiniSearch: only comparable within one query. */
  score: number;
}

interface IndexedDoc {
  id: string;
  title: string;
  headings: string;
  text: string;
}

/**
 * The keyword side of hybrid retrieval: BM25 over every stored chunk (MiniSearch), plus the
 * document frequencies the abstention rule needs to weigh query words by how telling they are.
 */
export class KeywordIndex {
  private readonly search_: MiniSearch<IndexedDoc>;
  private readonly termsById = new Map<string, Set<string>>();
  private readonly documentFrequency = new Map<string, number>();

  constructor(chunks: { id: string; payload: ChunkPayload }[]) {
    this.search_ = new MiniSearch<IndexedDoc>({
      fields: ['title', 'headings', 'text'],
      processTerm,
      // Headings name what a section is about; a match there is worth more than one in passing.
      searchOptions: { boost: { title: 1.5, headings: 2 }, combineWith: 'OR', prefix: false, fuzzy: false },
    });
    const docs = chunks.map(({ id, payload }) => ({
      id,
      title: payload.title,
      headings: payload.heading_path.join(' '),
      text: payload.text,
    }));
    this.search_.addAll(docs);
    for (const doc of docs) {
      const terms = new Set(contentTerms(`${doc.title} ${doc.headings} ${doc.text}`));
      this.termsById.set(doc.id, terms);
      for (const term of terms) this.documentFrequency.set(term, (this.documentFrequency.get(term) ?? 0) + 1);
    }
  }

  get size(): number {
    return this.termsById.size;
  }

  search(query: string, limit: number): KeywordHit[] {
    return this.search_
      .search(query)
      .slice(0, limit)
      .map((result) => ({ id: String(result.id), score: result.score }));
  }

  /** True when some chunk of the book holds this stemmed term. */
  knows(term: string): boolean {
    return this.documentFrequency.has(term);
  }

  /** Inverse document frequency; a word the book never uses weighs the most. */
  idf(term: string): number {
    const df = this.documentFrequency.get(term) ?? 0;
    return Math.log(1 + (this.size + 1) / (df + 0.5));
  }

  /**
   * How much of the query one chunk holds: the share of the query's IDF weight, in [0, 1] and
   * comparable across queries (unlike BM25), and how many distinct query words it contains.
   */
  evidence(queryTerms: string[], id: string): Evidence {
    const terms = this.termsById.get(id);
    if (!terms || queryTerms.length === 0) return { coverage: 0, matched: 0, terms: queryTerms.length };
    let total = 0;
    let weight = 0;
    let matched = 0;
    for (const term of queryTerms) {
      const idf = this.idf(term);
      total += idf;
      if (terms.has(term)) {
        weight += idf;
        matched++;
      }
    }
    return { coverage: total === 0 ? 0 : weight / total, matched, terms: queryTerms.length };
  }

  /** Share of the query's words (by IDF weight) that occur anywhere in the book. */
  corpusCoverage(queryTerms: string[]): number {
    let total = 0;
    let known = 0;
    for (const term of queryTerms) {
      const weight = this.idf(term);
      total += weight;
      if (this.documentFrequency.has(term)) known += weight;
    }
    return total === 0 ? 0 : known / total;
  }
}
