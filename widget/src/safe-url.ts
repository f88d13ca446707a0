const SAFE_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);

/** True for http(s), mailto and relative URLs; false for javascript:, data:, vbscript: and the like. */
export function isSafeUrl(url: string): boolean {
  try {
    return SAFE_PROTOCOLS.has(new URL(url, document.baseURI).protocol);
  } catch {
    return false;
  }
}
