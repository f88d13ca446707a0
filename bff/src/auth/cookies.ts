import type { Context } from 'koa';
import type { Config } from '../platform/config.js';

export const ACCESS_COOKIE = 'ta_access';
export const REFRESH_COOKIE = 'ta_refresh';
/** The access token goes with every API call; the refresh token only to the auth routes. */
const ACCESS_PATH = '/api/v1';
const REFRESH_PATH = '/api/v1/auth';

export interface IssuedTokens {
  accessToken: string;
  accessTtlSeconds: number;
  refreshToken: string;
  refreshExpiresAt: Date;
}

type CookieConfig = Config['cookies'];

/** HttpOnly, SameSite and Secure as configured (Secure also over plain http when TLS ends at a proxy). */
export function baseOptions(ctx: Context, config: CookieConfig) {
  const secure = config.secure === 'auto' ? ctx.secure : config.secure;
  // cookies refuses Secure over plain http unless told the connection is secure (TLS ends at a proxy).
  if (secure) ctx.cookies.secure = true;
  return {
    httpOnly: true,
    signed: false,
    sameSite: config.sameSite,
    secure,
    partitioned: config.partitioned && secure,
    overwrite: true,
  };
}

export function setAuthCookies(ctx: Context, config: CookieConfig, tokens: IssuedTokens): void {
  const base = baseOptions(ctx, config);
  // The access cookie outlives its token (which expires after ACCESS_TOKEN_EXPIRE_MINUTES): an
  // expired token still reaches the BFF, which answers 401 so the widget refreshes silently,
  // instead of the reader quietly becoming anonymous.
  ctx.cookies.set(ACCESS_COOKIE, tokens.accessToken, {
    ...base,
    path: ACCESS_PATH,
    expires: tokens.refreshExpiresAt,
  });
  ctx.cookies.set(REFRESH_COOKIE, tokens.refreshToken, {
    ...base,
    path: REFRESH_PATH,
    expires: tokens.refreshExpiresAt,
  });
}

export function clearAuthCookies(ctx: Context, config: CookieConfig): void {
  const base = baseOptions(ctx, config);
  ctx.cookies.set(ACCESS_COOKIE, '', { ...base, path: ACCESS_PATH, maxAge: 0, expires: new Date(0) });
  ctx.cookies.set(REFRESH_COOKIE, '', { ...base, path: REFRESH_PATH, maxAge: 0, expires: new Date(0) });
}
