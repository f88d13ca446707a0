import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

const REPO = resolve(import.meta.dirname, '../../../..');

export interface BffProcess {
  child: ChildProcess;
  baseUrl: string;
  output(): string;
  /** Resolves with the exit code or signal once the process is gone. */
  exited: Promise<number | string | null>;
}

/** How to start it: from source by default, or a production layout's `node dist/main.js`. */
export interface BffCommand {
  cwd: string;
  args: string[];
}

/**
 * `pnpm start` as a real process: node with tsx's loader in-process (not the tsx CLI, which would
 * put a wrapper process between us and the server and survive a SIGKILL of the wrapper).
 */
export const FROM_SOURCE: BffCommand = { cwd: REPO, args: ['--import', 'tsx', 'bff/src/main.ts'] };

/** `node dist/main.js` in a layout built by deploy/assemble.sh. */
export const fromLayout = (dir: string): BffCommand => ({ cwd: dir, args: ['dist/main.js'] });

export async function startBffProcess(
  port: number,
  env: Record<string, string>,
  command: BffCommand = FROM_SOURCE,
): Promise<BffProcess> {
  const child = spawn(process.execPath, command.args, {
    cwd: command.cwd,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PUBLIC_APP_URL: 'https://book.example.org',
      HOST: '127.0.0.1',
      PORT: String(port),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | string | null>((done) =>
    child.once('exit', (code, signal) => done(signal ?? code)),
  );
  await new Promise<void>((ready, fail) => {
    const timer = setTimeout(() => fail(new Error(`BFF did not start in 90 s:\n${out}`)), 90_000);
    const check = () => {
      if (out.includes('listening on')) {
        clearTimeout(timer);
        ready();
      }
    };
    child.stdout!.on('data', check);
    void exited.then((code) => {
      clearTimeout(timer);
      fail(new Error(`BFF exited (${code}) before listening:\n${out}`));
    });
  });
  return { child, baseUrl: `http://127.0.0.1:${port}`, output: () => out, exited };
}
