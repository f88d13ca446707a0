/**
 * The one catalogue of error codes a client can see, each with its HTTP status (DESIGN.md,
 * "Errors"). The BFF throws them by key (`new AppError('NOT_FOUND', …)`); clients match the
 * `ErrorCode` union exactly. A new code is added here, nowhere else.
 */
export const ERROR_CATALOGUE = {
  VALIDATION_ERROR: { status: 400, code: 'validation_error' },
  INVALID_JSON: { status: 400, code: 'invalid_json' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, code: 'unsupported_media_type' },
  PAYLOAD_TOO_LARGE: { status: 413, code: 'payload_too_large' },
  EMAIL_TAKEN: { status: 400, code: 'email_taken' },
  INVALID_CREDENTIALS: { status: 401, code: 'invalid_credentials' },
  UNAUTHENTICATED: { status: 401, code: 'unauthenticated' },
  INVALID_REFRESH_TOKEN: { status: 401, code: 'invalid_refresh_token' },
  ACCOUNT_DISABLED: { status: 403, code: 'account_disabled' },
  FORBIDDEN_ORIGIN: { status: 403, code: 'forbidden_origin' },
  FORBIDDEN: { status: 403, code: 'forbidden' },
  NOT_FOUND: { status: 404, code: 'not_found' },
  METHOD_NOT_ALLOWED: { status: 405, code: 'method_not_allowed' },
  CONFLICT: { status: 409, code: 'conflict' },
  RATE_LIMITED: { status: 429, code: 'rate_limited' },
  INTERNAL: { status: 500, code: 'internal_error' },
  DATABASE_UNAVAILABLE: { status: 503, code: 'database_unavailable' },
  RATE_LIMITER_UNAVAILABLE: { status: 503, code: 'rate_limiter_unavailable' },
  EMBEDDER_UNAVAILABLE: { status: 503, code: 'embedder_unavailable' },
  GENERATOR_UNAVAILABLE: { status: 503, code: 'generator_unavailable' },
  VECTOR_STORE_UNAVAILABLE: { status: 503, code: 'vector_store_unavailable' },
  INDEX_NOT_READY: { status: 503, code: 'index_not_ready' },
  INDEX_EMBEDDER_MISMATCH: { status: 503, code: 'index_embedder_mismatch' },
  UPSTREAM_TIMEOUT: { status: 504, code: 'upstream_timeout' },
  // Account extras
  EMAIL_NOT_VERIFIED: { status: 403, code: 'email_not_verified' },
  INVALID_TOKEN: { status: 400, code: 'invalid_token' },
  INVALID_PASSWORD: { status: 401, code: 'invalid_password' },
  INVALID_TWO_FACTOR_CODE: { status: 401, code: 'invalid_two_factor_code' },
  TWO_FACTOR_NOT_PENDING: { status: 401, code: 'two_factor_not_pending' },
  TWO_FACTOR_ALREADY_ENABLED: { status: 409, code: 'two_factor_already_enabled' },
  TWO_FACTOR_NOT_ENABLED: { status: 409, code: 'two_factor_not_enabled' },
  MAIL_UNAVAILABLE: { status: 503, code: 'mail_unavailable' },
} as const;

export type ErrorKey = keyof typeof ERROR_CATALOGUE;
export type ErrorCode = (typeof ERROR_CATALOGUE)[ErrorKey]['code'];

/** Every code, for a schema's enum or a test that walks them all. */
export const ERROR_CODES = Object.values(ERROR_CATALOGUE).map((entry) => entry.code) as [
  ErrorCode,
  ...ErrorCode[],
];
