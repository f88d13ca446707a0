import type Router from '@koa/router';
import { operation } from '../platform/operation.js';
import { createRouter } from '../platform/router.js';
import type { Context } from 'koa';
import type { Config } from '../platform/config.js';
import type { LimiterStore } from '../platform/rate-limit.js';
import type { SessionStore } from '../auth/session-store.js';
import type { TokenService } from '../auth/tokens.js';
import type { QueryService } from './query-service.js';
import { optionalAuth } from '../auth/auth-middleware.js';
import { AppError } from '../platform/errors.js';
import { rateLimit } from '../platform/rate-limit.js';
import { parseBody } from '../platform/validate.js';
import { FeedbackBody } from '@textbook-assistant/contract';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * 👍/👎 on an answer. Signed-in readers rate only their own queries; anonymous readers only
 * anonymous ones (the query id, a random UUID, is what they hold). Anything else is 404.
 */
export interface FeedbackRouteDeps {
  config: Pick<Config, 'rateLimits'>;
  limiter: LimiterStore;
  tokens: TokenService;
  sessions: SessionStore;
  queries: Pick<QueryService, 'recordFeedback'>;
}

export function feedbackRoutes(deps: FeedbackRouteDeps): Router {
  const router = createRouter();
  const byIp = (ctx: Context) => ctx.ip;

  router.post(
    '/:id/feedback',
    operation({
      operationId: 'rateAnswer',
      summary: 'Rate an answer: 1 or -1 (own queries; anonymous readers anonymous ones)',
      params: { id: 'The answer’s query_id' },
      body: FeedbackBody,
      responses: { 204: null },
      errors: ['NOT_FOUND'],
    }),
    rateLimit(deps.limiter, { name: 'feedback', limit: deps.config.rateLimits.query, key: byIp }),
    optionalAuth(deps),
    async (ctx) => {
      const { value } = parseBody(FeedbackBody, ctx.request.body);
      const id = ctx.params.id ?? '';
      const userId = ctx.state.auth?.userId ?? null;
      if (!UUID.test(id) || !(await deps.queries.recordFeedback(id, userId, value))) {
        throw new AppError('NOT_FOUND', 'No such answer to rate.');
      }
      ctx.status = 204;
    },
  );

  return router;
}
