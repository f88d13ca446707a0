import { mkdirSync } from 'node:fs';
import lockfile from 'proper-lockfile';

/**
 * Two processes on one PGlite directory silently lose data, so whoever opens an embedded store
 * first owns it and everyone else fails at once with a message that says what to do.
 */
export async function lockDirectory(dir: string, what: string): Promise<() => Promise<void>> {
  mkdirSync(dir, { recursive: true });
  try {
    return await lockfile.lock(dir, { stale: 10_000, update: 2_000, realpath: false, retries: 0 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ELOCKED') {
      throw new DirectoryLockedError(
        `${what} at ${dir} is in use by another process (a running BFF, ingest or migrate). ` +
          'Stop it first, or point DATA_DIR somewhere else.',
      );
    }
    throw err;
  }
}

export class DirectoryLockedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DirectoryLockedError';
  }
}
