import Koa, { type Middleware } from 'koa';
import { createRouter, resource } from './platform/router.js';
import cors from '@koa/cors';
import { bodyParser } from '@koa/bodyparser';
import type { Config } from './platform/config.js';
import type { Logger } from './platform/logger.js';
import type { Database } from './platform/db/database.js';
import type { LimiterStore } from './platform/rate-limit.js';
import {
  accessLog,
  errorHandler,
  noStore,
  reportAppErrors,
  requestId,
  securityHeaders,
} from './platform/http.js';
import { originGuard } from './platform/origin-guard.js';
import { healthRoutes, type HealthCheck } from './platform/health-routes.js';
import { widgetAssets } from './platform/widget-assets.js';
import type { AuthService } from './auth/auth-service.js';
import type { SigninThrottle } from './auth/signin-throttle.js';
import type { SessionStore } from './auth/session-store.js';
import type { TokenService } from './auth/tokens.js';
import type { ProfileStore } from './profile/profile-store.js';
import { authRoutes } from './auth/auth-routes.js';
import { profileRoutes } from './profile/profile-routes.js';
import { openApiRoutes } from './openapi.js';
import type { Rag } from './rag/compose-rag.js';
import { queryRoutes } from './rag/query-routes.js';
import { feedbackRoutes } from './rag/feedback-routes.js';
import type { AccountStore } from './account/account-store.js';
import type { AccountService } from './account/account-service.js';
import type { VerificationService } from './account/verification-service.js';
import type { PasswordResetService } from './account/password-reset-service.js';
import { requireVerifiedEmail } from './account/verification-gate.js';
import { verificationRoutes } from './account/verification-routes.js';
import { passwordResetRoutes } from './account/password-reset-routes.js';
import { accountRoutes } from './account/account-routes.js';
import type { TwoFactorService } from './two-factor/two-factor-service.js';
import type { PendingSignins } from './two-factor/pending-signin.js';
import { secondFactorRoutes, twoFactorRoutes } from './two-factor/two-factor-routes.js';
import type { AnalyticsStore } from './admin/analytics-store.js';
import { adminRoutes } from './admin/admin-routes.js';
import { dashboardRoutes } from './admin/dashboard-routes.js';
import { metricsMiddleware, metricsRoutes, type Metrics } from './platform/metrics.js';

export interface AppDeps {
  config: Config;
  logger: Logger;
  db: Database;
  limiter: LimiterStore;
  tokens: TokenService;
  sessions: SessionStore;
  profiles: ProfileStore;
  auth: AuthService;
  /** The per-account sign-in lockout, shared by sign-in and every re-authentication (auth/reauth.ts). */
  signinThrottle: SigninThrottle;
  accounts: AccountStore;
  verification: VerificationService;
  passwordReset: PasswordResetService;
  account: AccountService;
  twoFactor: TwoFactorService;
  pendingSignins: PendingSignins;
  /** The one code-check counter of turning 2FA on and of the second sign-in step (createCodeChecks). */
  twoFactorCodeChecks: Middleware;
  analytics: AnalyticsStore;
  /** Extra readiness checks (vector store, providers) beside the database's. */
  readiness: HealthCheck[];
  /** Retrieval, personalization and answers (rag/compose-rag.ts). */
  rag: Rag;
  /** Prometheus counters and timings (platform/metrics.ts). */
  metrics: Metrics;
}

/**
 * Builds the Koa app from its dependencies (compose.ts builds them; tests start it on port 0 with
 * their own). Each feature's routes take only the slice of these they use.
 */
export function createApp(deps: AppDeps): Koa {
  const { config, logger } = deps;
  // maxIpsCount: ctx.ip is the entry the outermost trusted proxy appended, never one the client wrote.
  const app = new Koa({ proxy: config.trustProxy, maxIpsCount: config.trustProxyHops });
  reportAppErrors(app, (err) => logger.error({ err }, 'unhandled app error'));

  const allowed = new Set(config.corsOrigins);
  app.use(requestId());
  app.use(metricsMiddleware(deps.metrics));
  app.use(accessLog(logger));
  app.use(errorHandler(logger));
  app.use(securityHeaders());
  app.use(noStore(['/api/v1/auth', '/api/v1/account', '/api/v1/profile']));
  app.use(
    cors({
      origin: (ctx) => (allowed.has(ctx.get('Origin')) ? ctx.get('Origin') : ''),
      credentials: true,
      allowMethods: ['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS'],
      allowHeaders: ['Content-Type', 'Accept', 'X-Request-Id'],
      exposeHeaders: [
        'X-Request-Id',
        'Retry-After',
        'RateLimit-Remaining',
        'RateLimit-Reset',
        'RateLimit-Limit',
      ],
      maxAge: 600,
    }),
  );
  app.use(originGuard(config.corsOrigins));
  app.use(bodyParser({ enableTypes: ['json'], jsonLimit: '64kb', encoding: 'utf-8' }));

  const root = createRouter();
  root.use(healthRoutes(deps.db, deps.readiness).routes());
  root.use(resource('/admin', dashboardRoutes()).routes());
  if (config.metrics.token) root.use(metricsRoutes(deps.metrics, config.metrics.token).routes());
  const api = createRouter({ prefix: '/api/v1' });
  // REQUIRE_EMAIL_VERIFICATION: a guard on the routes that personalize (PUT /profile, POST /query).
  const verifiedEmail = requireVerifiedEmail(deps.verification, config.requireEmailVerification);
  const queries = deps.rag.queries;
  // One router per URL resource, mounted at its prefix; features write their paths relative to it.
  const resources = [
    resource('/auth', authRoutes(deps), secondFactorRoutes(deps), passwordResetRoutes(deps)),
    resource(
      '/account',
      accountRoutes(deps),
      verificationRoutes(deps),
      resource('/2fa', twoFactorRoutes(deps)),
    ),
    resource('/profile', profileRoutes({ ...deps, verifiedEmail })),
    resource(
      '/query',
      queryRoutes({ ...deps, queries, verifiedEmail }),
      feedbackRoutes({ ...deps, queries }),
    ),
    resource('/admin', adminRoutes(deps)),
    openApiRoutes(() => app),
  ];
  for (const router of resources) api.use(router.routes());
  const assets = widgetAssets();
  if (assets) app.use(assets);
  app.use(root.routes());
  app.use(api.routes());
  app.use(api.allowedMethods({ throw: true }));
  return app;
}
