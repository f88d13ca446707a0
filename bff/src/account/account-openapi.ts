import { z } from 'zod';
import { registerOperation, type ApiOperation } from '../openapi.js';
import { AuthResponse, SigninBody } from '@textbook-assistant/contract';
import {
  AcceptedResponse,
  AccountView,
  ChangePasswordBody,
  DeleteAccountBody,
  ForgotPasswordBody,
  ResetPasswordBody,
  SessionsResponse,
  VerifyEmailBody,
  VerifyRequestResponse,
} from '@textbook-assistant/contract';
import {
  ConfirmTwoFactorBody,
  DisableTwoFactorBody,
  RecoveryCodesResponse,
  SecondFactorBody,
  SetupResponse,
  TwoFactorRequiredResponse,
} from '@textbook-assistant/contract';
import { AnalyticsResponse, FeedbackBody } from '@textbook-assistant/contract';

/** The account-extras operations in the OpenAPI document, from the same zod schemas the routes use. */
const operations: ApiOperation[] = [
  // Replaces the base entry: with 2FA on, step one answers two_factor_required and sets no auth cookies.
  {
    method: 'post',
    path: '/auth/signin',
    summary: 'Sign in; sets the auth cookies, or answers two_factor_required',
    auth: 'none',
    body: SigninBody,
    response: z.union([AuthResponse, TwoFactorRequiredResponse]),
  },
  {
    method: 'get',
    path: '/account',
    summary: 'The account: email verification, role, 2FA state',
    auth: 'required',
    response: AccountView,
  },
  {
    method: 'post',
    path: '/account/verify-email/request',
    summary: 'Mail a new verification link (3 per 15 min)',
    auth: 'required',
    response: VerifyRequestResponse,
    status: 202,
  },
  {
    method: 'post',
    path: '/account/verify-email',
    summary: 'Verify the email with the token from the mail (single use, 24 h)',
    auth: 'none',
    body: VerifyEmailBody,
    response: z.object({ email_verified: z.literal(true) }),
  },
  {
    method: 'post',
    path: '/auth/forgot-password',
    summary: 'Mail a reset link; always 202 with the same body',
    auth: 'none',
    body: ForgotPasswordBody,
    response: AcceptedResponse,
    status: 202,
  },
  {
    method: 'post',
    path: '/auth/reset-password',
    summary: 'Set a new password with the mailed token (single use, 1 h); ends every session',
    auth: 'none',
    body: ResetPasswordBody,
    status: 204,
  },
  {
    method: 'get',
    path: '/account/sessions',
    summary: "The reader's live sessions; `current` marks this one",
    auth: 'required',
    response: SessionsResponse,
  },
  {
    method: 'delete',
    path: '/account/sessions/{id}',
    summary: 'End one of your own sessions (404 otherwise)',
    auth: 'required',
    status: 204,
  },
  {
    method: 'post',
    path: '/account/signout-all',
    summary: 'End every session, this one included',
    auth: 'required',
    status: 204,
  },
  {
    method: 'post',
    path: '/account/password',
    summary: 'Change the password; every other session ends',
    auth: 'required',
    body: ChangePasswordBody,
    status: 204,
  },
  {
    method: 'delete',
    path: '/account',
    summary: 'Delete the account and everything it owns; its questions stay, anonymised',
    auth: 'required',
    body: DeleteAccountBody,
    status: 204,
  },
  {
    method: 'post',
    path: '/account/2fa/setup',
    summary: 'Start TOTP set-up: otpauth URI and QR code (SVG)',
    auth: 'required',
    response: SetupResponse,
  },
  {
    method: 'post',
    path: '/account/2fa/confirm',
    summary: 'Turn 2FA on with a first code; returns 10 one-time recovery codes',
    auth: 'required',
    body: ConfirmTwoFactorBody,
    response: RecoveryCodesResponse,
  },
  {
    method: 'post',
    path: '/account/2fa/disable',
    summary: 'Turn 2FA off with a current code or the password',
    auth: 'required',
    body: DisableTwoFactorBody,
    status: 204,
  },
  {
    method: 'post',
    path: '/auth/signin/2fa',
    summary: 'Second sign-in step (after /auth/signin answered two_factor_required); sets the auth cookies',
    auth: 'none',
    body: SecondFactorBody,
    response: AuthResponse,
  },
  {
    method: 'post',
    path: '/query/{id}/feedback',
    summary: 'Rate an answer: 1 or -1 (own queries; anonymous readers anonymous ones)',
    auth: 'optional',
    body: FeedbackBody,
    status: 204,
  },
  {
    method: 'get',
    path: '/admin/analytics',
    summary: 'Admin figures for the last `days` (1..365, default 30)',
    auth: 'required',
    response: AnalyticsResponse,
  },
];

for (const op of operations) registerOperation(op);
