import { createHash } from 'node:crypto';
import type { ChunkPayload, ChunkTerms, FieldTerms } from '../types.js';
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
  /** BM25 score: only comparable within one query. */
  score: number;
}

/** A chunk for the index; `terms` (computed at ingest by chunkTerms) saves tokenizing it again. */
export interface KeywordChunk {
  id: string;
  payload: ChunkPayload;
  terms?: ChunkTerms;
}

/**
 * The scored fields and their boosts: headings name what a section is about, so a match there is
 * worth more than one in passing.
 */
const FIELDS = ['title', 'headings', 'text'] as const;
const BOOSTS = [1.5, 2, 1] as const;
/** BM25+ as MiniSearch 7 computes it (its defaults), so the ranking is the one it gave. */
const K = 1.2;
const B = 0.7;
const D = 0.5;
/** MiniSearch's default tokenizer: any run of Unicode spaces, newlines or punctuation. */
const SPACE_OR_PUNCTUATION = /[\n\r\p{Z}\p{P}]+/u;

/**
 * Bump when the stored term data changes shape or meaning in a way the probe below cannot see
 * (keyword-index.test.ts pins the corpus's term output to this number, so a change of terms.ts
 * that alters it fails there until this is bumped). Stored term data of another version is never
 * used: it is recomputed from the payload, and the next ingest rewrites it.
 */
export const TERM_DATA_FORMAT = 6;

/**
 * Words that exercise every rule of terms.ts (stopwords, the wrapper words of questions, British
 * spellings, apostrophes, digits, stemming, lone letters, punctuation and Unicode): their term data
 * is hashed into the version, so most changes to the term code invalidate stored data by themselves.
 */
const PROBE = [
  "The robot's controllers don't optimise; they're optimizing the behaviour of ROS 2 nodes.",
  'Explain what a licence, a defence and an offence mean. Tell me about the colour of hours.',
  'Isaac 4.0 runs 10:30 on x86_64 GPUs — naïve café résumé, “quoted” text, e-mail@example.org.',
  'Working works worked; running runs ran; studies studying studied; a b c 1 2 3 i I am is are.',
  'A thing, things, kind, kinds, type, types, different, main, basic, something, example, examples.',
  'Is it really good enough, or should I actually pick one instead, rather than both?',
  "It won't hold; shouldnt it? The robot’s arm can't, and they've said it doesn’t.",
  'The config and its params: repo dir, env info, app spec, args, libs, pkg and msgs.',
  'Does anyone log stuff anywhere, or everything, nothing, whatever?',
  'Sensors, actuators, kinematics, dynamics, localization/localisation, SLAM-based mapping (LiDAR).',
].join('\n');

let version: string | undefined;

/** Which term code produced a chunk's term data: the format number plus a hash of the probe's terms. */
export function termDataVersion(): string {
  version ??= `${TERM_DATA_FORMAT}:${fingerprint(chunkTermsOf([PROBE, PROBE, PROBE]))}`;
  return version;
}

/** A short hash of term data, for the version and for the test that pins it. */
export function fingerprint(data: unknown): string {
  return createHash('sha256').update(JSON.stringify(data)).digest('hex').slice(0, 16);
}

/** The keyword data of one chunk, computed once at ingest and stored with it. */
export function chunkTerms(payload: ChunkPayload): ChunkTerms {
  return { version: termDataVersion(), ...chunkTermsOf(fieldValues(payload)) };
}

function fieldValues(payload: ChunkPayload): (string | null)[] {
  return [payload.title ?? null, payload.heading_path?.join(' ') ?? null, payload.text ?? null];
}

function chunkTermsOf(values: (string | null)[]): Omit<ChunkTerms, 'version'> {
  return {
    fields: values.map((value) => (value == null ? null : fieldTerms(String(value)))),
    content: contentTerms(values.join(' ')),
  };
}

/**
 * A field as MiniSearch indexes it: its length is the number of distinct raw tokens, its terms the
 * processed ones with their frequencies.
 */
