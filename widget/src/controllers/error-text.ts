import { ApiError, type ApiErrorCode } from '../api/api-error.js';

/** The dependency each 503 code names (the contract's error codes, matched exactly). */
const DEPENDENCIES: Partial<Record<ApiErrorCode, string>> = {
  database_unavailable: 'account database',
  vector_store_unavailable: 'search index',
  index_not_ready: 'search index',
  index_embedder_mismatch: 'search index',
  embedder_unavailable: 'search index',
  generator_unavailable: 'language model',
  mail_unavailable: 'mail service',
};

/** Names the dependency behind a 503 from its error code (e.g. `vector_store_unavailable`). */
export function dependencyName(code: ApiErrorCode): string {
  return DEPENDENCIES[code] ?? 'service';
}

/** A reader-facing sentence for any failure. */
export function describeError(err: unknown): string {
  if (!(err instanceof ApiError)) return 'Something went wrong. Please try again.';
  if (err.code === 'offline') return 'You appear to be offline. Check your connection and try again.';
  if (err.status === 0) return `${err.message} Check your connection and try again.`;
  if (err.status === 429) {
    const wait = err.retryAfter;
    return wait
      ? `Too many requests. Please wait ${formatWait(wait)} and try again.`
      : 'Too many requests. Please wait a moment and try again.';
  }
  if (err.status === 503)
    return `The assistant's ${dependencyName(err.code)} is unavailable right now. Please try again shortly.`;
  if (err.status >= 500) return 'The assistant ran into a problem. Please try again.';
  return err.message;
}

export function formatWait(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}
