import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import bcrypt from 'bcrypt';
import pg from 'pg';
import { betterAuth } from 'better-auth';
import { toNodeHandler } from 'better-auth/node';
import { getMigrations } from 'better-auth/db/migration';
import { createEmptyPostgresDatabase } from '../../bff/test/support/databases.js';
import { BENCH_SECRET, ORIGIN } from './bff.js';

export type BetterAuthHashing = 'bcrypt-12' | 'scrypt';

export interface RunningBetterAuth {
  baseUrl: string;
  hashing: BetterAuthHashing;
  close(): Promise<void>;
}

/**
 * A minimal Better Auth server (email + password) on its own fresh PostgreSQL database, migrated
 * programmatically with its Kysely migrator. Its rate limiter is off, like ours is raised.
 * Hashing: its default scrypt (N=16384, r=16, p=1, node:crypto on libuv's thread pool), or
 * bcrypt cost 12 through its emailAndPassword.password hash / verify hooks, as ours uses.
 */
export async function startBetterAuth(hashing: BetterAuthHashing): Promise<RunningBetterAuth> {
  const database = await createEmptyPostgresDatabase();
  const pool = new pg.Pool({ connectionString: database.url, max: 10 });
  let baseUrl = 'http://127.0.0.1';
  const auth = betterAuth({
    database: pool,
    secret: BENCH_SECRET,
    baseURL: 'http://127.0.0.1',
    trustedOrigins: [ORIGIN],
    telemetry: { enabled: false },
    rateLimit: { enabled: false },
    logger: { level: 'error' },
    emailAndPassword: {
      enabled: true,
      autoSignIn: true,
      ...(hashing === 'bcrypt-12'
        ? {
            password: {
              hash: (password: string) => bcrypt.hash(password, 12),
              verify: ({ hash, password }: { hash: string; password: string }) =>
                bcrypt.compare(password, hash),
            },
          }
        : {}),
    },
  });
  const { runMigrations } = await getMigrations(auth.options);
  await runMigrations();

  const server: Server = createServer(toNodeHandler(auth));
  server.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  baseUrl = `http://127.0.0.1:${port}`;
  return {
    baseUrl,
    hashing,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await pool.end();
      await database.drop();
    },
  };
}

export const BA_PASSWORD = 'Robots4ever!';

export function baSignup(email: string): string {
  return JSON.stringify({ email, password: BA_PASSWORD, name: 'Bench Reader' });
}
