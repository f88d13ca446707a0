import type Router from '@koa/router';
import type { Knex } from 'knex';
import type { AppDeps } from '../app.js';
import type { Config } from '../platform/config.js';
import type { Logger } from '../platform/logger.js';
import type { AuthHooks } from '../auth/auth-service.js';
import type { PasswordHasher } from '../auth/passwords.js';
import type { LimiterStore } from '../platform/rate-limit.js';
import { createMailer, type Mailer } from '../mail/mailer.js';
import { createQueryLogStore, type QueryLogStore } from '../rag/query-log-store.js';
import { createAccountStore, type AccountStore } from './account-store.js';
import { createOneTimeTokenStore } from './one-time-token-store.js';
import { createSessionListStore } from './session-list-store.js';
import { createVerificationService, type VerificationService } from './verification-service.js';
import { createPasswordResetService, type PasswordResetService } from './password-reset-service.js';
import { createAccountService, type AccountService } from './account-service.js';
import { verificationRoutes } from './verification-routes.js';
import { passwordResetRoutes } from './password-reset-routes.js';
import { accountRoutes } from './account-routes.js';
import { createTwoFactorStore } from '../two-factor/two-factor-store.js';
import { createSecretBox } from '../two-factor/secret-box.js';
import { createTwoFactorService, type TwoFactorService } from '../two-factor/two-factor-service.js';
import { createPendingSignins, type PendingSignins } from '../two-factor/pending-signin.js';
import { twoFactorRoutes } from '../two-factor/two-factor-routes.js';
import { createAnalyticsStore, type AnalyticsStore } from '../admin/analytics-store.js';
import { adminRoutes } from '../admin/admin-routes.js';
import { feedbackRoutes } from '../admin/feedback-routes.js';

/** Email verification, password reset, two-factor sign-in, sessions & account, admin analytics. */
export interface AccountExtras {
  mailer: Mailer;
  accounts: AccountStore;
  verification: VerificationService;
  passwordReset: PasswordResetService;
  account: AccountService;
  twoFactor: TwoFactorService;
  pendingSignins: PendingSignins;
  analytics: AnalyticsStore;
  feedback: QueryLogStore;
  /** Wired into the auth service: the mail after sign-up, the second factor at sign-in. */
  authHooks: AuthHooks;
  close(): void;
}

interface ExtrasInput {
  config: Config;
  logger: Logger;
  knex: Knex;
  passwords: PasswordHasher;
  limiter: LimiterStore;
}

export function createAccountExtras({
  config,
  logger,
  knex,
  passwords,
  limiter,
}: ExtrasInput): AccountExtras {
  const mailer = createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom, dataDir: config.dataDir });
  const accounts = createAccountStore(knex);
  const tokens = createOneTimeTokenStore(knex);
  const mailDeps = { accounts, tokens, mailer, logger, publicAppUrl: config.publicAppUrl };
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
    requirePassword: (userId, password) => account.requirePassword(userId, password),
  });
  return {
    mailer,
    accounts,
    verification,
    passwordReset: createPasswordResetService({ ...mailDeps, passwords }),
    account,
    twoFactor,
    pendingSignins: createPendingSignins(config, limiter),
    analytics: createAnalyticsStore(knex),
    feedback: createQueryLogStore(knex),
    authHooks: {
      afterSignup: (user) => verification.afterSignup(user),
      requiresSecondFactor: (userId) => twoFactor.isEnabled(userId),
    },
    close: () => mailer.close(),
  };
}

/** Mounted under /api/v1 after the auth and profile routers. */
export function accountExtrasRouters(deps: AppDeps): Router[] {
  return [
    verificationRoutes(deps),
    passwordResetRoutes(deps),
    accountRoutes(deps),
    twoFactorRoutes(deps),
    adminRoutes(deps),
    feedbackRoutes(deps),
  ];
}
