import { timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { Middleware } from 'koa';
import type Router from '@koa/router';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { AppError } from './errors.js';
import { operation } from './operation.js';
import { createRouter } from './router.js';

/** Sign-in steps whose 4xx answers count as failed sign-ins (password, then the second factor). */
const SIGNIN_ROUTES = new Set(['/api/v1/auth/signin', '/api/v1/auth/signin/2fa']);
const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

export interface Metrics {
  readonly registry: Registry;
  readonly httpRequests: Counter<'method' | 'route' | 'status'>;
  readonly httpDuration: Histogram<'method' | 'route' | 'status'>;
  readonly queryDuration: Histogram<'mode' | 'personalized'>;
  readonly abstentions: Counter<'mode'>;
  readonly signinFailures: Counter<'code'>;
  readonly rateLimited: Counter<'route' | 'code'>;
}

/** One registry per app, so tests that start several apps in one process never share counts. */
export function createMetrics(options: { processMetrics?: boolean } = {}): Metrics {
  const registry = new Registry();
  if (options.processMetrics) collectDefaultMetrics({ register: registry });
  const registers = [registry];
  return {
    registry,
    httpRequests: new Counter({
      name: 'http_requests_total',
      help: 'HTTP requests answered, by route template and status',
      labelNames: ['method', 'route', 'status'],
      registers,
    }),
    httpDuration: new Histogram({
      name: 'http_request_duration_seconds',
      help: 'Time to answer an HTTP request (for event streams: until the stream ends)',
      labelNames: ['method', 'route', 'status'],
      buckets: SECONDS,
      registers,
    }),
    queryDuration: new Histogram({
      name: 'query_duration_seconds',
      help: 'Time from a question to its complete answer, by generator mode',
      labelNames: ['mode', 'personalized'],
      buckets: SECONDS,
      registers,
    }),
    abstentions: new Counter({
      name: 'query_abstentions_total',
      help: 'Questions answered with "the book does not cover this" (answered=false)',
      labelNames: ['mode'],
      registers,
    }),
    signinFailures: new Counter({
      name: 'signin_failures_total',
      help: 'Refused sign-in steps (password or second factor), by error code',
      labelNames: ['code'],
      registers,
    }),
    rateLimited: new Counter({
      name: 'rate_limit_refusals_total',
      help: 'Requests refused with 429 by a rate limit or a sign-in lockout',
      labelNames: ['route', 'code'],
      registers,
    }),
  };
}

/**
 * Counts and times every request by its route template (`/api/v1/profile`, never a raw path, so
 * label values stay few). Mounted outside the error handler, so it sees the status a client got.
 */
export function metricsMiddleware(metrics: Metrics): Middleware {
  return async (ctx, next) => {
    const stop = metrics.httpDuration.startTimer();
    try {
      await next();
    } finally {
      const route = routeOf(ctx._matchedRoute, ctx.path);
      const labels = { method: ctx.method, route, status: String(ctx.status) };
      const record = () => {
        metrics.httpRequests.inc(labels);
        stop(labels);
      };
      // A streamed body (server-sent events) is timed until it ends.
      if (ctx.body && typeof (ctx.body as NodeJS.ReadableStream).pipe === 'function')
        ctx.res.once('close', record);
      else record();
      const code = errorCode(ctx.body);
      if (ctx.status === 429) metrics.rateLimited.inc({ route, code: code ?? 'unknown' });
      if (SIGNIN_ROUTES.has(route) && ctx.status >= 400 && ctx.status < 500) {
        metrics.signinFailures.inc({ code: code ?? String(ctx.status) });
      }
    }
  };
}

/** A `router.use()` guard that threw leaves its prefix pattern (`/api/v1/profile(?:\/|$)`) as the match. */
const PREFIX_PATTERN = /\(\?:\\\/\|\$\)$/;

function routeOf(matched: unknown, path: string): string {
  if (typeof matched === 'string') return matched.replace(PREFIX_PATTERN, '') || '/';
  if (path.startsWith('/widget/')) return '/widget/*';
  return 'unmatched';
}

function errorCode(body: unknown): string | undefined {
  const code = (body as { error?: { code?: unknown } } | null)?.error?.code;
  return typeof code === 'string' ? code : undefined;
}

const CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

/** GET /metrics on the public app, for a scraper holding METRICS_TOKEN (Authorization: Bearer). */
export function metricsRoutes(metrics: Metrics, token: string): Router {
  const expected = Buffer.from(`Bearer ${token}`);
  const router = createRouter();
  const doc = operation({
    operationId: 'getMetrics',
    summary: 'Prometheus metrics (404 without the METRICS_TOKEN bearer token)',
    responses: { 200: { text: ['text/plain'] } },
    errors: ['NOT_FOUND'],
    credentials: { any: ['metricsToken'] },
  });
  router.get('/metrics', doc, async (ctx) => {
    const given = Buffer.from(ctx.get('Authorization'));
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      // As if there were no such route: nothing to learn without the token.
      throw new AppError('NOT_FOUND', 'Not found.');
    }
    ctx.set('Cache-Control', 'no-store');
    ctx.type = CONTENT_TYPE;
    ctx.body = await metrics.registry.metrics();
  });
  return router;
}

/** /metrics on a port of its own (METRICS_PORT), which the reverse proxy never exposes. */
export function startMetricsServer(metrics: Metrics, host: string, port: number): Promise<Server> {
  const server = createServer((req, res) => {
    if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/metrics') {
      res.writeHead(404).end();
      return;
    }
    metrics.registry.metrics().then(
      (body) => res.writeHead(200, { 'Content-Type': CONTENT_TYPE, 'Cache-Control': 'no-store' }).end(body),
      () => res.writeHead(500).end(),
    );
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => ok(server));
  });
}
