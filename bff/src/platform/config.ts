import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { ConfigError } from './errors.js';

/** "10/minute", "5/second", "100/hour" → a window and a maximum. */
export interface RateLimit {
  max: number;
  windowMs: number;
}

const WINDOWS: Record<string, number> = { second: 1_000, minute: 60_000, hour: 3_600_000, day: 86_400_000 };

const rateLimit = z
  .string()
  .regex(/^\d+\/(second|minute|hour|day)$/, 'expected a limit like "10/minute"')
  .transform((value): RateLimit => {
    const [max, unit] = value.split('/') as [string, string];
    return { max: Number(max), windowMs: WINDOWS[unit]! };
  });

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);
const bool = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'])
    .default(fallback ? 'true' : 'false')
    .transform((v) => v === 'true' || v === '1' || v === 'yes');
const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));
const optionalUrl = optionalString.pipe(z.url().optional());
const originList = z
  .string()
  .transform((v) =>
    v
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean),
  )
  .pipe(
    z.array(
      z.string().refine((o) => {
        try {
          return new URL(o).origin === o;
        } catch {
          return false;
        }
      }, 'each origin must be scheme://host[:port] with no path or trailing slash'),
    ),
  );

export const DEMO_ORIGIN = 'http://localhost:5173';

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  // Loopback unless asked: the image sets HOST=0.0.0.0, behind its proxy.
  HOST: z.string().default('127.0.0.1'),
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(600_000).default(8_000),
  // Above a proxy's idle timeout for its upstream connections (nginx keepalive_timeout 60 s, an AWS
  // load balancer's 60 s), so the proxy closes an idle connection, never the BFF just as the proxy
  // sends a request on it. Node's own default, 5 s, fails such a request and marks the instance down.
  KEEPALIVE_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(290_000).default(65_000),
  METRICS_PORT: optionalString
    .transform((v) => (v === undefined ? undefined : Number(v)))
    .pipe(z.number().int().min(1).max(65535).optional()),
  METRICS_TOKEN: optionalString.pipe(z.string().min(16, 'must be at least 16 characters').optional()),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATABASE_URL: optionalString.pipe(
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
      .optional(),
  ),
  DATA_DIR: z.string().default('./.data'),
  BETTER_AUTH_SECRET: optionalString.pipe(
    z
      .string()
      .refine((s) => Buffer.byteLength(s, 'utf8') >= 32, 'must be at least 32 bytes')
      .optional(),
  ),
  ACCESS_TOKEN_EXPIRE_MINUTES: positiveInt(15),
  REFRESH_TOKEN_EXPIRE_DAYS: positiveInt(7),
  REFRESH_REUSE_GRACE_SECONDS: z.coerce.number().int().min(0).max(300).default(10),
  BCRYPT_COST: z.coerce.number().int().min(10).max(15).default(12),
  RATE_LIMIT_QUERY: rateLimit.default({ max: 10, windowMs: 60_000 }),
  RATE_LIMIT_SIGNUP: rateLimit.default({ max: 5, windowMs: 60_000 }),
  RATE_LIMIT_SIGNIN: rateLimit.default({ max: 10, windowMs: 60_000 }),
  SIGNIN_LOCKOUT_ATTEMPTS: positiveInt(5),
  SIGNIN_LOCKOUT_MINUTES: positiveInt(15),
  SESSION_KEYS: optionalString,
  CORS_ORIGINS: originList.default(['http://localhost:3000', DEMO_ORIGIN]),
  COOKIE_SAMESITE: z.enum(['Lax', 'Strict', 'None']).default('Lax'),
  COOKIE_SECURE: z.enum(['auto', 'true', 'false']).default('auto'),
  COOKIE_PARTITIONED: bool(false),
  TRUST_PROXY: bool(false),
  /** How many proxies in front append to X-Forwarded-For; the client is that many entries from the right. */
  TRUST_PROXY_HOPS: z.coerce.number().int().min(1).max(10).optional(),
  COHERE_API_KEY: optionalString,
  COHERE_BASE_URL: optionalUrl,
  COHERE_EMBED_MODEL: z.string().default('embed-v4.0'),
  COHERE_CHAT_MODEL: z.string().default('command-a-03-2025'),
  QDRANT_URL: optionalUrl,
  QDRANT_API_KEY: optionalString,
  QDRANT_COLLECTION: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/)
    .default('textbook'),
  PROVIDER_TIMEOUT_MS: positiveInt(15_000),
  REDIS_URL: optionalString.pipe(
    z
      .string()
      .regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL')
      .optional(),
  ),
  SMTP_URL: optionalString,
  MAIL_FROM: z.string().default('Textbook Assistant <no-reply@localhost>'),
  PUBLIC_APP_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
  REQUIRE_EMAIL_VERIFICATION: bool(false),
});

