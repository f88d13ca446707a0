import { join } from 'node:path';
import { PGlite, type Extensions } from '@electric-sql/pglite';
import { lockDirectory } from './data-dir-lock.js';

export interface OpenPGlite {
  pg: PGlite;
  close(): Promise<void>;
}

/** Opens (creating on first use) an embedded PostgreSQL under dataDir/name, holding its lock. */
export async function openPGlite(
  dataDir: string,
  name: string,
  extensions?: Extensions,
): Promise<OpenPGlite> {
  const dir = join(dataDir, name);
  const unlock = await lockDirectory(dir, `The embedded database "${name}"`);
  try {
    const pg = await PGlite.create({ dataDir: dir, extensions });
    return {
      pg,
      async close() {
        try {
          await pg.close();
        } finally {
          await unlock();
        }
      },
    };
  } catch (err) {
    await unlock();
    throw err;
  }
}
