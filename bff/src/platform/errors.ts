import {
  ERROR_CATALOGUE,
  type ErrorCode,
  type ErrorDetail,
  type ErrorKey,
} from '@textbook-assistant/contract';

/**
 * One way to fail: every error a client sees is an AppError with a status, a code from
 * the contract's catalogue (contract/src/error-codes.ts), a message safe to show and optional field details.
 * Configuration mistakes are a ConfigError instead: they stop the process at start.
 */
export class AppError extends Error {
  readonly status: number;
  readonly code: ErrorCode;
  readonly details?: ErrorDetail[];
  readonly headers?: Record<string, string>;
  /** Only AppErrors reach the client with their message; anything else is a generic 500. */
  readonly expose = true;

  constructor(
    key: ErrorKey,
    message: string,
    options: { details?: ErrorDetail[]; headers?: Record<string, string>; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'AppError';
    this.status = ERROR_CATALOGUE[key].status;
    this.code = ERROR_CATALOGUE[key].code;
    this.details = options.details;
    this.headers = options.headers;
  }
}

/** A configuration mistake: the process prints one line naming the variable and exits. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}
