import 'dotenv/config';
import { loadConfig } from './platform/config.js';
import { ConfigError } from './platform/errors.js';
import { createLogger } from './platform/logger.js';
import { DirectoryLockedError } from './platform/db/data-dir-lock.js';
import { pgliteEngine, useBaselineWasmCompiler } from './platform/db/pglite-engine.js';

/**
 * The rest of the server (every feature, Koa, the contract's schemas): most of what a start
 * parses and evaluates. Imported while the database opens, whose WebAssembly compile (the
 * embedded default) and network round trips (PostgreSQL) leave the main thread free meanwhile.
 */
const loadServer = () =>
  Promise.all([
    import('./app.js'),
    import('./compose.js'),
    import('./platform/graceful-shutdown.js'),
    import('./platform/metrics.js'),
  ]);

/** `pnpm start`: the BFF on whatever the environment configures. */
async function main(): Promise<void> {
  // Where a start spends its time, in the listening line (performance.now() counts from process start).
  const startup: Record<string, number> = { modulesMs: Math.round(performance.now()) };
  const since = (key: string, from: number) => (startup[key] = Math.round(performance.now() - from));
  const config = loadConfig(process.env);
  if (!config.databaseUrl) {
    useBaselineWasmCompiler();
    // The embedded default's engine compiles off the main thread while the database code loads.
    void pgliteEngine().catch(() => undefined);
  }
  const logger = createLogger(config);
  let phase = performance.now();
  const opening = import('./platform/db/database.js').then(({ openDatabase }) =>
    openDatabase(config, logger),
  );
  const serverModules = loadServer();
  // Neither rejection may go unhandled while the other is awaited.
  void opening.catch(() => undefined);
  void serverModules.catch(() => undefined);
  const db = await opening;
  since('databaseMs', phase);
  const [{ createApp }, { compose }, { createLifecycle }, { startMetricsServer }] = await serverModules.catch(
    async (err: unknown) => {
      await db.close();
      throw err;
    },
  );
  since('serverModulesMs', phase);
  phase = performance.now();
  const { deps, close } = await compose(config, logger, { db, processMetrics: true });
  since('composeMs', phase);
  phase = performance.now();
  // Open the embedded vector store now: this process owns it from the start, so a concurrent
  // `pnpm ingest` fails at once instead of the first question failing later.
  await deps.rag.store.ping().catch((err: unknown) => {
    if ((err as Error).name === 'DirectoryLockedError') throw err;
    logger.warn({ err }, 'vector store not reachable yet; /readyz reports it');
  });
  since('indexMs', phase);
  const lifecycle = createLifecycle(logger);
  const app = createApp({ ...deps, readiness: [lifecycle.readiness, ...deps.readiness] });
  const server = app.listen(config.port, config.host);
  server.keepAliveTimeout = config.keepAliveTimeoutMs;
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const metricsServer =
    config.metrics.port === undefined
      ? null
      : await startMetricsServer(deps.metrics, config.host, config.metrics.port);
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  logger.info(
    {
      port,
      metricsPort: config.metrics.port,
      database: deps.db.kind,
      dataDir: deps.db.kind === 'pglite' ? config.dataDir : undefined,
      startup: { ...startup, totalMs: Math.round(performance.now()) },
    },
    `textbook-assistant BFF listening on http://localhost:${port}`,
  );

  // SIGTERM (docker stop, a rolling deploy): /readyz fails at once, no new connections, what is in
  // flight (a sign-up, a streamed answer) finishes within SHUTDOWN_GRACE_MS, then the stores close.
  const stop = async (signal: string) => {
    if (lifecycle.draining) return;
    logger.info({ signal, graceMs: config.shutdownGraceMs }, 'shutting down');
    const { cut } = await lifecycle.drain(server, config.shutdownGraceMs);
    metricsServer?.close();
    await close();
    await db.close();
    logger.info({ cut }, 'stopped');
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
