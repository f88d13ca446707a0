import type { Logger } from '../platform/logger.js';
import { AppError } from '../platform/errors.js';
import type { ProfileStore } from '../profile/profile-store.js';
import type { UserView } from '@textbook-assistant/contract';
import type { SigninBody, SignupBody } from '@textbook-assistant/contract';
import type { IssuedTokens } from './cookies.js';
import type { PasswordHasher } from './passwords.js';
import type { SessionStore } from './session-store.js';
import type { TokenService } from './tokens.js';
import { EmailTakenError, type UserStore } from './user-store.js';

export interface ClientInfo {
  userAgent: string | null;
  ip: string | null;
}

export interface AuthServiceDeps {
  users: UserStore;
  sessions: SessionStore;
  profiles: ProfileStore;
  passwords: PasswordHasher;
  tokens: TokenService;
  logger: Logger;
  refreshTtlSeconds: number;
  refreshGraceSeconds: number;
  /** Account extras: the verification mail after sign-up, the second factor at sign-in. */
  hooks?: AuthHooks;
}

export interface AuthHooks {
  /** Runs after the account exists; must not throw (a mail failure never fails sign-up). */
  afterSignup?(user: { id: string; email: string }): void;
  requiresSecondFactor?(userId: string): Promise<boolean>;
}

/** The password was right and the account has two-factor sign-in on: no session yet. */
export interface PendingSecondFactor {
  pendingSecondFactor: string;
}

export interface SignedIn {
  user: UserView;
  tokens: IssuedTokens;
}

const BAD_CREDENTIALS = 'The email or password is incorrect.';

/** Sign-up, sign-in, refresh rotation and sign-out. No Koa and no SQL in here. */
export function createAuthService(d: AuthServiceDeps) {
  async function issue(userId: string, familyId: string, refreshToken: string, refreshExpiresAt: Date) {
    const accessToken = await d.tokens.signAccess({ userId, sessionId: familyId });
    return { accessToken, accessTtlSeconds: d.tokens.accessTtlSeconds, refreshToken, refreshExpiresAt };
  }

  async function startSession(userId: string, client: ClientInfo): Promise<IssuedTokens> {
    const refreshToken = d.tokens.newRefreshToken();
    const expiresAt = new Date(Date.now() + d.refreshTtlSeconds * 1000);
    const { familyId } = await d.sessions.start({
      userId,
      refreshHash: d.tokens.hashRefresh(refreshToken),
      expiresAt,
      ...client,
    });
    return issue(userId, familyId, refreshToken, expiresAt);
  }

  async function view(userId: string): Promise<UserView> {
    const user = await d.profiles.view(userId);
    if (!user) throw new AppError('UNAUTHENTICATED', 'Sign in to continue.');
    return user;
  }

  async function completeSignin(userId: string, client: ClientInfo): Promise<SignedIn> {
    const user = await d.users.findById(userId);
    if (!user) throw new AppError('INVALID_CREDENTIALS', BAD_CREDENTIALS);
    if (!user.isActive) throw new AppError('ACCOUNT_DISABLED', 'This account is disabled.');
    await d.users.recordLogin(user.id);
    const tokens = await startSession(user.id, client);
    return { user: await view(user.id), tokens };
  }

  return {
    async signup(body: SignupBody, client: ClientInfo): Promise<SignedIn> {
      const hash = await d.passwords.hash(body.password);
      const { email, software_experience, hardware_experience, interests } = body;
      try {
        const user = await d.users.createWithProfile(email, hash, {
          software_experience,
          hardware_experience,
          interests,
        });
        await d.users.recordLogin(user.id);
        d.hooks?.afterSignup?.({ id: user.id, email: user.email });
        const tokens = await startSession(user.id, client);
        return { user: await view(user.id), tokens };
      } catch (err) {
        if (err instanceof EmailTakenError) {
          throw new AppError('EMAIL_TAKEN', 'An account with this email already exists.', {
            details: [{ path: 'email', message: 'This email is already registered.' }],
          });
        }
        throw err;
      }
    },

    /** Same answer, and one bcrypt compare's time, whether the email is unknown or the password wrong. */
    async signin(body: SigninBody, client: ClientInfo): Promise<SignedIn | PendingSecondFactor> {
      const user = await d.users.findByEmail(body.email);
      const ok = await d.passwords.verify(body.password, user?.hashedPassword ?? null);
      if (!user || !ok) throw new AppError('INVALID_CREDENTIALS', BAD_CREDENTIALS);
      if (!user.isActive) throw new AppError('ACCOUNT_DISABLED', 'This account is disabled.');
      if (await d.hooks?.requiresSecondFactor?.(user.id)) return { pendingSecondFactor: user.id };
      return completeSignin(user.id, client);
    },

    /** The second step of a two-factor sign-in, once the code was accepted. */
    completeSignin,

    async refresh(refreshToken: string | undefined, client: ClientInfo): Promise<IssuedTokens> {
      if (!refreshToken) throw new AppError('INVALID_REFRESH_TOKEN', 'Sign in again.');
      const successor = d.tokens.successorOf(refreshToken);
      const outcome = await d.sessions.rotate(
        d.tokens.hashRefresh(refreshToken),
        d.tokens.hashRefresh(successor),
        d.refreshGraceSeconds,
        client,
      );
      if (outcome.kind === 'reused') {
        d.logger.warn(
          { userId: outcome.userId, sessionId: outcome.familyId },
          'refresh token reused: family revoked',
        );
      }
      if (outcome.kind !== 'rotated' && outcome.kind !== 'grace') {
        throw new AppError('INVALID_REFRESH_TOKEN', 'Your session has ended. Sign in again.');
      }
      return issue(outcome.userId, outcome.familyId, successor, outcome.expiresAt);
    },

    async signout(sessionId: string | null, refreshToken: string | undefined): Promise<void> {
      if (sessionId) return d.sessions.revokeFamily(sessionId);
      // With an expired access token the refresh cookie still identifies the session to end.
      const family = refreshToken
        ? await d.sessions.findFamilyByHash(d.tokens.hashRefresh(refreshToken))
        : null;
      if (family) await d.sessions.revokeFamily(family.familyId);
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
