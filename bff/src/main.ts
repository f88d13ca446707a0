import 'dotenv/config';
import { loadConfig } from './platform/config.js';
import { ConfigError } from './platform/errors.js';
import { createLogger } from './platform/logger.js';
import { DirectoryLockedError } from './platform/db/data-dir-lock.js';
import { createApp } from './app.js';
import { compose } from './compose.js';

/** `pnpm start`: the BFF on whatever the environment configures. */
async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const logger = createLogger(config);
  const { deps, close } = await compose(config, logger);
  // Open the embedded vector store now: this process owns it from the start, so a concurrent
  // `pnpm ingest` fails at once instead of the first question failing later.
  await deps.rag.store.ping().catch((err: unknown) => {
    if ((err as Error).name === 'DirectoryLockedError') throw err;
    logger.warn({ err }, 'vector store not reachable yet; /readyz reports it');
  });
  const app = createApp(deps);
  const server = app.listen(config.port, config.host);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  logger.info(
    { port, database: deps.db.kind, dataDir: deps.db.kind === 'pglite' ? config.dataDir : undefined },
    `textbook-assistant BFF listening on http://localhost:${port}`,
  );

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    server.close();
    server.closeAllConnections();
    await close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof DirectoryLockedError) {
    console.error(err.message);
  } else if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
    console.error(`Port already in use: set PORT to a free port. (${(err as Error).message})`);
  } else {
    console.error('The BFF could not start:', err);
  }
  process.exit(1);
});
