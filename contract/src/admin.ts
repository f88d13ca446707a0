import { z } from 'zod';
import { LIMITS } from './limits.js';

const { analyticsDays } = LIMITS;

/** GET /admin/analytics?days=… */
export const AnalyticsQuery = z
  .object({
    days: z.coerce
      .number()
      .int()
      .min(analyticsDays.min, `at least ${analyticsDays.min}`)
      .max(analyticsDays.max, `at most ${analyticsDays.max}`)
      .default(analyticsDays.default),
  })
  .strict();

const DayCount = z.object({ day: z.string(), count: z.number().int() });

export const AnalyticsResponse = z.object({
  days: z.number().int(),
  since: z.iso.datetime(),
  readers: z.object({
    total: z.number().int(),
    by_software_level: z.record(z.string(), z.number().int()),
    by_hardware_level: z.record(z.string(), z.number().int()),
  }),
  signups_per_day: z.array(DayCount),
  active_readers_per_day: z.array(DayCount),
  queries_per_day: z.array(DayCount),
  queries: z.object({
    total: z.number().int(),
    personalized: z.number().int(),
    share_personalized: z.number(),
  }),
  feedback: z.object({ up: z.number().int(), down: z.number().int() }),
  slowest_queries: z.array(
    z.object({
      id: z.uuid(),
      query: z.string(),
      latency_ms: z.number(),
      mode: z.string(),
      created_at: z.iso.datetime(),
    }),
  ),
  unanswered_questions: z.array(
    z.object({ query: z.string(), times: z.number().int(), last_asked_at: z.iso.datetime() }),
  ),
});

export type AnalyticsResponse = z.infer<typeof AnalyticsResponse>;
