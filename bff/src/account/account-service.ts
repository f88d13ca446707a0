import { AppError } from '../platform/errors.js';
import type { PasswordHasher } from '../auth/passwords.js';
import type { AccountStore } from './account-store.js';
import type { SessionListStore } from './session-list-store.js';
import { describeDevice } from './device.js';

export interface AccountServiceDeps {
  accounts: AccountStore;
  sessionList: SessionListStore;
  passwords: PasswordHasher;
  twoFactorEnabled(userId: string): Promise<boolean>;
}

export interface AccountView {
  id: string;
  email: string;
  email_verified: boolean;
  role: 'user' | 'admin';
  two_factor_enabled: boolean;
  created_at: string;
}

export interface SessionView {
  id: string;
  device: string;
  user_agent: string | null;
  ip: string | null;
  created_at: string;
  last_used_at: string;
  current: boolean;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The signed-in reader's own account: its state, sessions, password and deletion. */
export function createAccountService(d: AccountServiceDeps) {
  async function requireAccount(userId: string) {
    const user = await d.accounts.findById(userId);
    if (!user) throw new AppError('UNAUTHENTICATED', 'Sign in to continue.');
    return user;
  }

  /** Always one bcrypt compare; a wrong password is 401 invalid_password (the session stays valid). */
  async function requirePassword(userId: string, password: string, field = 'password') {
    const user = await requireAccount(userId);
    if (!(await d.passwords.verify(password, user.hashedPassword))) {
      throw new AppError('INVALID_PASSWORD', 'The password is incorrect.', {
        details: [{ path: field, message: 'The password is incorrect.' }],
      });
    }
    return user;
  }

  return {
    requirePassword,

    async view(userId: string): Promise<AccountView> {
      const user = await requireAccount(userId);
      return {
        id: user.id,
        email: user.email,
        email_verified: user.emailVerified,
        role: user.role,
        two_factor_enabled: await d.twoFactorEnabled(userId),
        created_at: user.createdAt.toISOString(),
      };
    },

    async sessions(userId: string, currentSessionId: string): Promise<SessionView[]> {
      const live = await d.sessionList.listLive(userId);
      return live.map((s) => ({
        id: s.id,
        device: describeDevice(s.userAgent),
        user_agent: s.userAgent,
        ip: s.ip,
        created_at: s.createdAt.toISOString(),
        last_used_at: s.lastUsedAt.toISOString(),
        current: s.id === currentSessionId,
      }));
    },

    async revokeSession(userId: string, sessionId: string): Promise<void> {
      if (!UUID.test(sessionId) || !(await d.sessionList.revokeOwn(userId, sessionId))) {
        throw new AppError('NOT_FOUND', 'No such session.');
      }
    },

    async signOutEverywhere(userId: string): Promise<void> {
      await d.accounts.revokeSessions(userId, null);
    },

    /** Keeps this session, ends every other one. The current password was checked by the route's guard. */
    async changePassword(userId: string, currentSessionId: string, next: string) {
      await d.accounts.setPassword(userId, await d.passwords.hash(next), currentSessionId);
    },

    /** The current password was checked by the route's guard. */
    async deleteAccount(userId: string): Promise<void> {
      await d.accounts.delete(userId);
    },
  };
}

export type AccountService = ReturnType<typeof createAccountService>;
