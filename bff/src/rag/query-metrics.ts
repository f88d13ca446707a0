import type { Metrics } from '../platform/metrics.js';
import type { QueryService } from './query-service.js';

/**
 * The query service, timed: from the question to its `done` event, by generator mode, and counting
 * abstentions (`answered: false`, the book does not cover the question). Failed or abandoned
 * questions are not timed here; the HTTP metrics count them by status.
 */
export function instrumentQueries(queries: QueryService, metrics: Metrics): QueryService {
  return {
    ...queries,
    recordFeedback: (...args) => queries.recordFeedback(...args),
    async *answer(request, reader, signal, options) {
      const stop = metrics.queryDuration.startTimer();
      for await (const event of queries.answer(request, reader, signal, options)) {
        if (event.type === 'done') {
          stop({ mode: event.mode, personalized: String(event.personalization_applied) });
          if ((event as { answered?: boolean }).answered === false)
            metrics.abstentions.inc({ mode: event.mode });
        }
        yield event;
      }
    },
  };
}