type Env = z.infer<typeof EnvSchema>;

export interface Config {
  env: Env['NODE_ENV'];
  port: number;
  host: string;
  /** On SIGTERM, how long in-flight requests and answer streams may take before they are cut. */
  shutdownGraceMs: number;
  /** How long an idle kept-alive connection stays open (KEEPALIVE_TIMEOUT_MS): longer than the proxy's. */
  keepAliveTimeoutMs: number;
  /** Prometheus metrics: on a port of their own (METRICS_PORT, same HOST) and/or at /metrics with a bearer token. */
  metrics: { port?: number; token?: string };
  logLevel: Env['LOG_LEVEL'];
  databaseUrl?: string;
  dataDir: string;
  secret: string;
  sessionKeys: string[];
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  refreshReuseGraceSeconds: number;
  bcryptCost: number;
  rateLimits: { query: RateLimit; signup: RateLimit; signin: RateLimit };
  /** Failed sign-ins one email may have in the window before it is locked for the window. */
  signinLockout: RateLimit;
  corsOrigins: string[];
  cookies: { sameSite: 'lax' | 'strict' | 'none'; secure: 'auto' | boolean; partitioned: boolean };
  trustProxy: boolean;
  /** Trusted proxies in front (0 without TRUST_PROXY): Koa's maxIpsCount. */
  trustProxyHops: number;
  cohere?: { apiKey: string; baseUrl?: string; embedModel: string; chatModel: string };
  qdrant?: { url: string; apiKey?: string; collection: string };
  providerTimeoutMs: number;
  redisUrl?: string;
  smtpUrl?: string;
  mailFrom: string;
  /** Where links in mails point (the page hosting the widget reads `?verify_email=` / `?reset_password=`). */
  publicAppUrl: string;
  /** When true, profile updates and personalized queries need a verified email. */
  requireEmailVerification: boolean;
}

