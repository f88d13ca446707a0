import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';

/**
 * Two processes on one PGlite directory silently lose data, so whoever opens an embedded store
 * first owns it and everyone else fails at once with a message that says what to do.
 *
 * The lock is a file holding the owner's pid, created exclusively. It is not a heartbeat lock
 * (like proper-lockfile's): PGlite's WASM blocks the event loop for many seconds on first open,
 * which made a heartbeat look stale and let a second process in. A lock whose pid is gone is stale.
 */
export async function lockDirectory(dir: string, what: string): Promise<() => Promise<void>> {
  mkdirSync(dir, { recursive: true });
  const file = `${dir}.lock`;
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const fd = openSync(file, 'wx', 0o600);
      writeSync(fd, JSON.stringify({ pid: process.pid, since: new Date().toISOString() }));
      closeSync(fd);
      const release = () => {
        if (ownerOf(file) === process.pid) rmSync(file, { force: true });
      };
      process.once('exit', release);
      return async () => {
        process.removeListener('exit', release);
        release();
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const owner = ownerOf(file);
      if (owner !== null && isAlive(owner)) {
        throw new DirectoryLockedError(
          `${what} at ${dir} is in use by another process (pid ${owner}: a running BFF, ingest or migrate). ` +
            'Stop it first, or point DATA_DIR somewhere else.',
        );
      }
      rmSync(file, { recursive: true, force: true }); // its owner is gone: stale
    }
  }
  throw new DirectoryLockedError(
    `${what} at ${dir} is being locked by another process right now; try again.`,
  );
}

function ownerOf(file: string): number | null {
  try {
    const pid = (JSON.parse(readFileSync(file, 'utf8')) as { pid?: unknown }).pid;
    return typeof pid === 'number' ? pid : null;
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export class DirectoryLockedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DirectoryLockedError';
  }
}
