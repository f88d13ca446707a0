/**
 * A call of every operation in the OpenAPI document, type-checked against the client that
 * openapi-typescript generates from it (test/platform/openapi.test.ts writes generated/ and runs
 * tsc on this file; it is not part of the bff's own type check, since generated/ is not in git).
 * Each request is a contract request type and each response is read as the contract's response
 * type, so the document and the contract cannot drift apart unnoticed.
 */
import createClient from 'openapi-fetch';
import type {
  AccountView,
  AcceptedResponse,
  AnalyticsResponse,
  AuthResponse,
  ChangePasswordRequest,
  ConfirmTwoFactorRequest,
  DeleteAccountRequest,
  DisableTwoFactorRequest,
  ReauthRequest,
  ErrorBody,
  ErrorCode,
  FeedbackRequest,
  ForgotPasswordRequest,
  HealthResponse,
  ProfileUpdateRequest,
  QueryAnswer,
  QueryRequest,
  ReadinessResponse,
  RecoveryCodesResponse,
  RefreshResponse,
  ResetPasswordRequest,
  SecondFactorRequest,
  SessionStatusResponse,
  SessionsResponse,
  SetupResponse,
  SigninRequest,
  SigninResponse,
  SignupRequest,
  UserView,
  VerifyEmailRequest,
  VerifyEmailResponse,
  VerifyRequestResponse,
} from '@textbook-assistant/contract';
import type { paths } from './generated/api.js';

const api = createClient<paths>({ baseUrl: 'http://127.0.0.1:8787', credentials: 'include' });

/** Reads a result as the contract's type: a compile error if the document's type differs. */
function read<T>(result: { data?: T; error?: unknown }): T | undefined {
  return result.data;
}

/** Every documented error is the contract's ErrorBody, matched by its ErrorCode. */
function code(error: ErrorBody | undefined): ErrorCode | undefined {
  return error?.error.code;
}

export async function everyOperation(): Promise<void> {
  const signup: SignupRequest = {
    email: 'reader@example.org',
    password: 'a long enough passphrase 1',
    software_experience: 'Beginner',
    hardware_experience: 'None',
  };
  const signedUp = await api.POST('/api/v1/auth/signup', { body: signup });
  const created: AuthResponse | undefined = read(signedUp);
  code(signedUp.error);

  const signin: SigninRequest = { email: signup.email, password: signup.password };
  const signedIn: SigninResponse | undefined = read(await api.POST('/api/v1/auth/signin', { body: signin }));
  if (signedIn && 'two_factor_required' in signedIn) {
    const second: SecondFactorRequest = { code: '123456' };
    const done: AuthResponse | undefined = read(await api.POST('/api/v1/auth/signin/2fa', { body: second }));
    void done;
  }
  const session: SessionStatusResponse | undefined = read(await api.GET('/api/v1/auth/session'));
  const refreshed: RefreshResponse | undefined = read(await api.POST('/api/v1/auth/refresh'));
  await api.POST('/api/v1/auth/signout');
  const forgot: ForgotPasswordRequest = { email: signup.email };
  const accepted: AcceptedResponse | undefined = read(
    await api.POST('/api/v1/auth/forgot-password', { body: forgot }),
  );
  const reset: ResetPasswordRequest = { token: 'mailed-token-0123456789', password: 'another passphrase 2' };
  await api.POST('/api/v1/auth/reset-password', { body: reset });

  const profile: UserView | undefined = read(await api.GET('/api/v1/profile'));
  const change: ProfileUpdateRequest = { interests: ['ROS 2'] };
  const updated: UserView | undefined = read(await api.PUT('/api/v1/profile', { body: change }));

  const account: AccountView | undefined = read(await api.GET('/api/v1/account'));
  const sessions: SessionsResponse | undefined = read(await api.GET('/api/v1/account/sessions'));
  const other = sessions?.sessions.find((s) => !s.current);
  if (other) {
    await api.DELETE('/api/v1/account/sessions/{id}', { params: { path: { id: other.id } } });
  }
  await api.POST('/api/v1/account/signout-all');
  const password: ChangePasswordRequest = { current_password: 'old one', new_password: 'a new passphrase 3' };
  await api.POST('/api/v1/account/password', { body: password });
  const mailed: VerifyRequestResponse | undefined = read(
    await api.POST('/api/v1/account/verify-email/request'),
  );
  const verify: VerifyEmailRequest = { token: 'mailed-token-0123456789' };
  const verified: VerifyEmailResponse | undefined = read(
    await api.POST('/api/v1/account/verify-email', { body: verify }),
  );
  const reauth: ReauthRequest = { current_password: 'a new passphrase 3' };
  const setup: SetupResponse | undefined = read(
    await api.POST('/api/v1/account/2fa/setup', { body: reauth }),
  );
  const confirm: ConfirmTwoFactorRequest = { code: '123456', ...reauth };
  const codes: RecoveryCodesResponse | undefined = read(
    await api.POST('/api/v1/account/2fa/confirm', { body: confirm }),
  );
  const fresh: RecoveryCodesResponse | undefined = read(
    await api.POST('/api/v1/account/2fa/recovery-codes', { body: reauth }),
  );
  void fresh;
  const disable: DisableTwoFactorRequest = reauth;
  await api.POST('/api/v1/account/2fa/disable', { body: disable });
  const remove: DeleteAccountRequest = reauth;
  await api.DELETE('/api/v1/account', { body: remove });

  const question: QueryRequest = {
    query: 'What is a ROS 2 node?',
    history: [{ role: 'user', content: 'Hi' }],
  };
  const asked = await api.POST('/api/v1/query', { body: question });
  // 200 is JSON or, with Accept: text/event-stream, the event stream as text.
  const answer: QueryAnswer | undefined = typeof asked.data === 'string' ? undefined : asked.data;
  code(asked.error);
  const stream = await api.POST('/api/v1/query', {
    body: question,
    headers: { Accept: 'text/event-stream' },
    parseAs: 'stream',
  });
  void stream.response.body;
  if (answer) {
    const rating: FeedbackRequest = { value: 1 };
    await api.POST('/api/v1/query/{id}/feedback', {
      params: { path: { id: answer.query_id } },
      body: rating,
    });
  }

  const figures: AnalyticsResponse | undefined = read(
    await api.GET('/api/v1/admin/analytics', { params: { query: { days: 7 } } }),
  );
  await api.GET('/admin', { parseAs: 'text' });
  await api.GET('/admin/assets/{name}', { params: { path: { name: 'admin.js' } }, parseAs: 'text' });

  const health: HealthResponse | undefined = read(await api.GET('/healthz'));
  const ready = await api.GET('/readyz');
  const readiness: ReadinessResponse | undefined =
    ready.data ?? (ready.error as ReadinessResponse | undefined);
  await api.GET('/metrics', { headers: { Authorization: 'Bearer token' }, parseAs: 'text' });
  await api.GET('/api/v1/openapi.json');

  void [created, session, refreshed, accepted, profile, updated, account, mailed, verified, setup, codes];
  void [figures, health, readiness];
}
