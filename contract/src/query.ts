import { z } from 'zod';
import { SOFTWARE_LEVELS, LIMITS } from './limits.js';
import { text } from './text.js';

const { maxResults } = LIMITS;

/** One earlier turn of the conversation. */
export const HistoryTurn = z
  .object({
    role: z.enum(['user', 'assistant']),
    content: text(LIMITS.historyTurnMaxChars, { empty: 'a turn needs some text' }),
  })
  .strict();

/** POST /query. */
export const QueryBody = z
  .object({
    query: text(LIMITS.queryMaxChars, { empty: 'ask a question' }),
    max_results: z.number().int().min(maxResults.min).max(maxResults.max).default(maxResults.default),
    /** The passage the reader highlighted on the page. */
    selected_text: text(LIMITS.selectedTextMaxChars, { min: 0 }).optional(),
    /** The conversation's previous turns, oldest first, without the current question. */
    history: z
      .array(HistoryTurn)
      .max(LIMITS.historyMaxTurns, `at most ${LIMITS.historyMaxTurns} turns`)
      .optional(),
  })
  .strict();

/** One textbook page section an answer draws on. */
export const Citation = z.object({
  title: z.string(),
  url: z.string(),
  /** Headings from the page title down to the section. */
  heading_path: z.array(z.string()),
  /** Relative to the ingested docs folder, with forward slashes. */
  source_path: z.string(),
  snippet: z.string(),
  score: z.number(),
});

/** 'default' when the answer was not personalized (anonymous reader, or no profile). */
export const AnswerLevel = z.enum([...SOFTWARE_LEVELS, 'default']);
export const AnswerMode = z.enum(['cohere', 'extractive']);

/**
 * The SSE `meta` event, first: `citations` are the passages the answer is drawn from, best first.
 * (In the answer they are only those it cites, in the order of its [1], [2] … markers.)
 */
/** A word of the question the BFF read as another ("recieve" as "receive"), to say so to the reader. */
export const ReadAs = z.object({ typed: z.string(), read: z.string() });

export const QueryMeta = z.object({
  citations: z.array(Citation),
  personalization_applied: z.boolean(),
  level: AnswerLevel,
  mode: AnswerMode,
  query_id: z.uuid(),
  /** Present when the question was searched with mistyped words read as the book's words. */
  read_as: z.array(ReadAs).optional(),
});

/** The SSE `delta` event: the next piece of the answer's text. */
export const QueryDelta = z.object({ text: z.string() });

/** The JSON answer of POST /query, and the SSE `done` event, last. */
export const QueryAnswer = QueryMeta.extend({
  answer: z.string(),
  /** False when the book does not cover the question (the abstention decision). */
  answered: z.boolean(),
});

/** POST /query/{id}/feedback: 👍 or 👎 on an answer. */
export const FeedbackBody = z
  .object({ value: z.union([z.literal(1), z.literal(-1)], { error: () => 'must be 1 or -1' }) })
  .strict();

export type HistoryTurn = z.infer<typeof HistoryTurn>;
export type QueryBody = z.infer<typeof QueryBody>;
export type QueryRequest = z.input<typeof QueryBody>;
export type Citation = z.infer<typeof Citation>;
export type AnswerLevel = z.infer<typeof AnswerLevel>;
export type AnswerMode = z.infer<typeof AnswerMode>;
export type QueryMeta = z.infer<typeof QueryMeta>;
export type ReadAs = z.infer<typeof ReadAs>;
export type QueryDelta = z.infer<typeof QueryDelta>;
export type QueryAnswer = z.infer<typeof QueryAnswer>;
export type FeedbackRequest = z.input<typeof FeedbackBody>;
