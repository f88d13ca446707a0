import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type Koa from 'koa';
import type { Middleware } from 'koa';
import helmet from 'koa-helmet';
import type { Logger } from './logger.js';
import type { ErrorBody } from '@textbook-assistant/contract';
import { AppError } from './errors.js';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Errors of a response whose client went away while it was being sent: a reader that read the whole
 * file and closed at once (curl does), or gave up half-way. Nothing failed on this side.
 */
const CLIENT_GONE = new Set(['ERR_STREAM_PREMATURE_CLOSE', 'EPIPE', 'ECONNRESET']);

export function isClientGone(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && CLIENT_GONE.has(code);
}

/**
 * What Koa emits as 'error' (a body stream that failed while piped to the response; a route's own
 * errors are answered by errorHandler) goes to `report`, except a client that went away; Koa's own
 * printing of a stack trace to stderr is turned off.
 */
export function reportAppErrors(app: Koa, report: (err: Error) => void): void {
  app.silent = true;
  app.on('error', (err: Error) => {
    if (!isClientGone(err)) report(err);
  });
}

/** Every response carries X-Request-Id: the caller's when it is sane, otherwise a new one. */
export function requestId(): Middleware {
  return async (ctx, next) => {
    const incoming = ctx.get('X-Request-Id');
    ctx.state.requestId = REQUEST_ID.test(incoming) ? incoming : randomUUID();
    ctx.set('X-Request-Id', ctx.state.requestId);
    await next();
  };
}

/** One access line per request: method, path (never the query string), status and time. */
export function accessLog(logger: Logger): Middleware {
  return async (ctx, next) => {
    // Off at LOG_LEVEL warn (production): then the line is not built at all.
    if (!logger.isLevelEnabled('info')) return next();
    const started = performance.now();
    try {
      await next();
    } finally {
      logger.info(
        {
          reqId: ctx.state.requestId,
          method: ctx.method,
          path: ctx.path,
          status: ctx.status,
          ms: Math.round(performance.now() - started),
        },
        'request',
      );
    }
  };
}

interface HttpLikeError {
  status?: number;
  statusCode?: number;
  expose?: boolean;
  type?: string;
  message: string;
  headers?: Record<string, string>;
}

/** The only place that writes error responses: DESIGN.md's error JSON, never a stack trace. */
export function errorHandler(logger: Logger): Middleware {
  return async (ctx, next) => {
    try {
      await next();
      if (ctx.status === 404 && ctx.body === undefined) {
        throw new AppError('NOT_FOUND', `No route for ${ctx.method} ${ctx.path}.`);
      }
    } catch (raw) {
      const err = toAppError(raw);
      if (err.status >= 500) {
        logger.error({ reqId: ctx.state.requestId, err: raw }, 'request failed');
      }
      ctx.status = err.status;
      if (err.headers) ctx.set(err.headers);
      if (err.status === 401) ctx.set('WWW-Authenticate', 'Cookie realm="textbook-assistant"');
      const body: ErrorBody['error'] = {
        code: err.code,
        message: err.message,
      };
      if (err.details?.length) body.details = err.details;
      ctx.type = 'application/json';
      ctx.body = { error: body };
    }
  };
}

const PG_UNAVAILABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  '57P01',
  '57P02',
  '57P03',
  '08006',
  '08001',
  '08003',
]);

type DbLikeError = HttpLikeError & { code?: string; name?: string; nativeError?: unknown; cause?: unknown };

/**
 * A lost or refused database connection, however it arrives: raw from pg or knex, or wrapped by
 * objection (db-errors keeps the pg error under `nativeError`, without its code).
 */
function isDatabaseUnavailable(err: DbLikeError | undefined, depth = 0): boolean {
  if (!err || typeof err !== 'object' || depth > 3) return false;
  if (
    PG_UNAVAILABLE.has(err.code ?? '') ||
    err.name === 'KnexTimeoutError' ||
    /Connection terminated|Client has encountered a connection error/.test(err.message ?? '')
  ) {
    return true;
  }
  return (
    isDatabaseUnavailable(err.nativeError as DbLikeError, depth + 1) ||
    isDatabaseUnavailable(err.cause as DbLikeError, depth + 1)
  );
}

