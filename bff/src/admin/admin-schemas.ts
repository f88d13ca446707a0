import { z } from 'zod';

export const AnalyticsQuery = z
  .object({ days: z.coerce.number().int().min(1, 'at least 1').max(365, 'at most 365').default(30) })
  .strict();

export const FeedbackBody = z
  .object({ value: z.union([z.literal(1), z.literal(-1)], { error: () => 'must be 1 or -1' }) })
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
