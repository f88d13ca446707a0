import type Router from '@koa/router';
import { HealthResponse, ReadinessResponse } from '@textbook-assistant/contract';
import { createRouter } from './router.js';
import { operation } from './operation.js';
import type { Database } from './db/database.js';

export interface HealthCheck {
  name: string;
  check(signal: AbortSignal): Promise<void>;
}

const CHECK_TIMEOUT_MS = 3_000;

/** /healthz: the process answers. /readyz: each dependency's state, 503 if any is down. */
export function healthRoutes(db: Database, extra: HealthCheck[]): Router {
  const router = createRouter();
  const checks: HealthCheck[] = [
    { name: 'database', check: async () => void (await db.knex.raw('select 1')) },
    ...extra,
  ];

  const healthDoc = operation({
    operationId: 'getHealth',
    summary: 'Liveness: the process answers',
    responses: { 200: HealthResponse },
  });
  router.get('/healthz', healthDoc, (ctx) => {
    ctx.body = { status: 'ok' };
  });

  const readyDoc = operation({
    operationId: 'getReadiness',
    summary: "Readiness: each dependency's state (database, index, vector store, generator)",
    responses: { 200: ReadinessResponse, 503: ReadinessResponse },
  });
  router.get('/readyz', readyDoc, async (ctx) => {
    const results = await Promise.all(
      checks.map(async ({ name, check }) => {
        const signal = AbortSignal.timeout(CHECK_TIMEOUT_MS);
        try {
          await Promise.race([
            check(signal),
            new Promise((_, reject) =>
              signal.addEventListener('abort', () => reject(new Error('timed out'))),
            ),
          ]);
          return [name, { status: 'ok' }] as const;
        } catch (err) {
          return [name, { status: 'down', reason: (err as Error).message.slice(0, 200) }] as const;
        }
      }),
    );
    const ready = results.every(([, r]) => r.status === 'ok');
    ctx.status = ready ? 200 : 503;
    ctx.body = { status: ready ? 'ready' : 'unavailable', checks: Object.fromEntries(results) };
  });

  return router;
}
