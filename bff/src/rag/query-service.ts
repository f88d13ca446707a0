import { randomUUID } from 'node:crypto';
import type { Citation, QueryAnswer, QueryBody, QueryDelta, QueryMeta } from '@textbook-assistant/contract';
import { notCoveredAnswer } from './not-covered.js';
import { buildPersona } from './personalize/persona.js';
import type { QueryLogStore } from './query-log-store.js';
import { resolveFollowUp } from './retrieval/follow-up.js';
import { applyCorrections } from './retrieval/spelling.js';
import type { Retriever } from './retrieval/hybrid-retriever.js';
import type { GeneratedCitation, Generator, Persona, Reader, SearchHit } from './types.js';

/** What the route hands over: the parsed body of POST /query. */
export type QueryRequest = QueryBody;

/**
 * The SSE events as the service yields them (the contract's `meta`, `delta` and `done` data).
 * `meta`'s citations are the passages the answer is drawn from, best first; `done`'s only those
 * the answer cites, in the order of its [1], [2] … markers. One entry per URL.
 */
export type QueryEvent =
  ({ type: 'meta' } & QueryMeta) | ({ type: 'delta' } & QueryDelta) | ({ type: 'done' } & QueryAnswer);

export interface AnswerOptions {
  /**
   * False for a caller that reads only `meta` and `done` (POST /query answered as JSON): the
   * answer's text is not cut into `delta` events nobody reads. Default true (a stream).
   */
  deltas?: boolean;
}

export interface QueryService {
  answer(
    request: QueryRequest,
    reader: Reader,
    signal?: AbortSignal,
    options?: AnswerOptions,
  ): AsyncIterable<QueryEvent>;
  recordFeedback(queryId: string, userId: string | null, value: 1 | -1): Promise<boolean>;
}

export interface QueryServiceDeps {
  retriever: Retriever;
  generator: Generator;
  queryLog: Pick<QueryLogStore, 'record' | 'setFeedback'>;
}

const SNIPPET_CHARS = 200;
/** How much of a highlighted passage joins the question for retrieval. */
const SELECTION_QUERY_CHARS = 500;

export function createQueryService(deps: QueryServiceDeps): QueryService {
  const { retriever, generator, queryLog } = deps;

  async function* answer(
    request: QueryRequest,
    reader: Reader,
    signal?: AbortSignal,
    options: AnswerOptions = {},
  ): AsyncIterable<QueryEvent> {
    const deltas = options.deltas ?? true;
    const started = performance.now();
    const persona = buildPersona(reader);
    const retrieval = await retriever.retrieve(retrievalQuery(request), request.max_results, signal);
    // One decision for every reader level: the retriever's. A highlighted passage is the book's
    // own text, so there is always something to explain.
    const onTopic = retrieval.covered || Boolean(request.selected_text);
    const documents = onTopic ? mergeByUrl(retrieval.hits) : [];
    const termWeights = retrieval.termWeights;
    const meta = {
      ...metaFor(persona, generator.mode, randomUUID()),
      ...(retrieval.corrections?.length ? { read_as: retrieval.corrections } : {}),
    };
    const cited = documents.map(toCitation);
    yield { type: 'meta', ...meta, citations: cited };

    // The writer reads the question as it was searched: "recieve" as "receive".
    const asSearched = { ...request, query: applyCorrections(request.query, retrieval.corrections ?? []) };
    const result = documents.length
      ? yield* generate(asSearched, persona, documents, termWeights, deltas, signal)
      : yield* abstain(retrieval.hits, deltas);
    const citations = result.citations.flatMap((c) => cited[c.documentIndex] ?? []);

    // Queued, not awaited: the row is written with others shortly after (query-log-store.ts).
    queryLog.record({
      id: meta.query_id,
      user_id: reader.userId,
      query: request.query,
      level: persona.level,
      personalization_applied: persona.personalized,
      mode: generator.mode,
      latency_ms: Math.round(performance.now() - started),
      answered: result.answered,
    });
    yield {
      type: 'done',
      ...meta,
      answer: result.text,
      answered: result.answered,
      citations: uniqueByUrl(citations),
    };
  }

  async function* generate(
    request: QueryRequest,
    persona: Persona,
    documents: SearchHit[],
    termWeights: Record<string, number> | undefined,
    deltas: boolean,
    signal?: AbortSignal,
  ) {
    const input = {
      query: request.query,
      history: request.history,
      selectedText: request.selected_text,
      persona,
      documents,
      termWeights,
      deltas,
    };
    for await (const event of generator.generate(input, signal)) {
      if (event.type === 'delta') {
        if (deltas) yield { type: 'delta', text: event.text } satisfies QueryEvent;
      } else return event;
    }
    throw new Error('the generator ended without a done event');
  }

  async function* abstain(nearest: SearchHit[], deltas: boolean) {
    const text = notCoveredAnswer(nearest);
    if (deltas) yield { type: 'delta', text } satisfies QueryEvent;
    return { text, citations: [] as GeneratedCitation[], answered: false };
  }

  return {
    answer,
    recordFeedback: (queryId, userId, value) => queryLog.setFeedback(queryId, userId, value),
  };
}