function fieldTerms(value: string): FieldTerms {
  const tokens = value.split(SPACE_OR_PUNCTUATION);
  const counts = new Map<string, number>();
  for (const token of tokens) {
    const term = processTerm(token);
    if (term) counts.set(term, (counts.get(term) ?? 0) + 1);
  }
  return { length: new Set(tokens).size, terms: [...counts.keys()], counts: [...counts.values()] };
}

/** The query's terms as MiniSearch reads them: its tokenizer, our processTerm, repeats kept. */
function queryTerms(query: string): string[] {
  const out: string[] = [];
  for (const token of query.split(SPACE_OR_PUNCTUATION)) {
    const term = processTerm(token);
    if (term) out.push(term);
  }
  return out;
}

/**
 * The keyword side of hybrid retrieval: BM25 over every stored chunk, plus the document
 * frequencies the abstention rule needs to weigh query words by how telling they are.
 *
 * The scores are MiniSearch's (BM25+, k 1.2, b 0.7, d 0.5; boosts title 1.5, headings 2; OR of the
 * query's words; a document's sum times the number of distinct query words it matched; ties in the
 * order MiniSearch meets them), computed from postings in typed arrays built from term data
 * stored at ingest, so neither a process start nor a query tokenizes or stems the book.
 */
export class KeywordIndex {
  private readonly ids: string[];
  private readonly rowOf = new Map<string, number>();
  private readonly termIds = new Map<string, number>();
  /** Per field: each document's length, the average length, and postings (documents, frequencies) by term. */
  private readonly fieldLength: Uint32Array[];
  private readonly avgLength: number[];
  private readonly postingStart: Int32Array[];
  private readonly postingDoc: Int32Array[];
  private readonly postingFreq: Uint32Array[];
  /** Each document's content terms (sorted term ids) and each term's document frequency. */
  private readonly contentStart: Int32Array;
  private readonly contentTerm: Int32Array;
  private readonly documentFrequency: Int32Array;
  /** idf() of each term, and of a word the book never uses: computed once, asked for many times a query. */
  private readonly idfOf: Float64Array;
  private readonly unknownIdf: number;
  // Per-query scratch, reused: no allocation proportional to the book per query.
  private readonly termScore: Float64Array;
  private readonly total: Float64Array;
  private readonly termMark: Int32Array;
  private readonly resultMark: Int32Array;
  private readonly quality: Uint16Array;
  private readonly touched: Int32Array;
  private readonly order: Int32Array;
  private stamp = 0;
  /** The last query terms weighed for evidence(), with their ids and IDF weights. */
  private lastWeighed:
    { terms: string[]; words: string[]; ids: number[]; idfs: number[]; total: number } | undefined;

