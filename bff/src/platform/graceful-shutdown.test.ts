import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { createLifecycle } from './graceful-shutdown.js';

const logger = pino({ level: 'silent' });
const servers: Server[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) s.closeAllConnections();
});

/** A server whose /slow answers after `ms`, writing a first chunk at once (like an event stream). */
async function slowServer(ms: number): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    if (req.url !== '/slow') return res.end('fast');
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.write('first ');
    setTimeout(() => res.end('last'), ms).unref();
  });
  servers.push(server);
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

function get(url: string): Promise<string> {
  return new Promise((ok, fail) => {
    request(url, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => ok(body));
      res.on('error', fail);
    })
      .on('error', fail)
      .end();
  });
}

describe('graceful shutdown', () => {
  it('when draining starts, then the readiness check fails at once with the reason', async () => {
    const lifecycle = createLifecycle(logger);
    await expect(lifecycle.readiness.check(AbortSignal.timeout(1000))).resolves.toBeUndefined();
    const { server } = await slowServer(10);
    const drained = lifecycle.drain(server, 1000);
    expect(lifecycle.draining).toBe(true);
    await expect(lifecycle.readiness.check(AbortSignal.timeout(1000))).rejects.toThrow('shutting down');
    await drained;
  });

  it('when a response is in flight, then it completes, new connections are refused, and drain resolves after it', async () => {
    const { server, url } = await slowServer(600);
    const inFlight = get(`${url}/slow`);
    await sleep(100);
    const started = Date.now();
    const drained = createLifecycle(logger).drain(server, 5_000);
    await expect(get(`${url}/fast`)).rejects.toThrow(/ECONNREFUSED/);
    expect(await inFlight).toBe('first last');
    expect(await drained).toEqual({ cut: 0 });
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('when a response outlasts the grace period, then it is cut when the period ends', async () => {
    const { server, url } = await slowServer(60_000);
    const inFlight = get(`${url}/slow`).catch((err: Error) => `cut: ${err.message}`);
    await sleep(100);
    const started = Date.now();
    expect(await createLifecycle(logger).drain(server, 300)).toEqual({ cut: 1 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(await inFlight).toMatch(/^cut: /);
  });
});
