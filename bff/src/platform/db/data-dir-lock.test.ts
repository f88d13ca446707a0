import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { lockDirectory } from './data-dir-lock.js';
import { processIdentity } from './process-identity.js';

const dirs: string[] = [];
function store(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ta-lock-unit-'));
  dirs.push(dir);
  return join(dir, 'db');
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('embedded store lock and pid reuse', () => {
  it('when the lock names this pid with another start time (a restarted container reusing pid 17), then it is stale and taken', async () => {
    const dir = store();
    const me = processIdentity(process.pid);
    expect(me.startTime).not.toBeNull();
    // What the previous container's BFF left behind when it was killed: same pid, earlier start.
    writeFileSync(`${dir}.lock`, JSON.stringify({ ...me, startTime: String(Number(me.startTime) - 1) }));
    const release = await lockDirectory(dir, 'test store');
    expect(JSON.parse(readFileSync(`${dir}.lock`, 'utf8'))).toMatchObject(me);
    await release();
    expect(existsSync(`${dir}.lock`)).toBe(false);
  });

  it('when the lock names this pid and start time but another boot, then it is stale and taken', async () => {
    const dir = store();
    const me = processIdentity(process.pid);
    writeFileSync(`${dir}.lock`, JSON.stringify({ ...me, bootId: 'a-boot-before-the-reboot' }));
    const release = await lockDirectory(dir, 'test store');
    await release();
  });

  it('when the lock names another live process by its real identity, then opening fails naming its pid', async () => {
    const dir = store();
    const other = spawn('sleep', ['30'], { stdio: 'ignore' });
    try {
      await new Promise((ok) => other.once('spawn', ok));
      writeFileSync(`${dir}.lock`, JSON.stringify(processIdentity(other.pid!)));
      await expect(lockDirectory(dir, 'test store')).rejects.toThrow(`pid ${other.pid}`);
    } finally {
      other.kill('SIGKILL');
    }
  });

  it('when this process holds the lock, then a second opener in it is refused too (one owner per directory)', async () => {
    const dir = store();
    const release = await lockDirectory(dir, 'test store');
    await expect(lockDirectory(dir, 'test store')).rejects.toThrow(/in use by another process/);
    await release();
  });

  it('when a lock from before start times were recorded names a live pid, then it is still honoured', async () => {
    const dir = store();
    writeFileSync(`${dir}.lock`, JSON.stringify({ pid: process.pid }));
    await expect(lockDirectory(dir, 'test store')).rejects.toThrow(/in use/);
  });
});