/**
 * Reads the environment once. A bad or missing value throws a ConfigError whose message is one
 * line naming the variable; main() prints it and exits.
 */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = String(issue.path[0] ?? 'environment');
    throw new ConfigError(`Invalid configuration: ${name} ${issue.message}`);
  }
  const e = parsed.data;
  const dataDir = resolve(e.DATA_DIR);
  const secret = e.BETTER_AUTH_SECRET ?? devSecret(e.NODE_ENV, dataDir);
  if (e.NODE_ENV === 'production') refuseWeakSecret('BETTER_AUTH_SECRET', secret);
  const sessionKeys = e.SESSION_KEYS?.split(',').map((k) => k.trim());
  if (sessionKeys?.some((k) => k === '')) {
    // `SESSION_KEYS=,` would encrypt the pending two-factor cookie with a key derived from ''.
    throw new ConfigError('Invalid configuration: SESSION_KEYS has an empty entry');
  }
  if (e.NODE_ENV === 'production') sessionKeys?.forEach((k) => refuseWeakSecret('SESSION_KEYS', k));
  if (e.NODE_ENV === 'production' && !e.PUBLIC_APP_URL) {
    // Mailed links (verification, password reset) point there: never at the demo origin.
    throw new ConfigError(
      'Invalid configuration: PUBLIC_APP_URL is required in production (the book site readers open, e.g. https://book.example.org)',
    );
  }
  if (e.COOKIE_SAMESITE === 'None' && e.COOKIE_SECURE === 'false') {
    throw new ConfigError(
      'Invalid configuration: COOKIE_SECURE cannot be false when COOKIE_SAMESITE is None',
    );
  }
  if (e.TRUST_PROXY_HOPS !== undefined && !e.TRUST_PROXY) {
    throw new ConfigError('Invalid configuration: TRUST_PROXY_HOPS needs TRUST_PROXY=true');
  }
  if (e.COOKIE_PARTITIONED && e.COOKIE_SECURE === 'false') {
    throw new ConfigError('Invalid configuration: COOKIE_PARTITIONED needs COOKIE_SECURE (true or auto)');
  }
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    keepAliveTimeoutMs: e.KEEPALIVE_TIMEOUT_MS,
    metrics: { port: e.METRICS_PORT, token: e.METRICS_TOKEN },
    logLevel: e.LOG_LEVEL,
    databaseUrl: e.DATABASE_URL,
    dataDir,
    secret,
    sessionKeys: sessionKeys ?? [`session:${secret}`],
    accessTokenTtlSeconds: e.ACCESS_TOKEN_EXPIRE_MINUTES * 60,
    refreshTokenTtlSeconds: e.REFRESH_TOKEN_EXPIRE_DAYS * 86_400,
    refreshReuseGraceSeconds: e.REFRESH_REUSE_GRACE_SECONDS,
    bcryptCost: e.BCRYPT_COST,
    rateLimits: { query: e.RATE_LIMIT_QUERY, signup: e.RATE_LIMIT_SIGNUP, signin: e.RATE_LIMIT_SIGNIN },
    signinLockout: { max: e.SIGNIN_LOCKOUT_ATTEMPTS, windowMs: e.SIGNIN_LOCKOUT_MINUTES * 60_000 },
    corsOrigins: e.CORS_ORIGINS,
    cookies: {
      sameSite: e.COOKIE_SAMESITE.toLowerCase() as 'lax' | 'strict' | 'none',
      secure: e.COOKIE_SECURE === 'auto' ? 'auto' : e.COOKIE_SECURE === 'true',
      partitioned: e.COOKIE_PARTITIONED,
    },
    trustProxy: e.TRUST_PROXY,
    trustProxyHops: e.TRUST_PROXY ? (e.TRUST_PROXY_HOPS ?? 1) : 0,
    cohere: e.COHERE_API_KEY
      ? {
          apiKey: e.COHERE_API_KEY,
          baseUrl: e.COHERE_BASE_URL,
          embedModel: e.COHERE_EMBED_MODEL,
          chatModel: e.COHERE_CHAT_MODEL,
        }
      : undefined,
    qdrant: e.QDRANT_URL
      ? { url: e.QDRANT_URL, apiKey: e.QDRANT_API_KEY, collection: e.QDRANT_COLLECTION }
      : undefined,
    providerTimeoutMs: e.PROVIDER_TIMEOUT_MS,
    redisUrl: e.REDIS_URL,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    publicAppUrl: e.PUBLIC_APP_URL ?? DEMO_ORIGIN,
    requireEmailVerification: e.REQUIRE_EMAIL_VERIFICATION,
  };
}

/** Outside production a signing secret is generated once into DATA_DIR so a fresh clone just runs. */
function devSecret(nodeEnv: Env['NODE_ENV'], dataDir: string): string {
  if (nodeEnv === 'production') {
    throw new ConfigError(
      'Invalid configuration: BETTER_AUTH_SECRET is required in production (at least 32 bytes)',
    );
  }
  const file = join(dataDir, 'dev-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

/** The placeholder .env.example shows: a deployment that copied it has no secret at all. */
const PLACEHOLDER = 'replace-with-at-least-32-random-bytes';
/** 32 random characters have far more distinct ones than this; `aaaa…` or `abab…` have fewer. */
const MIN_DISTINCT_CHARS = 12;

/** Production starts only with secrets that could have come from a random generator. */
function refuseWeakSecret(name: string, value: string): void {
  const reason = value.toLowerCase().includes(PLACEHOLDER)
    ? 'is the .env.example placeholder'
    : new Set(value).size < MIN_DISTINCT_CHARS
      ? 'is not random (too few distinct characters)'
      : Buffer.byteLength(value, 'utf8') < 32
        ? 'must be at least 32 bytes'
        : null;
  if (reason)
    throw new ConfigError(`Invalid configuration: ${name} ${reason}; use e.g. openssl rand -base64 48`);
}
