import type Router from '@koa/router';
import { operation } from '../platform/operation.js';
import { createRouter } from '../platform/router.js';
import type { Middleware } from 'koa';
import type { SessionStore } from '../auth/session-store.js';
import type { TokenService } from '../auth/tokens.js';
import type { ProfileStore } from './profile-store.js';
import { requireAuth, requireAuthReading } from '../auth/auth-middleware.js';
import { AppError } from '../platform/errors.js';
import { parseBody } from '../platform/validate.js';
import { ProfileUpdateBody, UserView } from '@textbook-assistant/contract';

export interface ProfileRouteDeps {
  tokens: TokenService;
  sessions: SessionStore;
  profiles: Pick<ProfileStore, 'view' | 'viewIfLive' | 'update'>;
  /** The email-verification guard (a pass-through unless REQUIRE_EMAIL_VERIFICATION). */
  verifiedEmail: Middleware;
}

export function profileRoutes(deps: ProfileRouteDeps): Router {
  const router = createRouter();
  const auth = requireAuth(deps);

  const getDoc = operation({
    operationId: 'getProfile',
    summary: 'The signed-in reader and their profile',
    responses: { 200: UserView },
    errors: ['NOT_FOUND'],
  });
  // "Who am I" is the hottest signed-in call: the session check and the read are one statement.
  const me = requireAuthReading(deps, (claims) => deps.profiles.viewIfLive(claims));
  router.get('/', getDoc, me.guard, (ctx) => {
    const user = me.result(ctx);
    if (!user) throw new AppError('NOT_FOUND', 'No profile for this account.');
    ctx.body = user;
  });

  const putDoc = operation({
    operationId: 'updateProfile',
    summary: 'Change any of the three profile fields',
    body: ProfileUpdateBody,
    responses: { 200: UserView },
    errors: ['NOT_FOUND'],
  });
  router.put('/', putDoc, auth, deps.verifiedEmail, async (ctx) => {
    const changes = parseBody(ProfileUpdateBody, ctx.request.body);
    const userId = ctx.state.auth!.userId;
    if (!(await deps.profiles.update(userId, changes)))
      throw new AppError('NOT_FOUND', 'No profile for this account.');
    ctx.body = await view(deps, userId);
  });

  return router;
}

async function view(deps: Pick<ProfileRouteDeps, 'profiles'>, userId: string) {
  const user = await deps.profiles.view(userId);
  if (!user) throw new AppError('NOT_FOUND', 'No profile for this account.');
  return user;
}
