import type Router from '@koa/router';
import { createRouter } from '../platform/router.js';
import type { Middleware } from 'koa';
import type { SessionStore } from '../auth/session-store.js';
import type { TokenService } from '../auth/tokens.js';
import type { AccountStore } from '../account/account-store.js';
import type { AnalyticsStore } from './analytics-store.js';
import { requireAuth } from '../auth/auth-middleware.js';
import { AppError } from '../platform/errors.js';
import { parseBody } from '../platform/validate.js';
import { guard, operation } from '../platform/operation.js';
import { AnalyticsQuery, AnalyticsResponse } from '@textbook-assistant/contract';

/** 401 for anonymous callers (requireAuth runs first), 403 for signed-in readers who are not admins. */
export function requireAdmin(deps: { accounts: Pick<AccountStore, 'findById'> }): Middleware {
  return guard(
    async (ctx, next) => {
      const user = await deps.accounts.findById(ctx.state.auth!.userId);
      if (user?.role !== 'admin') throw new AppError('FORBIDDEN', 'This needs an administrator account.');
      await next();
    },
    { errors: ['FORBIDDEN'] },
  );
}

export interface AdminRouteDeps {
  tokens: TokenService;
  sessions: SessionStore;
  accounts: Pick<AccountStore, 'findById'>;
  analytics: AnalyticsStore;
}

export function adminRoutes(deps: AdminRouteDeps): Router {
  const router = createRouter();
  // On the route, not router.use(): whatever the router matches has run its guards.
  const analyticsDoc = operation({
    operationId: 'getAnalytics',
    summary: 'Admin figures for the last `days` (1..365, default 30)',
    query: AnalyticsQuery,
    responses: { 200: AnalyticsResponse },
  });
  router.get('/analytics', analyticsDoc, requireAuth(deps), requireAdmin(deps), async (ctx) => {
    const { days } = parseBody(AnalyticsQuery, ctx.query);
    ctx.set('Cache-Control', 'no-store');
    ctx.body = await deps.analytics.figures(days);
  });

  return router;
}