  constructor(chunks: KeywordChunk[]) {
    const n = chunks.length;
    const current = termDataVersion();
    const data = chunks.map((c) => (c.terms?.version === current ? c.terms : chunkTerms(c.payload)));
    this.ids = chunks.map((c) => c.id);
    this.ids.forEach((id, row) => this.rowOf.set(id, row));
    const termId = (term: string): number => {
      let id = this.termIds.get(term);
      if (id === undefined) {
        id = this.termIds.size;
        this.termIds.set(term, id);
      }
      return id;
    };

    // Pass 1: lengths, the averages (updated per document the way MiniSearch does), term ids, counts.
    this.fieldLength = FIELDS.map(() => new Uint32Array(n));
    this.avgLength = FIELDS.map(() => 0);
    const fieldCounts: number[][] = FIELDS.map(() => []);
    const contentIds: Int32Array[] = [];
    let contentTotal = 0;
    for (let d = 0; d < n; d++) {
      const entry = data[d]!;
      for (let f = 0; f < FIELDS.length; f++) {
        const field = entry.fields[f];
        if (!field) continue;
        this.fieldLength[f]![d] = field.length;
        this.avgLength[f] = (this.avgLength[f]! * d + field.length) / (d + 1);
        const counts = fieldCounts[f]!;
        for (const term of field.terms) {
          const id = termId(term);
          counts[id] = (counts[id] ?? 0) + 1;
        }
      }
      const ids = Int32Array.from(entry.content, termId).sort();
      contentIds.push(ids);
      contentTotal += ids.length;
    }

    // Pass 2: postings in document order, laid out by term.
    const terms = this.termIds.size;
    this.postingStart = [];
    this.postingDoc = [];
    this.postingFreq = [];
    for (let f = 0; f < FIELDS.length; f++) {
      const start = new Int32Array(terms + 1);
      const counts = fieldCounts[f]!;
      for (let t = 0; t < terms; t++) start[t + 1] = start[t]! + (counts[t] ?? 0);
      const cursor = start.slice(0, terms);
      const docs = new Int32Array(start[terms]!);
      const freqs = new Uint32Array(start[terms]!);
      for (let d = 0; d < n; d++) {
        const field = data[d]!.fields[f];
        if (!field) continue;
        for (let i = 0; i < field.terms.length; i++) {
          const at = cursor[this.termIds.get(field.terms[i]!)!]!++;
          docs[at] = d;
          freqs[at] = field.counts[i]!;
        }
      }
      this.postingStart.push(start);
      this.postingDoc.push(docs);
      this.postingFreq.push(freqs);
    }
    this.contentStart = new Int32Array(n + 1);
    this.contentTerm = new Int32Array(contentTotal);
    this.documentFrequency = new Int32Array(terms);
    for (let d = 0; d < n; d++) {
      const ids = contentIds[d]!;
      this.contentTerm.set(ids, this.contentStart[d]!);
      this.contentStart[d + 1] = this.contentStart[d]! + ids.length;
      for (const id of ids) this.documentFrequency[id]!++;
    }
    this.idfOf = Float64Array.from(this.documentFrequency, (df) => Math.log(1 + (n + 1) / (df + 0.5)));
    this.unknownIdf = Math.log(1 + (n + 1) / (0 + 0.5));

    this.termScore = new Float64Array(n);
    this.total = new Float64Array(n);
    this.termMark = new Int32Array(n);
    this.resultMark = new Int32Array(n);
    this.quality = new Uint16Array(n);
    this.touched = new Int32Array(n);
    this.order = new Int32Array(n);
  }

  get size(): number {
    return this.ids.length;
  }

  search(query: string, limit: number): KeywordHit[] {
    const terms = queryTerms(query);
    if (terms.length === 0 || limit <= 0 || this.ids.length === 0) return [];
    const queryStamp = this.nextStamp();
    const n = this.ids.length;
    const counted = new Set<number>();
    let found = 0;
    for (const term of terms) {
      const id = this.termIds.get(term);
      if (id === undefined) continue;
      const first = !counted.has(id);
      counted.add(id);
      // One term's score per document, summed over the fields in order, then added to the total.
      const termStamp = this.nextStamp();
      let touched = 0;
      for (let f = 0; f < FIELDS.length; f++) {
        const start = this.postingStart[f]![id]!;
        const end = this.postingStart[f]![id + 1]!;
        if (end === start) continue;
        const matching = end - start;
        const idf = Math.log(1 + (n - matching + 0.5) / (matching + 0.5));
        const boost = BOOSTS[f]!;
        const avg = this.avgLength[f]!;
        const lengths = this.fieldLength[f]!;
        const docs = this.postingDoc[f]!;
        const freqs = this.postingFreq[f]!;
        for (let p = start; p < end; p++) {
          const d = docs[p]!;
          const tf = freqs[p]!;
          const raw = idf * (D + (tf * (K + 1)) / (tf + K * (1 - B + (B * lengths[d]!) / avg)));
          const weighted = boost * raw;
          if (this.termMark[d] === termStamp) this.termScore[d] = this.termScore[d]! + weighted;
          else {
            this.termMark[d] = termStamp;
            this.termScore[d] = weighted;
            this.touched[touched++] = d;
          }
        }
      }
      for (let i = 0; i < touched; i++) {
        const d = this.touched[i]!;
        if (this.resultMark[d] === queryStamp) this.total[d] = this.total[d]! + this.termScore[d]!;
        else {
          this.resultMark[d] = queryStamp;
          this.total[d] = this.termScore[d]!;
          this.quality[d] = 0;
          this.order[found++] = d;
        }
        if (first) this.quality[d]!++;
      }
    }
    return this.best(found, limit);
  }

