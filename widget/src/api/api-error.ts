import type { ErrorBody, ErrorCode, ErrorDetail } from '../types.js';

/** Failures the widget names itself, when no error body from the BFF says what happened. */
export type ClientErrorCode = 'offline' | 'network_error' | 'stream_interrupted' | `http_${number}`;
export type ApiErrorCode = ErrorCode | ClientErrorCode;

/** `status` 0 means the request never got an HTTP answer (offline, DNS, CORS, aborted stream). */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
    readonly details: ErrorDetail[] = [],
    /** Seconds, from `Retry-After` on a 429. */
    readonly retryAfter?: number,
  ) {
    super(message);
  }

  static async fromResponse(res: Response): Promise<ApiError> {
    let body: Partial<ErrorBody> = {};
    try {
      body = (await res.json()) as Partial<ErrorBody>;
    } catch {
      // Not JSON (a proxy's HTML page, say): fall back to the status text.
    }
    const err = body.error;
    return new ApiError(
      res.status,
      err?.code ?? (`http_${res.status}` as const),
      err?.message ?? (res.statusText || `Request failed (${res.status})`),
      Array.isArray(err?.details) ? err.details : [],
      parseRetryAfter(res.headers.get('Retry-After')),
    );
  }

  static network(): ApiError {
    const offline = typeof navigator !== 'undefined' && navigator.onLine === false;
    return new ApiError(
      0,
      offline ? 'offline' : 'network_error',
      offline ? 'You appear to be offline.' : 'Could not reach the assistant.',
    );
  }
}

/** Retry-After is either delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | null): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}
