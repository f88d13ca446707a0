import type { Config } from './platform/config.js';
import type { Logger } from './platform/logger.js';
import { openDatabase, type Database } from './platform/db/database.js';
import { createLimiterStore } from './platform/rate-limit.js';
import { createTokenService } from './auth/tokens.js';
import { createPasswordHasher } from './auth/passwords.js';
import { createSessionStore } from './auth/session-store.js';
import { createUserStore } from './auth/user-store.js';
import { createAuthService } from './auth/auth-service.js';
import { createSigninThrottle } from './auth/signin-throttle.js';
import { createProfileStore } from './profile/profile-store.js';
import { createMailer } from './mail/mailer.js';
import { createAccountStore } from './account/account-store.js';
import { createOneTimeTokenStore } from './account/one-time-token-store.js';
import { createSessionListStore } from './account/session-list-store.js';
import { createVerificationService } from './account/verification-service.js';
import { createPasswordResetService } from './account/password-reset-service.js';
import { createAccountService } from './account/account-service.js';
import { createTwoFactorStore } from './two-factor/two-factor-store.js';
import { createSecretBox } from './two-factor/secret-box.js';
import { createTwoFactorService } from './two-factor/two-factor-service.js';
import { createPendingSignins } from './two-factor/pending-signin.js';
import { createCodeChecks } from './two-factor/code-checks.js';
import { createAnalyticsStore } from './admin/analytics-store.js';
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
  const { knex } = db;
  const mailer = createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom, dataDir: config.dataDir });
  const accounts = createAccountStore(knex);
  const mailDeps = {
    accounts,
    tokens: createOneTimeTokenStore(knex),
    mailer,
    logger,
    publicAppUrl: config.publicAppUrl,
  };
  const verification = createVerificationService(mailDeps);
  const twoFactorStore = createTwoFactorStore(knex);
  const account = createAccountService({
    accounts,
    sessionList: createSessionListStore(knex),
    passwords,
    twoFactorEnabled: (userId) => twoFactorStore.isEnabled(userId),
  });
  const twoFactor = createTwoFactorService({
    store: twoFactorStore,
    box: createSecretBox(config.secret),
  });
  const auth = createAuthService({
    users: createUserStore(db.knex),
    sessions,
    profiles,
    passwords,
    tokens,
    logger,
    refreshTtlSeconds: config.refreshTokenTtlSeconds,
    refreshGraceSeconds: config.refreshReuseGraceSeconds,
    hooks: {
      afterSignup: (user) => verification.afterSignup(user),
      requiresSecondFactor: (userId) => twoFactor.isEnabled(userId),
    },
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
    signinThrottle: createSigninThrottle(limiter, config.signinLockout),
    accounts,
    verification,
    passwordReset: createPasswordResetService({ ...mailDeps, passwords }),
    account,
    twoFactor,
    pendingSignins: createPendingSignins(config, limiter),
    twoFactorCodeChecks: createCodeChecks(limiter, config),
    analytics: createAnalyticsStore(knex),
    rag,
    readiness: rag.readiness,
    metrics,
  };
  return {
    deps,
    async close() {
      await limiter.close();
      await rag.close();
      mailer.close();
      if (!options.db) await db.close();
    },
  };
}
