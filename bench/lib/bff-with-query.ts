/**
 * Fallback entry for the memory benchmark while bff/src/main.ts does not mount POST /query yet:
 * main.ts's start-up (config from the environment, compose, createApp, listen) plus the query route.
 */
import { loadConfig } from '../../bff/src/platform/config.js';
import { createLogger } from '../../bff/src/platform/logger.js';
import { createApp } from '../../bff/src/app.js';
import { compose } from '../../bff/src/compose.js';
import { mountQueryIfMissing } from './query-wiring.js';

const config = loadConfig(process.env);
const logger = createLogger(config);
const { deps, close } = await compose(config, logger);
const closeQuery = mountQueryIfMissing(deps);
const server = createApp(deps).listen(config.port, config.host);
const stop = async () => {
  server.close();
  server.closeAllConnections();
  await closeQuery();
  await close();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