/** Known failures keep their meaning; anything unexpected becomes a generic 500. */
export function toAppError(raw: unknown): AppError {
  if (raw instanceof AppError) return raw;
  const err = raw as DbLikeError;
  if (isDatabaseUnavailable(err)) {
    return new AppError('DATABASE_UNAVAILABLE', 'The database is unavailable. Try again shortly.', {
      headers: { 'Retry-After': '5' },
    });
  }
  if (err?.name === 'DirectoryLockedError') {
    // An embedded store held by another process (an ingest running): the store is unavailable.
    return new AppError(
      'VECTOR_STORE_UNAVAILABLE',
      'The textbook index is busy (being re-ingested). Try again shortly.',
      {
        headers: { 'Retry-After': '10' },
      },
    );
  }
  if (isUndecodableBody(err)) {
    return new AppError('VALIDATION_ERROR', 'The request body could not be decoded.', {
      details: [{ path: '(body)', message: 'does not match its Content-Encoding' }],
    });
  }
  const status = err?.status ?? err?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    if (status === 413) return new AppError('PAYLOAD_TOO_LARGE', 'The request body is too large.');
    if (status === 415) return new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the body as application/json.');
    if (status === 400 && (err.type === 'entity.parse.failed' || /JSON/i.test(err.message)))
      return new AppError('INVALID_JSON', 'The request body is not valid JSON.');
    if (status === 405) return new AppError('METHOD_NOT_ALLOWED', 'This method is not allowed here.');
    if (status === 404) return new AppError('NOT_FOUND', 'Not found.');
    return new AppError('VALIDATION_ERROR', err.expose ? err.message : 'The request is invalid.');
  }
  return new AppError('INTERNAL', 'Something went wrong on our side.');
}

/** zlib and brotli failures while the body parser inflates a gzip, deflate or br body. */
function isUndecodableBody(err: DbLikeError | undefined): boolean {
  const code = typeof err?.code === 'string' ? err.code : '';
  return /^Z_/.test(code) || /^ERR_(_ERROR|BROTLI|ZLIB)/.test(code);
}

/** Private responses (auth, account, profile) must not be kept by browsers or shared caches. */
export function noStore(prefixes: string[]): Middleware {
  const withSlash = prefixes.map((p) => `${p}/`);
  return async (ctx, next) => {
    const path = ctx.path;
    if (prefixes.some((p, i) => path === p || path.startsWith(withSlash[i]!)))
      ctx.set('Cache-Control', 'no-store');
    await next();
  };
}

/**
 * helmet's headers (CSP, HSTS, X-Content-Type-Options…), worked out once: helmet with these options
 * sets the same values on every response (no directive here is a function of the request), so it
 * runs once at start against a response that records what it does, and each request gets the
 * recorded headers set in one loop instead of helmet's chain of thirteen middlewares.
 */
export function securityHeaders(...options: Parameters<typeof helmet>): Middleware {
  const set: [string, string | string[]][] = [];
  const removed: string[] = [];
  const recorder = {
    setHeader(name: string, value: string | number | string[]) {
      set.push([name, typeof value === 'number' ? String(value) : value]);
      return recorder;
    },
    removeHeader(name: string) {
      removed.push(name);
    },
  };
  let failure: unknown;
  // helmet sets its headers synchronously; koa-helmet reports the end (or an error) through a promise.
  helmet(...options)(
    { req: {} as IncomingMessage, res: recorder as unknown as ServerResponse } as never,
    async () => undefined,
  ).catch((err: unknown) => {
    failure = err;
  });
  if (set.length === 0) throw new Error('securityHeaders: helmet set no header at start');
  return async (ctx, next) => {
    if (failure) throw failure;
    const res = ctx.res;
    for (const name of removed) res.removeHeader(name);
    for (const [name, value] of set) res.setHeader(name, value);
    await next();
  };
}
