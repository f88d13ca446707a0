import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';
import { ConfigError } from './errors.js';

const SECRET = 'x'.repeat(32);
const base = () => ({ DATA_DIR: mkdtempSync(join(tmpdir(), 'ta-config-')), BETTER_AUTH_SECRET: SECRET });

/** A production environment that starts: a strong secret and the public address. */
const production = (): Record<string, string> => ({
  DATA_DIR: base().DATA_DIR,
  NODE_ENV: 'production',
  BETTER_AUTH_SECRET: 'Zq8vT2mLx9Rb4Nw7Yc1Hd6Kp3Fs5Gj0E',
  PUBLIC_APP_URL: 'https://book.example.org',
});

describe('loadConfig', () => {
  it('when nothing is set, then the documented defaults apply', () => {
    const c = loadConfig(base());
    expect(c.port).toBe(8787);
    expect(c.keepAliveTimeoutMs).toBe(65_000);
    expect(c.accessTokenTtlSeconds).toBe(900);
    expect(c.refreshTokenTtlSeconds).toBe(7 * 86_400);
    expect(c.refreshReuseGraceSeconds).toBe(10);
    expect(c.rateLimits).toEqual({
      query: { max: 10, windowMs: 60_000 },
      signup: { max: 5, windowMs: 60_000 },
      signin: { max: 10, windowMs: 60_000 },
    });
    expect(c.cookies).toEqual({ sameSite: 'lax', secure: 'auto', partitioned: false });
    expect(c.corsOrigins).toContain('http://localhost:3000');
    expect(c.databaseUrl).toBeUndefined();
    expect(c.cohere).toBeUndefined();
    expect(c.qdrant).toBeUndefined();
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ BETTER_AUTH_SECRET: 'short' }, 'BETTER_AUTH_SECRET'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ RATE_LIMIT_QUERY: 'ten per minute' }, 'RATE_LIMIT_QUERY'],
    [{ COOKIE_SAMESITE: 'lax-ish' }, 'COOKIE_SAMESITE'],
    [{ CORS_ORIGINS: 'http://ok.example,https://bad.example/path' }, 'CORS_ORIGINS'],
    [{ QDRANT_URL: 'not a url' }, 'QDRANT_URL'],
    [{ ACCESS_TOKEN_EXPIRE_MINUTES: '0' }, 'ACCESS_TOKEN_EXPIRE_MINUTES'],
    [{ COOKIE_SAMESITE: 'None', COOKIE_SECURE: 'false' }, 'COOKIE_SECURE'],
    [{ SESSION_KEYS: ',' }, 'SESSION_KEYS'],
    [{ SESSION_KEYS: 'key-one-long-enough,,key-two' }, 'SESSION_KEYS'],
    [{ KEEPALIVE_TIMEOUT_MS: '500' }, 'KEEPALIVE_TIMEOUT_MS'],
    [{ KEEPALIVE_TIMEOUT_MS: 'a minute' }, 'KEEPALIVE_TIMEOUT_MS'],
  ])('when %o is set, then one line names %s', (env, name) => {
    let error: unknown;
    try {
      loadConfig({ ...base(), ...env });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toContain(name);
    expect(message).not.toContain('\n');
  });

  it.each([
    ['the .env.example placeholder', { BETTER_AUTH_SECRET: 'replace-with-at-least-32-random-bytes' }],
    ['32 repeated characters', { BETTER_AUTH_SECRET: 'a'.repeat(32) }],
    ['a short repeated pattern', { BETTER_AUTH_SECRET: 'ab12'.repeat(10) }],
    ['a weak session key', { SESSION_KEYS: 'k'.repeat(40) }],
  ])('when in production the secret is %s, then it refuses to start', (_name, env) => {
    expect(() => loadConfig({ ...production(), ...env })).toThrow(/BETTER_AUTH_SECRET|SESSION_KEYS/);
    expect(() => loadConfig(production())).not.toThrow();
  });

  it('when in production without PUBLIC_APP_URL, then it refuses to start with a message naming it', () => {
    const withoutUrl = { ...production(), PUBLIC_APP_URL: undefined };
    expect(() => loadConfig(withoutUrl)).toThrow(/PUBLIC_APP_URL is required in production/);
    expect(loadConfig(production()).publicAppUrl).toBe('https://book.example.org');
    // Outside production the demo origin stays the default.
    expect(loadConfig({ DATA_DIR: base().DATA_DIR }).publicAppUrl).toBe('http://localhost:5173');
  });

  it.each(['javascript:alert(1)', 'ftp://book.example.org', 'book.example.org'])(
    'when PUBLIC_APP_URL is %s, then it is refused',
    (url) => {
      expect(() => loadConfig({ ...production(), PUBLIC_APP_URL: url })).toThrow(/PUBLIC_APP_URL/);
    },
  );

  it('when in production without a secret, then it refuses to start', () => {
    expect(() => loadConfig({ DATA_DIR: base().DATA_DIR, NODE_ENV: 'production' })).toThrow(
      /BETTER_AUTH_SECRET/,
    );
  });

  it('when outside production without a secret, then one is generated into DATA_DIR and reused', () => {
    const dataDir = base().DATA_DIR;
    const first = loadConfig({ DATA_DIR: dataDir });
    const second = loadConfig({ DATA_DIR: dataDir });
    expect(Buffer.byteLength(first.secret)).toBeGreaterThanOrEqual(32);
    expect(second.secret).toBe(first.secret);
    expect(readFileSync(join(dataDir, 'dev-secret'), 'utf8').trim()).toBe(first.secret);
  });

  it('when Cohere and Qdrant variables are set, then their adapters are configured', () => {
    const c = loadConfig({
      ...base(),
      COHERE_API_KEY: 'k',
      QDRANT_URL: 'http://127.0.0.1:6333',
      RATE_LIMIT_QUERY: '3/second',
    });
    expect(c.cohere?.embedModel).toBeTruthy();
    expect(c.qdrant).toEqual({ url: 'http://127.0.0.1:6333', apiKey: undefined, collection: 'textbook' });
    expect(c.rateLimits.query).toEqual({ max: 3, windowMs: 1000 });
  });

  it('when SIGNIN_LOCKOUT_* are unset or set, then the per-account sign-in lockout follows them', () => {
    expect(loadConfig(base()).signinLockout).toEqual({ max: 5, windowMs: 15 * 60_000 });
    const c = loadConfig({ ...base(), SIGNIN_LOCKOUT_ATTEMPTS: '3', SIGNIN_LOCKOUT_MINUTES: '60' });
    expect(c.signinLockout).toEqual({ max: 3, windowMs: 3_600_000 });
    expect(() => loadConfig({ ...base(), SIGNIN_LOCKOUT_ATTEMPTS: '0' })).toThrow(/SIGNIN_LOCKOUT_ATTEMPTS/);
  });
});