function metaFor(persona: Persona, mode: Generator['mode'], queryId: string): Omit<QueryMeta, 'citations'> {
  return { personalization_applied: persona.personalized, level: persona.level, mode, query_id: queryId };
}

/** "why?" after "what is a topic?" is searched as both; a highlighted passage joins the question. */
function retrievalQuery(request: QueryRequest): string {
  const query = request.history?.length ? resolveFollowUp(request.query, request.history) : request.query;
  if (!request.selected_text) return query;
  return `${query}\n${request.selected_text.slice(0, SELECTION_QUERY_CHARS)}`;
}

/**
 * Chunks of one section share a URL: they become one document (text in page order, best
 * score), so the generator cites each page section once and citations need no renumbering.
 */
export function mergeByUrl(hits: SearchHit[]): SearchHit[] {
  const groups = new Map<string, SearchHit[]>();
  for (const hit of hits) groups.set(hit.payload.url, [...(groups.get(hit.payload.url) ?? []), hit]);
  return [...groups.values()].map((group) => {
    const [first] = group as [SearchHit, ...SearchHit[]];
    if (group.length === 1) return first;
    const ordered = [...group].sort((a, b) => a.payload.chunk_index - b.payload.chunk_index);
    const text = ordered.map((h) => h.payload.text).join('\n\n');
    // Id and hash name the merged text, so caches keyed on them never mix it up with one chunk.
    const id = ordered.map((h) => h.id).join('+');
    const content_hash = ordered.map((h) => h.payload.content_hash).join('+');
    return { ...first, id, payload: { ...first.payload, text, content_hash } };
  });
}

function uniqueByUrl(citations: Citation[]): Citation[] {
  const seen = new Set<string>();
  return citations.filter((c) => !seen.has(c.url) && seen.add(c.url));
}

export function toCitation(hit: SearchHit): Citation {
  const { title, url, heading_path, source_path, text } = hit.payload;
  return { title, url, heading_path, source_path, snippet: snippetOf(text), score: hit.score };
}

/**
 * Snippets by passage text: the same few hundred passages are cited again and again, and a snippet
 * is four regular-expression passes over the whole passage. Bounded: cleared when full.
 */
const snippets = new Map<string, string>();
const SNIPPETS_HELD = 4096;

/** About 200 characters of readable prose: code and formulas dropped, cut at a word boundary. */
export function snippetOf(text: string): string {
  let snippet = snippets.get(text);
  if (snippet === undefined) {
    if (snippets.size >= SNIPPETS_HELD) snippets.clear();
    snippet = proseSnippet(text);
    snippets.set(text, snippet);
  }
  return snippet;
}

function proseSnippet(text: string): string {
  const prose = text
    .replace(/(`{3,}|~{3,})[\s\S]*?(\1|$)/g, ' ')
    .replace(/\$\$[\s\S]*?(\$\$|$)/g, ' ')
    .replace(/^\s*(?:[-*+]|\d+[.)])\s+/gm, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (prose.length <= SNIPPET_CHARS) return prose;
  return `${prose.slice(0, SNIPPET_CHARS).replace(/\s+\S*$/, '')}…`;
}
