import { CohereError, CohereTimeoutError } from 'cohere-ai';
import { AppError } from '../platform/errors.js';
import { networkReason } from './network-reason.js';

/** Retries only on 408/429/5xx (the client's rule), once, so an outage never becomes a retry storm. */
export const COHERE_MAX_RETRIES = 1;

export type CohereFailureKey = 'EMBEDDER_UNAVAILABLE' | 'GENERATOR_UNAVAILABLE';

/**
 * Turns whatever the Cohere client threw into the AppError the API reports. Messages name the
 * failure, never the key or the upstream body (which may quote the request).
 */
export function cohereFailure(
  error: unknown,
  key: CohereFailureKey,
  timeoutMs: number,
  options: { timedOut?: boolean } = {},
): AppError {
  if (error instanceof AppError) return error;
  if (options.timedOut || isClientTimeout(error)) {
    return new AppError('UPSTREAM_TIMEOUT', `Cohere did not answer within ${timeoutMs} ms`, { cause: error });
  }
  const what = key === 'EMBEDDER_UNAVAILABLE' ? 'Cohere embed' : 'Cohere chat';
  if (error instanceof CohereError && error.statusCode !== undefined) {
    const status = error.statusCode;
    if (status === 401 || status === 403 || status === 498) {
      return new AppError(key, `${what} rejected the API key (status ${status}); check COHERE_API_KEY`, {
        cause: error,
      });
    }
    if (status === 429)
      return new AppError(key, `${what} is rate limiting this key (status 429)`, { cause: error });
    if (status === 404)
      return new AppError(key, `${what} does not know the configured model (status 404)`, { cause: error });
    if (status >= 500)
      return new AppError(key, `${what} is unavailable (status ${status})`, { cause: error });
    return new AppError(key, `${what} refused the request (status ${status})`, { cause: error });
  }
  return new AppError(key, `${what} is unreachable (${networkReason(error)})`, { cause: error });
}

/**
 * cohere-ai 8.1 aborts a timed-out fetch with the string "timeout" as the reason, so fetch rejects
 * with that string and the client reports a CohereError whose cause is "timeout" rather than its
 * own CohereTimeoutError. Both are recognised.
 */
function isClientTimeout(error: unknown): boolean {
  if (error instanceof CohereTimeoutError) return true;
  return error instanceof CohereError && error.statusCode === undefined && error.cause === 'timeout';
}
