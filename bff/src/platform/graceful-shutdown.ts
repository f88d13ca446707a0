import type { Server } from 'node:http';
import type { HealthCheck } from './health-routes.js';
import type { Logger } from './logger.js';

/** How often idle keep-alive connections are closed while draining (a response that ends makes one idle). */
const SWEEP_MS = 100;

export interface Lifecycle {
  /** A readiness check that fails from the moment shutdown starts, so balancers stop routing here. */
  readonly readiness: HealthCheck;
  readonly draining: boolean;
  /**
   * Stops accepting connections, lets in-flight requests and event streams finish (at most graceMs,
   * then cuts what is left), and resolves once the server is closed.
   */
  drain(server: Server, graceMs: number): Promise<{ cut: number }>;
}

export function createLifecycle(logger: Logger): Lifecycle {
  let draining = false;
  return {
    readiness: {
      name: 'process',
      check: async () => {
        if (draining) throw new Error('shutting down');
      },
    },
    get draining() {
      return draining;
    },
    async drain(server, graceMs) {
      draining = true;
      // Requests that still arrive on a kept-alive connection are answered, then the connection closes.
      server.on('request', (_req, res) => res.setHeader('Connection', 'close'));
      const closed = new Promise<void>((done) => server.close(() => done()));
      server.closeIdleConnections();
      const sweep = setInterval(() => server.closeIdleConnections(), SWEEP_MS);
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<'timeout'>((done) => {
        timer = setTimeout(() => done('timeout'), graceMs);
      });
      const outcome = await Promise.race([closed.then(() => 'closed' as const), timedOut]);
      clearInterval(sweep);
      clearTimeout(timer);
      if (outcome === 'closed') return { cut: 0 };
      const cut = await new Promise<number>((done) => server.getConnections((_err, n) => done(n ?? 0)));
      logger.warn(
        { graceMs, connections: cut },
        'shutdown grace period over: cutting the requests still open',
      );
      server.closeAllConnections();
      await closed;
      return { cut };
    },
  };
}
