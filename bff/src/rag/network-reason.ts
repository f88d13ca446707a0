/**
 * "connection refused", "connection closed", … from a fetch error's cause chain, for messages that
 * say what went wrong without echoing URLs, headers or bodies.
 */
export function networkReason(error: unknown): string {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (code === 'ECONNREFUSED') return 'connection refused';
    if (
      code === 'ECONNRESET' ||
      code === 'UND_ERR_SOCKET' ||
      e.message === 'terminated' ||
      e.message === 'other side closed'
    ) {
      return 'connection closed';
    }
    if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'host not found';
  }
  return 'network error';
}
