import type { z } from 'zod';
import { ErrorBody } from './errors.js';
import { QueryAnswer, QueryDelta, QueryMeta } from './query.js';

/**
 * POST /query with `Accept: text/event-stream`: the event names and the JSON `data` of each.
 * Order: one `meta`, any number of `delta`, then `done` (the whole answer) or `error`.
 */
export const QUERY_EVENTS = {
  meta: QueryMeta,
  delta: QueryDelta,
  done: QueryAnswer,
  error: ErrorBody,
} as const;

export type QueryEventName = keyof typeof QUERY_EVENTS;
export type QueryEventData<E extends QueryEventName> = z.infer<(typeof QUERY_EVENTS)[E]>;
