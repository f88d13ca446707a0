import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { repoDir } from './paths.js';

/** Where the journeys' servers are: written to process.env by global setup, read by the workers. */
export interface JourneyEnv {
  /** The real BFF (embedded default, sample book ingested). */
  bffUrl: string;
  /** e2e/pages and the widget build, on an origin in the BFF's CORS_ORIGINS. */
  pagesUrl: string;
  /** The Docusaurus example's build, on an origin in CORS_ORIGINS; citations link there. */
  docusaurusUrl: string;
  /** The demo host page (examples/demo), served by `pnpm demo` itself. */
  demoUrl: string;
  /** A temp dir holding only the widget's IIFE and a page that loads it, on an origin in CORS_ORIGINS. */
  scriptOnlyUrl: string;
  /** The child process's output, for diagnosing a BFF that did not start. */
  logFile: string;
}

const ENV_KEY = 'TA_E2E_JOURNEYS';
const EXIT_MARKER = '[the BFF process exited with]';

export function publishJourneyEnv(env: JourneyEnv): void {
  process.env[ENV_KEY] = JSON.stringify(env);
}

export function journeyEnv(): JourneyEnv {
  const raw = process.env[ENV_KEY];
  if (!raw)
    throw new Error(
      `${ENV_KEY} is not set: the journeys need e2e/global-setup.ts (run through playwright.config.ts).`,
    );
  return JSON.parse(raw) as JourneyEnv;
}

/** A port that was free a moment ago (the servers are started right after, on localhost). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as { port: number };
  await new Promise((ok) => server.close(ok));
  return port;
}

export interface RealBff {
  url: string;
  dataDir: string;
  logFile: string;
  stop(): Promise<void>;
}

/**
 * Starts `bff/scripts/demo.ts` (ingest the sample book, then the BFF and the demo page) with a fresh
 * DATA_DIR, without waiting for it: the ingest (30–80 s on a loaded 2-core machine) overlaps the
 * mocked component specs, and journeys wait with waitUntilReady().
 */
export async function startRealBff(options: {
  port: number;
  demoPort: number;
  /** Where the book's pages are served (the ingest's base URL, so citations link there). */
  bookUrl: string;
  corsOrigins: string[];
  env?: Record<string, string>;
}): Promise<RealBff> {
  const dataDir = await mkdtemp(join(tmpdir(), 'ta-e2e-data-'));
  const logFile = join(dataDir, 'bff.log');
  const log = createWriteStream(logFile);
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'bff/scripts/demo.ts'], {
    cwd: repoDir,
    detached: true, // its own process group, so stop() ends exactly it and its children
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      NODE_ENV: 'development',
      DATA_DIR: dataDir,
      PORT: String(options.port),
      DEMO_PORT: String(options.demoPort),
      DEMO_BOOK_URL: options.bookUrl,
      CORS_ORIGINS: options.corsOrigins.join(','),
      RATE_LIMIT_QUERY: '1000/minute',
      RATE_LIMIT_SIGNUP: '1000/minute',
      RATE_LIMIT_SIGNIN: '1000/minute',
      BCRYPT_COST: '10', // the lowest the config allows: sign-ups are not what these specs measure
      ...options.env,
    },
  });
  child.stdout!.pipe(log, { end: false });
  child.stderr!.pipe(log, { end: false });
  // If the runner dies without its teardown, the detached BFF must not outlive it.
  const killOnExit = () => child.pid && child.exitCode === null && process.kill(-child.pid, 'SIGKILL');
  process.once('exit', killOnExit);
  const exited = new Promise<void>((ok) =>
    child.once('exit', (code, signal) => {
      // waitUntilReady() in the workers reads this marker instead of waiting for its timeout.
      log.write(`\n${EXIT_MARKER} ${code ?? signal}\n`);
      ok();
    }),
  );

  return {
    url: `http://localhost:${options.port}`,
    dataDir,
    logFile,
    async stop() {
      if (child.exitCode === null && child.pid) {
        process.kill(-child.pid, 'SIGTERM');
        const killed = await Promise.race([exited.then(() => true), sleep(10_000).then(() => false)]);
        if (!killed) process.kill(-child.pid, 'SIGKILL');
        await exited;
      }
      process.off('exit', killOnExit);
      await new Promise((ok) => log.end(ok));
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Polls GET /readyz until every dependency is up; fails with the BFF's own output otherwise. */
export async function waitUntilReady(bffUrl: string, logFile: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`${bffUrl}/readyz`);
      if (res.ok) return;
      last = `${res.status} ${await res.text()}`;
    } catch (err) {
      last = (err as Error).message;
    }
    const output = await readFile(logFile, 'utf8').catch(() => '');
    if (output.includes(EXIT_MARKER)) throw new Error(`The real BFF stopped before it was ready:\n${output}`);
    await sleep(500);
  }
  const output = await readFile(logFile, 'utf8').catch(() => '');
  throw new Error(`The real BFF was not ready after ${timeoutMs / 1000} s (${last}). Its output:\n${output}`);
}
