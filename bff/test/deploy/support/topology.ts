import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { freePort } from '../../support/free-port.js';
import { startBffProcess, type BffProcess } from '../../resilience/support/bff-process.js';
import { startNginx, type Nginx } from './nginx.js';

// Only node built-ins and command-line tools (psql, redis-cli, nginx, node) here: the Playwright
// suite in e2e/proxy starts the same topology as bff/test/deploy.

const run = promisify(execFile);
const REPO = resolve(import.meta.dirname, '../../../..');
const ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/0';

export interface TopologyOptions {
  /** A directory holding the compiled BFF in dist/: a deploy/assemble.sh layout, or bff/ after `pnpm build`. */
  appDir: string;
  /** How many BFF processes nginx balances over (round robin, the template's default). */
  instances: number;
  tls: { cert: string; key: string };
  /** The static site nginx serves at /, made once the origin is known (pages name it). */
  site: (origin: string) => Promise<string>;
  /** The book to ingest (into PostgreSQL, which every instance reads); citations link to the origin. */
  bookDir?: string;
  /** Extra BFF settings, the same on every instance. */
  env?: Record<string, string>;
}

export interface Instance {
  /** 127.0.0.1:port, as nginx's access log names the upstream that answered. */
  address: string;
  bff: BffProcess;
}

export interface Topology {
  /** https://localhost:<port>: nginx, the only address a reader uses. */
  origin: string;
  nginx: Nginx;
  instances: Instance[];
  databaseUrl: string;
  /** Every Redis key the instances write starts with this. */
  redisPrefix: string;
  stop(): Promise<void>;
}

/**
 * The recommended production topology on loopback ports: real nginx rendered from deploy/nginx.conf
 * (TLS with a test certificate, the site at /, /api/ and /widget/ proxied) in front of `instances`
 * compiled BFFs (`node dist/main.js`, NODE_ENV=production) sharing one fresh PostgreSQL database and
 * one Redis key prefix, configured as docs/deployment.md says (TRUST_PROXY, COOKIE_SECURE=auto).
 * On any failure, and in stop(), everything started is stopped and removed.
 */
export async function startTopology(options: TopologyOptions): Promise<Topology> {
  const cleanups: (() => Promise<unknown>)[] = [];
  const stop = async () => {
    const errors: unknown[] = [];
    for (const cleanup of cleanups.reverse()) await cleanup().catch((err: unknown) => errors.push(err));
    cleanups.length = 0;
    if (errors.length) throw new AggregateError(errors, 'topology teardown');
  };
  try {
    return await start(options, cleanups, stop);
  } catch (err) {
    await stop().catch(() => undefined);
    throw err;
  }
}

async function start(
  options: TopologyOptions,
  cleanups: (() => Promise<unknown>)[],
  stop: () => Promise<void>,
): Promise<Topology> {
  const ports = { https: await freePort(), http: await freePort() };
  const origin = `https://localhost:${ports.https}`;
  const work = await mkdtemp(join(tmpdir(), 'ta-topology-'));
  await chmod(work, 0o755);
  cleanups.push(() => rm(work, { recursive: true, force: true }));

  const name = `ta_proxy_${randomBytes(6).toString('hex')}`;
  await psql(ADMIN_URL, `CREATE DATABASE ${name}`);
  cleanups.push(() => psql(ADMIN_URL, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  const databaseUrl = ADMIN_URL.replace(/\/[^/]*$/, `/${name}`);
  const redisPrefix = `ta-proxy-${randomBytes(6).toString('hex')}:`;
  cleanups.push(() => dropRedisKeys(redisPrefix));

  const common: Record<string, string> = {
    NODE_ENV: 'production',
    BETTER_AUTH_SECRET: randomBytes(32).toString('base64url'),
    DATABASE_URL: databaseUrl,
    REDIS_URL: `${REDIS_URL}?keyPrefix=${encodeURIComponent(redisPrefix)}`,
    TRUST_PROXY: 'true',
    TRUST_PROXY_HOPS: '1',
    COOKIE_SECURE: 'auto',
    CORS_ORIGINS: origin,
    PUBLIC_APP_URL: origin,
    LOG_LEVEL: 'info',
    BCRYPT_COST: '10',
    ...options.env,
  };
  const node = (args: string[], dataDir: string) =>
    run(process.execPath, args, {
      cwd: options.appDir,
      env: { ...process.env, ...common, DATA_DIR: dataDir },
      maxBuffer: 16 * 1024 * 1024,
    });
  await node(['dist/migrate.js'], join(work, 'migrate'));
  await node(
    ['dist/ingest.js', options.bookDir ?? join(REPO, 'examples/textbook'), '--base-url', `${origin}/`],
    join(work, 'ingest'),
  );

  const instances: Instance[] = [];
  const killAll = () => {
    for (const { bff } of instances) if (bff.child.exitCode === null) bff.child.kill('SIGKILL');
  };
  // If the runner dies without its teardown, no BFF outlives it.
  process.once('exit', killAll);
  cleanups.push(async () => {
    process.off('exit', killAll);
    await Promise.all(instances.map(({ bff }) => stopBff(bff)));
  });
  const started = await Promise.all(
    Array.from({ length: options.instances }, async (_, i) => {
      const port = await freePort();
      const bff = await startBffProcess(
        port,
        { ...common, DATA_DIR: join(work, `bff-${i}`) },
        { cwd: options.appDir, args: ['dist/main.js'] },
      );
      return { address: `127.0.0.1:${port}`, bff };
    }),
  );
  instances.push(...started);

  const siteRoot = await options.site(origin);
  const nginx = await startNginx({
    siteRoot,
    bffAddresses: instances.map((i) => i.address),
    tls: options.tls,
    ports,
  });
  cleanups.push(() => nginx.stop());
  return { origin, nginx, instances, databaseUrl, redisPrefix, stop };
}

async function stopBff(bff: BffProcess): Promise<void> {
  if (bff.child.exitCode !== null || bff.child.signalCode !== null) return;
  bff.child.kill('SIGTERM');
  const done = await Promise.race([bff.exited.then(() => true), sleep(10_000).then(() => false)]);
  if (!done) bff.child.kill('SIGKILL');
  await bff.exited;
}

async function psql(url: string, sql: string): Promise<void> {
  await run('psql', [url, '-v', 'ON_ERROR_STOP=1', '-q', '-c', sql]);
}

async function dropRedisKeys(prefix: string): Promise<void> {
  const { stdout } = await run('redis-cli', ['-u', REDIS_URL, '--scan', '--pattern', `${prefix}*`]);
  const keys = stdout.split('\n').filter(Boolean);
  for (let i = 0; i < keys.length; i += 500)
    await run('redis-cli', ['-u', REDIS_URL, 'DEL', ...keys.slice(i, i + 500)]);
}
