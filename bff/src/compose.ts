import type { Config } from './platform/config.js';
import type { Logger } from './platform/logger.js';
import { openDatabase, type Database } from './platform/db/database.js';
import { createLimiterStore } from './platform/rate-limit.js';
import { createTokenService } from './auth/tokens.js';
import { createPasswordHasher } from './auth/passwords.js';
import { createSessionStore } from './auth/session-store.js';
import { createUserStore } from './auth/user-store.js';
import { createAuthService } from './auth/auth-service.js';
import { createProfileStore } from './profile/profile-store.js';
import { createAccountExtras } from './account/account-extras.js';
import { createRag } from './rag/compose-rag.js';
import { createMetrics } from './platform/metrics.js';
import { instrumentQueries } from './rag/query-metrics.js';
import type { AppDeps } from './app.js';

export interface Composed {
  deps: AppDeps;
  close(): Promise<void>;
}

/** The composition root: every dependency built once from the config. */
export async function compose(
  config: Config,
  logger: Logger,
  options: { db?: Database; processMetrics?: boolean } = {},
): Promise<Composed> {
  const db = options.db ?? (await openDatabase(config, logger));
  const limiter = createLimiterStore(config.redisUrl);
  const tokens = createTokenService(config.secret, config.accessTokenTtlSeconds);
  const sessions = createSessionStore(db.knex);
  const profiles = createProfileStore(db.knex);
  const passwords = createPasswordHasher(config.bcryptCost);
  const extras = createAccountExtras({ config, logger, knex: db.knex, passwords, limiter });
  const auth = createAuthService({
    users: createUserStore(db.knex),
    sessions,
    profiles,
    passwords,
    tokens,
    logger,
    refreshTtlSeconds: config.refreshTokenTtlSeconds,
    refreshGraceSeconds: config.refreshReuseGraceSeconds,
    hooks: extras.authHooks,
  });
  const metrics = createMetrics({ processMetrics: options.processMetrics });
  const built = await createRag(config, logger, db.knex);
  const rag = { ...built, queries: instrumentQueries(built.queries, metrics) };
  const deps: AppDeps = {
    config,
    logger,
    db,
    limiter,
    tokens,
    sessions,
    profiles,
    auth,
    extras,
    rag,
    readiness: rag.readiness,
    metrics,
  };
  return {
    deps,
    async close() {
      await limiter.close();
      await rag.close();
      extras.close();
      if (!options.db) await db.close();
    },
  };
}
