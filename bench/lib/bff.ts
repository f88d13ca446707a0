import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { loadConfig, type Config } from '../../bff/src/platform/config.js';
import type { Database } from '../../bff/src/platform/db/database.js';
import { createLogger } from '../../bff/src/platform/logger.js';
import { createApp, type AppDeps } from '../../bff/src/app.js';
import { compose } from '../../bff/src/compose.js';
import { createTestDatabase, type TestDatabase } from '../../bff/test/support/databases.js';

export const BENCH_SECRET = 'bench-secret-that-is-at-least-32-bytes-long!!';
export const ORIGIN = 'http://localhost:3000';

/** Limits high enough that a benchmark measures the work, not the 429s. */
export const RAISED_LIMITS = {
  RATE_LIMIT_SIGNUP: '1000000/minute',
  RATE_LIMIT_SIGNIN: '1000000/minute',
  RATE_LIMIT_QUERY: '1000000/minute',
  SIGNIN_LOCKOUT_ATTEMPTS: '1000000',
};

export interface RunningBff {
  baseUrl: string;
  config: Config;
  deps: AppDeps;
  close(): Promise<void>;
}

/**
 * Our BFF in this process: compose + createApp on a fresh, migrated database (a new PostgreSQL
 * database on 127.0.0.1:5432, or PGlite in a temp DATA_DIR). Access logging is off (LOG_LEVEL
 * warn): the Better Auth side logs nothing either.
 */
export async function startBff(
  options: {
    kind?: 'postgres' | 'pglite';
    env?: Record<string, string>;
    /** Runs once the config and the database are known, before the app starts (e.g. an ingest into it). */
    beforeStart?: (config: Config, db: Database) => Promise<void>;
  } = {},
): Promise<RunningBff> {
  const database: TestDatabase = await createTestDatabase(options.kind ?? 'postgres');
  const config = loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: database.dataDir,
    BETTER_AUTH_SECRET: BENCH_SECRET,
    LOG_LEVEL: 'warn',
    BCRYPT_COST: '12',
    ...RAISED_LIMITS,
    ...options.env,
  });
  await options.beforeStart?.(config, database.db);
  const logger = createLogger(config);
  const composed = await compose(config, logger, { db: database.db });
  const server: Server = createApp(composed.deps).listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    config,
    deps: composed.deps,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await composed.close();
      await database.drop();
    },
  };
}

/** A valid sign-up body for our API. */
export function ourSignup(email: string, password = 'Robots4ever!'): string {
  return JSON.stringify({
    email,
    password,
    software_experience: 'Intermediate',
    hardware_experience: 'Basic',
    interests: ['humanoids'],
  });
}

export const JSON_HEADERS = { 'content-type': 'application/json', origin: ORIGIN };

let serial = 0;
export function uniqueEmail(prefix: string): string {
  serial += 1;
  return `${prefix}-${process.pid}-${Date.now().toString(36)}-${serial}@example.org`;
}

/** Cookie header value from a response's Set-Cookie lines. */
export function cookieHeader(res: Response): string {
  return res.headers
    .getSetCookie()
    .map((line) => line.split(';')[0]!)
    .join('; ');
}
