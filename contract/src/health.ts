import { z } from 'zod';

/** GET /healthz: the process answers. */
export const HealthResponse = z.object({ status: z.literal('ok') });

/** One dependency's state in GET /readyz. */
export const ReadinessCheck = z.union([
  z.object({ status: z.literal('ok') }),
  z.object({ status: z.literal('down'), reason: z.string() }),
]);

/** GET /readyz: 200 `ready` when every check is ok, else 503 `unavailable`. */
export const ReadinessResponse = z.object({
  status: z.enum(['ready', 'unavailable']),
  checks: z.record(z.string(), ReadinessCheck),
});

export type HealthResponse = z.infer<typeof HealthResponse>;
export type ReadinessCheck = z.infer<typeof ReadinessCheck>;
export type ReadinessResponse = z.infer<typeof ReadinessResponse>;
