import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { ApiClient, aSignup } from '../support/client.js';
import { freePort } from './support/own-postgres.js';

// The shared rate-limit store (REDIS_URL) goes away and comes back. Rate-limited routes fail
// closed with 503 rate_limiter_unavailable and Retry-After (not a 500, not unlimited), quickly;
// routes without a limit keep working; the BFF reconnects by itself.

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  await new Promise<void>((ready, fail) => {
    const timer = setTimeout(() => fail(new Error('redis-server did not start')), 10_000);
    child.stdout!.on('data', (d: Buffer) => {
      if (d.toString().includes('Ready to accept connections')) {
        clearTimeout(timer);
        ready();
      }
    });
  });
  return child;
}

async function stopRedis(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

describe('Redis (shared rate limits) stopped and restarted', () => {
  let port: number;
  let redis: ChildProcess;
  let app: TestApp;
  beforeAll(async () => {
    port = await freePort();
    redis = await startRedis(port);
    app = await startTestApp({ env: { BCRYPT_COST: '10', REDIS_URL: `redis://127.0.0.1:${port}/0` } });
  });
  afterAll(async () => {
    await app?.close();
    if (redis) await stopRedis(redis);
  });

  it('when Redis is down, then limited routes answer 503 rate_limiter_unavailable at once, others work, and it recovers by itself', async () => {
    const body = aSignup();
    const reader = new ApiClient(app.baseUrl);
    expect((await reader.post('/api/v1/auth/signup', body)).status).toBe(201);

    await stopRedis(redis);
    for (const [path, payload] of [
      ['/api/v1/auth/signin', { email: body.email, password: body.password }],
      ['/api/v1/auth/signin', { email: body.email, password: 'Wrong4ever!' }],
      ['/api/v1/auth/signup', aSignup()],
    ] as const) {
      const started = Date.now();
      const res = await new ApiClient(app.baseUrl).post<Record<string, any>>(path, payload);
      expect(res.status, path).toBe(503);
      expect(res.body).toEqual({ error: { code: 'rate_limiter_unavailable', message: expect.any(String) } });
      expect(res.headers.get('retry-after')).toBe('5');
      expect(Date.now() - started).toBeLessThan(5_000);
    }
    // No limit on these: the database path is unaffected.
    expect((await reader.get('/api/v1/profile')).status).toBe(200);
    expect((await reader.post('/api/v1/auth/refresh')).status).toBe(200);
    // Operators see it: each refusal is logged at error level, with the Redis client's error as cause.
    expect(app.logLines.some((l) => l.includes('"level":50') && l.includes('max retries per request'))).toBe(
      true,
    );

    redis = await startRedis(port);
    const upAt = Date.now();
    let status = 0;
    while (Date.now() - upAt < 20_000) {
      status = (
        await new ApiClient(app.baseUrl).post('/api/v1/auth/signin', {
          email: body.email,
          password: body.password,
        })
      ).status;
      if (status === 200) break;
      await sleep(250);
    }
    console.log(`[redis-restart] sign-in works again ${Date.now() - upAt} ms after Redis restarted`);
    expect(status).toBe(200);
  });
});
