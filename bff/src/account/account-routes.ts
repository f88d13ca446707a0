import type Router from '@koa/router';
import { operation } from '../platform/operation.js';
import { createRouter } from '../platform/router.js';
import { bodyParser } from '@koa/bodyparser';
import type { Context } from 'koa';
import type { Config } from '../platform/config.js';
import type { LimiterStore } from '../platform/rate-limit.js';
import type { SessionStore } from '../auth/session-store.js';
import type { TokenService } from '../auth/tokens.js';
import type { AccountService } from './account-service.js';
import { requireAuth } from '../auth/auth-middleware.js';
import { requireCurrentPassword, type ReauthDeps } from '../auth/reauth.js';
import { clearAuthCookies } from '../auth/cookies.js';
import { rateLimit } from '../platform/rate-limit.js';
import { parseBody } from '../platform/validate.js';
import {
  AccountView,
  ChangePasswordBody,
  DeleteAccountBody,
  SessionsResponse,
} from '@textbook-assistant/contract';

/** The app's body parser skips DELETE; deleting the account needs the current password in the body. */
const deleteBody = bodyParser({ enableTypes: ['json'], jsonLimit: '4kb', parsedMethods: ['DELETE'] });

export interface AccountRouteDeps extends ReauthDeps {
  config: Pick<Config, 'cookies' | 'rateLimits'>;
  limiter: LimiterStore;
  tokens: TokenService;
  sessions: SessionStore;
  account: AccountService;
}

export function accountRoutes(deps: AccountRouteDeps): Router {
  const router = createRouter();
  const { account } = deps;
  const me = (ctx: Context) => ctx.state.auth!;
  const passwordChecks = rateLimit(deps.limiter, {
    name: 'account-password',
    limit: deps.config.rateLimits.signin,
    key: (ctx) => me(ctx).userId,
  });
  // Per route, not router.use: /account/verify-email (another router) must stay open to links.
  const auth = requireAuth(deps);
  const reauth = requireCurrentPassword(deps);

  const accountDoc = operation({
    operationId: 'getAccount',
    summary: 'The account: email verification, role, 2FA state',
    responses: { 200: AccountView },
  });
  router.get('/', accountDoc, auth, async (ctx) => {
    ctx.body = await account.view(me(ctx).userId);
  });

  const sessionsDoc = operation({
    operationId: 'listSessions',
    summary: "The reader's live sessions; `current` marks this one",
    responses: { 200: SessionsResponse },
  });
  router.get('/sessions', sessionsDoc, auth, async (ctx) => {
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { sessions: await account.sessions(me(ctx).userId, me(ctx).sessionId) };
  });

  const revokeDoc = operation({
    operationId: 'revokeSession',
    summary: 'End one of your own sessions (404 otherwise); ending this one clears the cookies',
    params: { id: 'A session id from GET /account/sessions' },
    responses: { 204: null },
    errors: ['NOT_FOUND'],
  });
  router.delete('/sessions/:id', revokeDoc, auth, async (ctx) => {
    await account.revokeSession(me(ctx).userId, ctx.params.id ?? '');
    if (ctx.params.id === me(ctx).sessionId) clearAuthCookies(ctx, deps.config.cookies);
    ctx.status = 204;
  });

  const everywhereDoc = operation({
    operationId: 'signOutEverywhere',
    summary: 'End every session, this one included',
    responses: { 204: null },
  });
  router.post('/signout-all', everywhereDoc, auth, async (ctx) => {
    await account.signOutEverywhere(me(ctx).userId);
    clearAuthCookies(ctx, deps.config.cookies);
    ctx.status = 204;
  });

  const passwordDoc = operation({
    operationId: 'changePassword',
    summary: 'Change the password (re-authenticated); every other session ends',
    body: ChangePasswordBody,
    responses: { 204: null },
  });
  router.post('/password', passwordDoc, auth, passwordChecks, reauth(ChangePasswordBody), async (ctx) => {
    const body = parseBody(ChangePasswordBody, ctx.request.body);
    await account.changePassword(me(ctx).userId, me(ctx).sessionId, body.new_password);
    ctx.status = 204;
  });

  const deleteDoc = operation({
    operationId: 'deleteAccount',
    summary: 'Delete the account (re-authenticated) and everything it owns; its questions stay, anonymised',
    body: DeleteAccountBody,
    responses: { 204: null },
  });
  const reauthDelete = reauth(DeleteAccountBody);
  router.delete('/', deleteDoc, auth, passwordChecks, deleteBody, reauthDelete, async (ctx) => {
    await account.deleteAccount(me(ctx).userId);
    clearAuthCookies(ctx, deps.config.cookies);
    ctx.status = 204;
  });

  return router;
}
