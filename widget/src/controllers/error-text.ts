import { ApiError } from '../api/api-error.js';

const DEPENDENCIES: Record<string, string> = {
  database: 'account database',
  vector: 'search index',
  qdrant: 'search index',
  index: 'search index',
  cohere: 'language model',
  generator: 'language model',
  embed: 'search index',
};

/** Names the dependency behind a 503 from its error code (e.g. `vector_store_unavailable`). */
export function dependencyName(code: string): string {
  const key = Object.keys(DEPENDENCIES).find((k) => code.toLowerCase().includes(k));
  return key ? DEPENDENCIES[key]! : 'service';
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
