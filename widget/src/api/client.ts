import { REAUTH_FIELD } from '@textbook-assistant/contract/rules';
import type { QueryEventData } from '@textbook-assistant/contract';
import type {
  Account,
  AccountInfo,
  AuthResponse,
  ProfileFields,
  QueryMeta,
  QueryRequest,
  QueryResponse,
  SecondFactor,
  SessionInfo,
  SessionState,
  SignInRequest,
  SignUpRequest,
  TwoFactorRequired,
  TwoFactorSetup,
} from '../types.js';
import { ApiError, type ApiErrorCode } from './api-error.js';
import { readSse } from './sse.js';

export { ApiError };

export interface StreamHandlers {
  onMeta?(meta: QueryMeta): void;
  onDelta?(text: string): void;
}

interface RequestOptions {
  body?: unknown;
  accept?: string;
  signal?: AbortSignal;
  /** On 401, refresh the session once and retry (everything except the auth calls themselves). */
  retryOn401?: boolean;
  /** After a refresh that failed, send once more without a session (routes open to anonymous readers). */
  anonymousFallback?: boolean;
}

/**
 * The BFF client: JSON over fetch with cookies, one shared refresh on 401, and
 * POST + server-sent events for streamed answers (EventSource cannot POST).
 */
export class ApiClient {
  private refreshing: Promise<boolean> | undefined;
  /** Called when the session turned out to be gone (refresh refused) during an open-route call. */
  onSessionLost: (() => void) | undefined;

  constructor(readonly apiBase: string) {}

  signUp(body: SignUpRequest): Promise<AuthResponse> {
    return this.json('POST', '/auth/signup', { body });
  }

  signIn(body: SignInRequest): Promise<AuthResponse | TwoFactorRequired> {
    return this.json('POST', '/auth/signin', { body });
  }

  signInSecondFactor(body: SecondFactor): Promise<AuthResponse> {
    return this.json('POST', '/auth/signin/2fa', { body });
  }

  forgotPassword(email: string): Promise<{ message: string }> {
    return this.json('POST', '/auth/forgot-password', { body: { email } });
  }

  async resetPassword(token: string, password: string): Promise<void> {
    await this.json('POST', '/auth/reset-password', { body: { token, password } });
  }

  async verifyEmail(token: string): Promise<void> {
    await this.json('POST', '/account/verify-email', { body: { token } });
  }

  /** Calls under /account that need the session (refreshed once on 401). */
  account<T = void>(method: string, path: string, body?: unknown): Promise<T> {
    return this.json(method, `/account${path}`, { body, retryOn401: true });
  }

  getAccount(): Promise<AccountInfo> {
    return this.account('GET', '');
  }

  async getSessions(): Promise<SessionInfo[]> {
    return (await this.account<{ sessions: SessionInfo[] }>('GET', '/sessions')).sessions;
  }

  setUpTwoFactor(currentPassword: string): Promise<TwoFactorSetup> {
    return this.account('POST', '/2fa/setup', { [REAUTH_FIELD]: currentPassword });
  }

  async signOut(): Promise<void> {
    await this.json('POST', '/auth/signout', { retryOn401: true });
  }

  /** Who is signed in, answered 200 even without a session (no failing request for anonymous readers). */
  getSession(): Promise<SessionState> {
    return this.json('GET', '/auth/session', {});
  }

  getProfile(): Promise<Account> {
    return this.json('GET', '/profile', { retryOn401: true });
  }

  updateProfile(body: Partial<ProfileFields>): Promise<Account> {
    return this.json('PUT', '/profile', { body, retryOn401: true });
  }

  /** Feedback may not exist on every BFF version: a 404 is not an error. */
  async sendFeedback(queryId: string, value: 1 | -1): Promise<void> {
    try {
      await this.json('POST', `/query/${encodeURIComponent(queryId)}/feedback`, { body: { value } });
    } catch (err) {
      if (!(err instanceof ApiError && err.status === 404)) throw err;
    }
  }

  /** Rotates the session cookies; false when there is no session to refresh. */
  refresh(): Promise<boolean> {
    this.refreshing ??= this.send('POST', '/auth/refresh', {})
      .then((res) => res.ok)
      .catch(() => false)
      .finally(() => (this.refreshing = undefined));
    return this.refreshing;
  }

  /** Asks a question, streaming the answer when the server supports it. */
  async query(req: QueryRequest, handlers: StreamHandlers, signal?: AbortSignal): Promise<QueryResponse> {
    const res = await this.fetchWithRefresh('POST', '/query', {
      body: req,
      accept: 'text/event-stream, application/json',
      signal,
      retryOn401: true,
      anonymousFallback: true,
    });
    const type = res.headers.get('Content-Type') ?? '';
    if (!type.includes('text/event-stream') || !res.body) {
      const whole = (await res.json()) as QueryResponse;
      handlers.onMeta?.(whole);
      handlers.onDelta?.(whole.answer);
      return whole;
    }
    try {
      for await (const { event, data } of readSse(res.body)) {
        if (event === 'meta') handlers.onMeta?.(JSON.parse(data) as QueryEventData<'meta'>);
        else if (event === 'delta') handlers.onDelta?.((JSON.parse(data) as QueryEventData<'delta'>).text);
        else if (event === 'done') return JSON.parse(data) as QueryEventData<'done'>;
        else if (event === 'error') {
          const { error } = JSON.parse(data) as QueryEventData<'error'>;
          throw new ApiError(503, error.code, error.message);
        }
      }
    } catch (err) {
      if (err instanceof ApiError) throw err;
      if (signal?.aborted) throw err;
      throw ApiError.network();
    }
    throw new ApiError(0, 'stream_interrupted', 'The answer was interrupted.');
  }

  private async json<T>(method: string, path: string, options: RequestOptions): Promise<T> {
    const res = await this.fetchWithRefresh(method, path, options);
    if (res.status === 204) return undefined as T;
    return (await res.json()) as T;
  }

  private async fetchWithRefresh(method: string, path: string, options: RequestOptions): Promise<Response> {
    let res = await this.send(method, path, options);
    if (res.status === 401 && options.retryOn401 && !(await isWrongSecret(res))) {
      const refreshed = await this.refresh();
      if (refreshed || options.anonymousFallback) {
        // A failed refresh cleared the dead cookies: an open route now answers anonymously.
        if (!refreshed) this.onSessionLost?.();
        res = await this.send(method, path, options);
      }
    }
    if (!res.ok) throw await ApiError.fromResponse(res);
    return res;
  }

  private async send(method: string, path: string, options: RequestOptions): Promise<Response> {
    const base = this.apiBase.replace(/\/+$/, '');
    try {
      return await fetch(`${base}/api/v1${path}`, {
        method,
        credentials: 'include',
        headers: { 'Content-Type': 'application/json', Accept: options.accept ?? 'application/json' },
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        signal: options.signal,
      });
    } catch (err) {
      if (options.signal?.aborted) throw err;
      throw ApiError.network();
    }
  }
}

/** 401s that are about a wrong password or code, not the session: refreshing would only repeat the guess. */
const WRONG_SECRET: ReadonlySet<ApiErrorCode> = new Set([
  'invalid_password',
  'invalid_two_factor_code',
  'invalid_credentials',
]);

async function isWrongSecret(res: Response): Promise<boolean> {
  const { code } = await ApiError.fromResponse(res.clone());
  return WRONG_SECRET.has(code);
}
