import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { loadConfig, type Config } from '../../src/platform/config.js';
import { createLogger, type Logger } from '../../src/platform/logger.js';
import { createApp, type AppDeps } from '../../src/app.js';
import { compose } from '../../src/compose.js';
import { createTestDatabase, type TestDatabase } from './databases.js';

export const TEST_SECRET = 'test-secret-that-is-at-least-32-bytes-long!!';
export const ALLOWED_ORIGIN = 'http://localhost:3000';

export interface TestApp {
  baseUrl: string;
  config: Config;
  deps: AppDeps;
  database: TestDatabase;
  /** Lines the app logged, for checking that no secret reaches the log. */
  logLines: string[];
  close(): Promise<void>;
}

export interface TestAppOptions {
  kind?: 'postgres' | 'pglite';
  env?: Record<string, string>;
  database?: TestDatabase;
  customize?: (deps: AppDeps) => void | Promise<void>;
}

/** The real app on port 0 over a fresh database, as a browser or curl would reach it. */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const database = options.database ?? (await createTestDatabase(options.kind ?? 'postgres'));
  const config = loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: database.dataDir,
    BETTER_AUTH_SECRET: TEST_SECRET,
    LOG_LEVEL: 'info',
    RATE_LIMIT_SIGNUP: '1000/minute',
    RATE_LIMIT_SIGNIN: '1000/minute',
    RATE_LIMIT_QUERY: '1000/minute',
    ...options.env,
  });
  const logLines: string[] = [];
  const logger: Logger = createLogger(config, { write: (line: string) => void logLines.push(line) });
  const composed = await compose(config, logger, { db: database.db });
  await options.customize?.(composed.deps);
  const server: Server = createApp(composed.deps).listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    config,
    deps: composed.deps,
    database,
    logLines,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await composed.close();
      if (!options.database) await database.drop();
    },
  };
}
