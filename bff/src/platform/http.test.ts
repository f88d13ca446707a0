import { DBError as ObjectionDBError } from 'objection';
import { describe, expect, it } from 'vitest';
import { toAppError } from './http.js';

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
