import { createReadStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Koa, { type Middleware } from 'koa';
import helmet from 'koa-helmet';
import { DBError as ObjectionDBError } from 'objection';
import { describe, expect, it, vi } from 'vitest';
import { readFirstChunkAndClose } from '../../test/support/raw-http.js';
import { isClientGone, reportAppErrors, securityHeaders, toAppError } from './http.js';

// A server-side termination (pg_ctl stop -m fast, a failover) of a query objection is running
// reaches toAppError wrapped by db-errors as a DBError whose own `code` is gone. It needs a query
// in flight at that instant, too rare for test/resilience/database-restart.test.ts to hit every
// run, so it is pinned here.
// objection's typings give DBError a message constructor; at runtime (db-errors) it takes these.
const DBError = ObjectionDBError as unknown as new (args: { nativeError: Error; client: string }) => Error;

function pgError(code: string, message: string) {
  return Object.assign(new Error(message), {
    code,
    severity: 'FATAL',
    internalQuery: undefined,
    table: undefined,
  });
}

describe('toAppError for a lost database', () => {
  it('when objection wraps a pg termination (57P01) in a DBError, then it is 503 database_unavailable', () => {
    const wrapped = new DBError({
      nativeError: pgError('57P01', 'terminating connection due to administrator command'),
      client: 'postgres',
    });
    expect(wrapped).not.toHaveProperty('code');
    const err = toAppError(wrapped);
    expect([err.status, err.code, err.headers]).toEqual([
      503,
      'database_unavailable',
      { 'Retry-After': '5' },
    ]);
  });

  it('when the error carries the connection failure as its cause, or pg says the client is not queryable, then it is 503', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    expect(toAppError(new Error('query failed', { cause: refused })).status).toBe(503);
    expect(
      toAppError(new Error('Client has encountered a connection error and is not queryable')).status,
    ).toBe(503);
  });

  it('when a DBError is any other database failure, then it stays a generic 500', () => {
    const other = new DBError({
      nativeError: pgError('42P01', 'relation "x" does not exist'),
      client: 'postgres',
    });
    expect(toAppError(other)).toMatchObject({ status: 500, code: 'internal_error' });
  });
});

/** The headers a one-route app with `guard` in front answers with (Date left out). */
async function headersBehind(guard: Middleware): Promise<[string, string][]> {
  const app = new Koa();
  app.use(async (ctx, next) => {
    ctx.set('X-Powered-By', 'Koa');
    await next();
  });
  app.use(guard);
  app.use((ctx) => {
    ctx.body = { ok: true };
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  try {
    const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    await res.arrayBuffer();
    return [...res.headers].filter(([name]) => name !== 'date');
  } finally {
    server.close();
  }
}

describe('securityHeaders', () => {
  it("when a response is sent, then its headers are exactly helmet's, X-Powered-By removed included", async () => {
    const ours = await headersBehind(securityHeaders());
    expect(ours).toEqual(await headersBehind(helmet()));
    expect(ours.map(([name]) => name)).toEqual(
      expect.arrayContaining(['content-security-policy', 'strict-transport-security', 'x-frame-options']),
    );
    expect(ours.map(([name]) => name)).not.toContain('x-powered-by');
  });

  it("when helmet is given options, then the recorded headers are those options' headers", async () => {
    const options = { contentSecurityPolicy: { directives: { defaultSrc: ["'none'"] } }, frameguard: false };
    const ours = await headersBehind(securityHeaders(options));
    expect(ours).toEqual(await headersBehind(helmet(options)));
    expect(Object.fromEntries(ours)['content-security-policy']).toContain("default-src 'none'");
    expect(Object.fromEntries(ours)).not.toHaveProperty('x-frame-options');
  });
});

describe('reportAppErrors', () => {
  it('when a client goes away while a file is streamed to it, then nothing is reported, while any other error Koa emits is', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'app-errors-'));
    const file = join(dir, 'big.bin');
    writeFileSync(file, Buffer.alloc(8 * 1024 * 1024, 1));
    const app = new Koa();
    const reported: Error[] = [];
    const emitted: unknown[] = [];
    reportAppErrors(app, (err) => reported.push(err));
    app.on('error', (err: { code?: unknown }) => emitted.push(err.code));
    app.use((ctx) => {
      ctx.body = createReadStream(file);
    });
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      // Like a reader who closes the tab: the headers and a first chunk arrive, then the socket closes.
      await readFirstChunkAndClose(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
      await vi.waitFor(() => expect(emitted).toContain('ERR_STREAM_PREMATURE_CLOSE'));
      expect(reported).toEqual([]);
      const other = new Error('a body stream failed');
      app.emit('error', other);
      expect(reported).toEqual([other]);
      expect(isClientGone(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }))).toBe(true);
      expect(isClientGone(Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }))).toBe(false);
      expect(app.silent).toBe(true);
    } finally {
      server.closeAllConnections();
      server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