  /** The `limit` best of the `found` documents, by score, ties in the order they were met. */
  private best(found: number, limit: number): KeywordHit[] {
    const rows: number[] = [];
    const scores: number[] = [];
    for (let i = 0; i < found; i++) {
      const d = this.order[i]!;
      const score = this.total[d]! * (this.quality[d]! || 1);
      if (rows.length === limit && score <= scores[limit - 1]!) continue;
      // After every kept score >= this one: an equal score met earlier stays ahead.
      let lo = 0;
      let hi = scores.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (scores[mid]! >= score) lo = mid + 1;
        else hi = mid;
      }
      rows.splice(lo, 0, d);
      scores.splice(lo, 0, score);
      if (rows.length > limit) {
        rows.pop();
        scores.pop();
      }
    }
    return rows.map((d, i) => ({ id: this.ids[d]!, score: scores[i]! }));
  }

  private nextStamp(): number {
    if (this.stamp >= 0x7fffffff) {
      this.stamp = 0;
      this.termMark.fill(0);
      this.resultMark.fill(0);
    }
    return ++this.stamp;
  }

  /** True when some chunk of the book holds this stemmed term. */
  knows(term: string): boolean {
    return this.frequency(term) > 0;
  }

  /** Inverse document frequency; a word the book never uses weighs the most. */
  idf(term: string): number {
    const id = this.termIds.get(term);
    return id === undefined ? this.unknownIdf : this.idfOf[id]!;
  }

  private frequency(term: string): number {
    const id = this.termIds.get(term);
    return id === undefined ? 0 : this.documentFrequency[id]!;
  }

  /** True when chunk `row` holds term `id` (its content terms are sorted ids). */
  private holds(row: number, id: number): boolean {
    let lo = this.contentStart[row]!;
    let hi = this.contentStart[row + 1]!;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const at = this.contentTerm[mid]!;
      if (at === id) return true;
      if (at < id) lo = mid + 1;
      else hi = mid;
    }
    return false;
  }

  /**
   * The query's terms as ids and IDF weights, read once for every chunk they are checked against:
   * one search asks for the evidence of tens of chunks with the same terms array.
   */
  private weighed(queryTerms: string[]): { ids: number[]; idfs: number[]; total: number } {
    const last = this.lastWeighed;
    // The same array, unchanged (a caller may refill one): its words are compared, not re-read.
    if (
      last?.terms === queryTerms &&
      last.words.every((w, i) => queryTerms[i] === w) &&
      last.words.length === queryTerms.length
    )
      return last;
    const ids = queryTerms.map((t) => this.termIds.get(t) ?? -1);
    const idfs = queryTerms.map((t) => this.idf(t));
    let total = 0;
    for (const w of idfs) total += w;
    this.lastWeighed = { terms: queryTerms, words: [...queryTerms], ids, idfs, total };
    return this.lastWeighed;
  }

  /**
   * How much of the query one chunk holds: the share of the query's IDF weight, in [0, 1] and
   * comparable across queries (unlike BM25), and how many distinct query words it contains.
   */
  evidence(queryTerms: string[], id: string): Evidence {
    const row = this.rowOf.get(id);
    if (row === undefined || queryTerms.length === 0)
      return { coverage: 0, matched: 0, terms: queryTerms.length };
    const { ids, idfs, total } = this.weighed(queryTerms);
    let weight = 0;
    let matched = 0;
    for (let i = 0; i < ids.length; i++) {
      if (ids[i]! >= 0 && this.holds(row, ids[i]!)) {
        weight += idfs[i]!;
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
      if (this.knows(term)) known += weight;
    }
    return total === 0 ? 0 : known / total;
  }
}
