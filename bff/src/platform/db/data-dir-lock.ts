import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { processIdentity, type ProcessIdentity } from './process-identity.js';

/**
 * Two processes on one PGlite directory silently lose data, so whoever opens an embedded store
 * first owns it and everyone else fails at once with a message that says what to do.
 *
 * The lock is a file naming its owner, created exclusively. It is not a heartbeat lock (like
 * proper-lockfile's): PGlite's WASM blocks the event loop for many seconds on first open, which made
 * a heartbeat look stale and let a second process in. A lock whose owner is gone is stale, and the
 * owner is a pid *with its start time and boot id*: a restarted container runs the BFF under the same
 * pid again (17, say), and that process must not mistake its predecessor's lock for a live one.
 */
export async function lockDirectory(dir: string, what: string): Promise<() => Promise<void>> {
  mkdirSync(dir, { recursive: true });
  const file = `${dir}.lock`;
  const self = processIdentity(process.pid);
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const fd = openSync(file, 'wx', 0o600);
      writeSync(fd, JSON.stringify({ ...self, since: new Date().toISOString() }));
      closeSync(fd);
      const release = () => {
        if (sameProcess(ownerOf(file), self)) rmSync(file, { force: true });
      };
      process.once('exit', release);
      return async () => {
        process.removeListener('exit', release);
        release();
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const owner = ownerOf(file);
      if (owner !== null && isRunning(owner)) {
        throw new DirectoryLockedError(
          `${what} at ${dir} is in use by another process (pid ${owner.pid}: a running BFF, ingest or migrate). ` +
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

function ownerOf(file: string): ProcessIdentity | null {
  try {
    const { pid, bootId, startTime } = JSON.parse(readFileSync(file, 'utf8')) as Partial<ProcessIdentity>;
    if (typeof pid !== 'number') return null;
    return {
      pid,
      bootId: typeof bootId === 'string' ? bootId : null,
      startTime: typeof startTime === 'string' ? startTime : null,
    };
  } catch {
    return null;
  }
}

function sameProcess(a: ProcessIdentity | null, b: ProcessIdentity): boolean {
  return a !== null && a.pid === b.pid && a.bootId === b.bootId && a.startTime === b.startTime;
}

/** The recorded owner still runs: its pid is alive and, where the system tells, it is the same process. */
function isRunning(owner: ProcessIdentity): boolean {
  try {
    process.kill(owner.pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const now = processIdentity(owner.pid);
  // Where /proc is missing (macOS), a live pid is all we know: treat it as the owner.
  if (owner.bootId && now.bootId && owner.bootId !== now.bootId) return false;
  if (owner.startTime && now.startTime && owner.startTime !== now.startTime) return false;
  return true;
}

export class DirectoryLockedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DirectoryLockedError';
  }
}
