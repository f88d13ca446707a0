import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import type { SourceFile } from '../types.js';

/**
 * Bump when parsing or chunking gives different chunks for the same bytes, so that the next
 * ingest re-parses every file instead of trusting the file manifest.
 */
export const INGEST_FORMAT = 1;

/** A file whose mtime is this close to the moment it was recorded may still change within it. */
const RACY_MS = 2_000;

export type SourceCheck =
  { state: 'unchanged'; record?: SourceFile } | { state: 'changed'; source: string; record: SourceFile };

/**
 * Whether a file changed since the last ingest: same size and mtime as recorded → unchanged without
 * reading it; otherwise the bytes are read and hashed, and only a different hash means changed.
 * A changed (or new) file comes back with its text, so it is read once.
 */
export async function checkSource(
  file: string,
  sourcePath: string,
  known: SourceFile | undefined,
): Promise<SourceCheck> {
  const info = await stat(file);
  if (known && known.size === info.size && known.mtime_ms === info.mtimeMs) return { state: 'unchanged' };
  const bytes = await readFile(file);
  const record: SourceFile = {
    source_path: sourcePath,
    size: info.size,
    mtime_ms: recordableMtime(info.mtimeMs),
    sha256: createHash('sha256').update(bytes).digest('hex'),
  };
  if (known && known.sha256 === record.sha256) return { state: 'unchanged', record };
  return { state: 'changed', source: bytes.toString('utf8'), record };
}

/**
 * A file written in the last moments may be written again within the same mtime tick; recording
 * an impossible mtime for it makes the next ingest hash it instead of trusting size and mtime.
 */
function recordableMtime(mtimeMs: number): number {
  return Date.now() - mtimeMs < RACY_MS ? -1 : mtimeMs;
}

/** Everything besides a file's bytes that shapes its chunks; a change re-parses every file. */
export function ingestSettings(baseUrl: string, chunking: object | undefined): string {
  return JSON.stringify({ format: INGEST_FORMAT, baseUrl, chunking: chunking ?? {} });
}
