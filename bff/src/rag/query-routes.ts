import { PassThrough } from 'node:stream';
import type Router from '@koa/router';
import { operation } from '../platform/operation.js';
import { createRouter } from '../platform/router.js';
import type { Context, Middleware } from 'koa';
import { QUERY_EVENTS, QueryAnswer, QueryBody } from '@textbook-assistant/contract';
import type { Config } from '../platform/config.js';
import type { Logger } from '../platform/logger.js';
import type { LimiterStore } from '../platform/rate-limit.js';
import type { SessionStore } from '../auth/session-store.js';
import type { TokenService } from '../auth/tokens.js';
import type { ProfileStore } from '../profile/profile-store.js';
import { optionalAuth, type AuthState } from '../auth/auth-middleware.js';
import { toAppError } from '../platform/http.js';
import { rateLimit } from '../platform/rate-limit.js';
import { parseBody } from '../platform/validate.js';
import type { QueryEvent, QueryService } from './query-service.js';
import type { Reader } from './types.js';

export interface QueryRouteDeps {
  config: Pick<Config, 'rateLimits'>;
  logger: Logger;
  limiter: LimiterStore;
  tokens: TokenService;
  sessions: SessionStore;
  profiles: Pick<ProfileStore, 'findByUserId'>;
  queries: Pick<QueryService, 'answer'>;
  /** The email-verification guard (a pass-through unless REQUIRE_EMAIL_VERIFICATION). */
  verifiedEmail: Middleware;
}

/** POST /query: a JSON answer, or the same answer as Server-Sent Events when asked for them. */
export function queryRoutes(deps: QueryRouteDeps): Router {
  const router = createRouter();
  router.post(
    '/',
    operation({
      operationId: 'askQuestion',
      summary:
        'Ask a question about the book: a JSON answer, or Server-Sent Events with Accept: text/event-stream',
      description:
        'Events, in order: one `meta`, any number of `delta`, then `done` (the whole answer, as the JSON ' +
        'response) or `error` (the error body, after streaming began). A failure before the first event ' +
        'is an ordinary error response.',
      body: QueryBody,
      responses: { 200: { json: QueryAnswer, events: QUERY_EVENTS } },
      errors: [
        'INDEX_NOT_READY',
        'INDEX_EMBEDDER_MISMATCH',
        'EMBEDDER_UNAVAILABLE',
        'GENERATOR_UNAVAILABLE',
        'VECTOR_STORE_UNAVAILABLE',
        'UPSTREAM_TIMEOUT',
      ],
    }),
    optionalAuth(deps),
    deps.verifiedEmail,
    rateLimit(deps.limiter, {
      name: 'query',
      limit: deps.config.rateLimits.query,
      key: (ctx) => ctx.state.auth?.userId ?? ctx.ip,
    }),
    async (ctx) => {
      const body = parseBody(QueryBody, ctx.request.body);
      const reader = await loadReader(deps, ctx.state.auth, ctx.state.requestId);
      const abort = abortOnDisconnect(ctx);
      const stream = wantsEventStream(ctx);
      const answer = deps.queries.answer(body, reader, abort.signal, { deltas: stream });
      const events = answer[Symbol.asyncIterator]();
      if (stream) await streamEvents(ctx, events, abort, deps);
      else ctx.body = await collectAnswer(events);
    },
  );
  return router;
}

/** RAG never breaks because of auth: a profile that fails to load means the default persona. */
async function loadReader(
  deps: QueryRouteDeps,
  auth: AuthState | undefined,
  reqId?: string,
): Promise<Reader> {
  if (!auth) return { userId: null, profile: null };
  try {
    return { userId: auth.userId, profile: await deps.profiles.findByUserId(auth.userId) };
  } catch (err) {
    deps.logger.warn({ err, reqId }, 'profile could not be loaded; answering without personalization');
    return { userId: auth.userId, profile: null };
  }
}

/**
 * The response's 'close' fires on disconnect and after a normal end alike; only an unfinished
 * response means the client went away. (The request's 'close' fires once its body is read.)
 */
function abortOnDisconnect(ctx: Context): AbortController {
  const abort = new AbortController();
  ctx.res.once('close', () => {
    if (!ctx.res.writableFinished) abort.abort(new Error('client disconnected'));
  });
  return abort;
}

function wantsEventStream(ctx: Context): boolean {
  return ctx.get('Accept').includes('text/event-stream');
}

async function collectAnswer(events: AsyncIterator<QueryEvent>): Promise<QueryAnswer> {
  for (let next = await events.next(); !next.done; next = await events.next()) {
    if (next.value.type === 'done') return payloadOf(next.value) as QueryAnswer;
  }
  throw new Error('the query service ended without a done event');
}

/**
 * The first event is awaited before any header goes out, so a failure before streaming (no
 * index, embedder down) is an ordinary error response; after that, failures become an `error`
 * event with the same JSON shape.
 */
async function streamEvents(
  ctx: Context,
  events: AsyncIterator<QueryEvent>,
  abort: AbortController,
  deps: QueryRouteDeps,
): Promise<void> {
  const first = await events.next();
  const stream = new PassThrough();
  ctx.status = 200;
  ctx.set({
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-cache, no-transform',
    Connection: 'keep-alive',
    // Proxies such as nginx would otherwise buffer the stream and defeat it.
    'X-Accel-Buffering': 'no',
  });
  ctx.body = stream;
  ctx.req.socket.setNoDelay(true);
  const send = (event: string, data: unknown) => {
    if (!stream.destroyed && !stream.writableEnded)
      stream.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  };
  if (!first.done) sendEvent(send, first.value);
  void pump(events, send, abort, deps, ctx.state.requestId).finally(() => stream.end());
}

async function pump(
  events: AsyncIterator<QueryEvent>,
  send: (event: string, data: unknown) => void,
  abort: AbortController,
  deps: QueryRouteDeps,
  reqId?: string,
): Promise<void> {
  try {
    for (let next = await events.next(); !next.done; next = await events.next()) sendEvent(send, next.value);
  } catch (raw) {
    if (abort.signal.aborted) return;
    const err = toAppError(raw);
    if (err.status >= 500) deps.logger.error({ err: raw, reqId }, 'query failed while streaming');
    send('error', { error: { code: err.code, message: err.message } });
  }
}

function sendEvent(send: (event: string, data: unknown) => void, event: QueryEvent): void {
  send(event.type, payloadOf(event));
}

/** The event's fields without its `type`, which SSE carries as the event name. */
function payloadOf(event: QueryEvent): Record<string, unknown> {
  const payload: Record<string, unknown> = { ...event };
  delete payload.type;
  return payload;
}
