import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { repoRoot } from './env.js';

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

export interface ChildBff {
  baseUrl: string;
  pid: number;
  /** From spawn to the first 200 on the ready path (/readyz: every dependency up, the index loaded), in ms. */
  readyMs: number;
  stop(): Promise<void>;
}

export interface ChildBffOptions {
  /** Flags for node itself (`--cpu-prof`), before the entry. */
  nodeArgs?: string[];
  /** Polled until it answers 200: /readyz by default; /healthz for a BFF with no book ingested. */
  readyPath?: string;
}

/**
 * Starts a BFF entry file as its own process and waits for /readyz: a .ts entry as
 * `node --import tsx <entry>` (tsx's loader in the same process, so the pid sampled is the
 * server's, not a tsx wrapper's), a .js entry (the production build) with plain `node`.
 */
export async function startChildBff(
  entry: string,
  env: Record<string, string>,
  options: ChildBffOptions = {},
): Promise<ChildBff> {
  const port = await freePort();
  const readyPath = options.readyPath ?? '/readyz';
  const args = [
    ...(options.nodeArgs ?? []),
    ...(entry.endsWith('.ts') ? ['--import', 'tsx', entry] : [entry]),
  ];
  const started = performance.now();
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: repoRoot,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${entry} exited with ${child.exitCode} before listening`);
    try {
      const res = await fetch(`${baseUrl}${readyPath}`);
      await res.arrayBuffer();
      if (res.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${entry} did not answer ${readyPath} with 200 within 120 s`);
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  return {
    baseUrl,
    pid: child.pid!,
    readyMs: performance.now() - started,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/**
 * The node flags of the production start, `pnpm start:prod` in the root package.json (the image
 * sets the same as NODE_OPTIONS): what a benchmark of the production build must run with.
 */
export function productionNodeFlags(): string[] {
  const pkg = JSON.parse(readFileSync(`${repoRoot}/package.json`, 'utf8')) as {
    scripts: Record<string, string>;
  };
  const [node, ...rest] = pkg.scripts['start:prod']!.trim().split(/\s+/);
  if (node !== 'node') throw new Error(`start:prod does not start with node: ${pkg.scripts['start:prod']}`);
  return rest.slice(0, -1).filter((arg) => arg.startsWith('--'));
}

/** Resident set size of a process, in MB (VmRSS from /proc/<pid>/status). */
export function rssMb(pid: number, field: 'VmRSS' | 'VmHWM' = 'VmRSS'): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
  return kb / 1024;
}

/** Samples RSS every `everyMs` (and once at the start) until stopped. */
export function sampleRss(pid: number, everyMs = 200): { stop(): number[] } {
  const samples: number[] = [rssMb(pid)];
  const timer = setInterval(() => {
    try {
      samples.push(rssMb(pid));
    } catch {
      /* process gone */
    }
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      try {
        samples.push(rssMb(pid));
      } catch {
        /* process gone */
      }
      return samples;
    },
  };
}

/** USER_HZ, the unit of /proc/<pid>/stat's times (Node has no API for it; 100 on common Linux). */
const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** CPU time a process has used so far (user + system, /proc/<pid>/stat), in ms. */
export function cpuMs(pid: number): number {
  // The fields after the command name, which is in parentheses and may itself contain spaces.
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ').pop()!.split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime: fields 14 and 15 of stat
  return (ticks * 1000) / CLOCK_TICKS;
}
