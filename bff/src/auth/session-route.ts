import type Router from '@koa/router';
import { decodeJwt } from 'jose';
import { SessionStatusResponse } from '@textbook-assistant/contract';
import { operation } from '../platform/operation.js';
import type { ProfileStore } from '../profile/profile-store.js';
import type { Config } from '../platform/config.js';
import { ACCESS_COOKIE, clearAuthCookies, REFRESH_COOKIE } from './cookies.js';
import type { SessionStore } from './session-store.js';
import type { TokenService } from './tokens.js';

export interface SessionRouteDeps {
  config: Pick<Config, 'cookies'>;
  tokens: TokenService;
  sessions: SessionStore;
  profiles: ProfileStore;
  refreshGraceSeconds: number;
}

/**
 * Lets a page learn whether anyone is signed in without a failing request: a host page's console
 * stays clean for anonymous readers, and the widget refreshes only when `refreshable` says it can.
 */
export function addSessionRoute(router: Router, deps: SessionRouteDeps): void {
  const doc = operation({
    operationId: 'getSession',
    summary: 'The signed-in reader, or user null (always 200); says whether a refresh would succeed',
    responses: { 200: SessionStatusResponse },
    credentials: { any: ['accessCookie', 'refreshCookie'], optional: true },
  });
  router.get('/session', doc, async (ctx) => {
    ctx.set('Cache-Control', 'no-store');
    const [access, refresh] = [ctx.cookies.get(ACCESS_COOKIE), ctx.cookies.get(REFRESH_COOKIE)];
    const session = await describeSession(deps, access, refresh);
    // Cookies that name no live session would only earn 401s on the next calls: drop them now.
    if ((access || refresh) && !session.user && !session.refreshable)
      clearAuthCookies(ctx, deps.config.cookies);
    ctx.body = session;
  });
}

async function describeSession(
  deps: SessionRouteDeps,
  accessToken: string | undefined,
  refreshToken: string | undefined,
): Promise<SessionStatusResponse> {
  const claims = accessToken ? await deps.tokens.verifyAccess(accessToken) : null;
  // One statement checks the session and reads the user (the same check as requireAuth's).
  if (claims) {
    const user = await deps.profiles.viewIfLive(claims);
    if (user && user !== 'dead') {
      const exp = decodeJwt(accessToken!).exp ?? 0;
      return { user, expires_in: Math.max(0, exp - Math.floor(Date.now() / 1000)), refreshable: false };
    }
  }
  const refreshable = refreshToken
    ? await deps.sessions.isRefreshable(deps.tokens.hashRefresh(refreshToken), deps.refreshGraceSeconds)
    : false;
  return { user: null, expires_in: null, refreshable };
}
