import type { Knex } from 'knex';

export interface DayCount {
  day: string;
  count: number;
}

export interface Analytics {
  days: number;
  since: string;
  readers: {
    total: number;
    by_software_level: Record<string, number>;
    by_hardware_level: Record<string, number>;
  };
  signups_per_day: DayCount[];
  active_readers_per_day: DayCount[];
  queries_per_day: DayCount[];
  queries: { total: number; personalized: number; share_personalized: number };
  feedback: { up: number; down: number };
  slowest_queries: { id: string; query: string; latency_ms: number; mode: string; created_at: string }[];
  unanswered_questions: { query: string; times: number; last_asked_at: string }[];
}

type Row = Record<string, unknown>;

/** UTC calendar days from `since` to today, oldest first. */
export function dayRange(days: number, now = new Date()): string[] {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return Array.from({ length: days }, (_, i) =>
    new Date(today - (days - 1 - i) * 86_400_000).toISOString().slice(0, 10),
  );
}

function fillDays(range: string[], rows: Row[]): DayCount[] {
  const counts = new Map(rows.map((r) => [String(r.day), Number(r.count)]));
  return range.map((day) => ({ day, count: counts.get(day) ?? 0 }));
}

function tally(rows: Row[], key: string): Record<string, number> {
  return Object.fromEntries(rows.map((r) => [String(r[key]), Number(r.count)]));
}

const DAY = `to_char(date_trunc('day', created_at at time zone 'UTC'), 'YYYY-MM-DD')`;

/** Read-only figures for the admin dashboard; every figure is one aggregate query. */
export function createAnalyticsStore(knex: Knex) {
  const perDay = (table: Knex.QueryBuilder, since: Date) =>
    table
      .where('created_at', '>=', since)
      .groupByRaw('1')
      .select(knex.raw(`${DAY} as day`), knex.raw('count(*) as count'));

  return {
    async figures(days: number): Promise<Analytics> {
      const range = dayRange(days);
      const since = new Date(`${range[0]}T00:00:00Z`);
      const queries = () => knex('chatbot_queries').where('created_at', '>=', since);
      const [software, hardware, signups, active, perDayQueries, totals, slowest, unanswered] =
        await Promise.all([
          knex('user_profiles')
            .groupBy('software_experience')
            .select('software_experience', knex.raw('count(*) as count')),
          knex('user_profiles')
            .groupBy('hardware_experience')
            .select('hardware_experience', knex.raw('count(*) as count')),
          perDay(knex('users'), since),
          activeReadersPerDay(knex, since),
          perDay(knex('chatbot_queries'), since),
          queries().first(
            knex.raw('count(*) as total'),
            knex.raw('count(*) filter (where personalization_applied) as personalized'),
            knex.raw('count(*) filter (where feedback = 1) as up'),
            knex.raw('count(*) filter (where feedback = -1) as down'),
          ),
          queries()
            .orderBy('latency_ms', 'desc')
            .limit(10)
            .select('id', 'query', 'latency_ms', 'mode', 'created_at'),
          queries()
            .where('answered', false)
            .groupByRaw('lower(trim(query))')
            .orderByRaw('count(*) desc, max(created_at) desc')
            .limit(20)
            .select(
              knex.raw('min(query) as query'),
              knex.raw('count(*) as times'),
              knex.raw('max(created_at) as last_asked_at'),
            ),
        ]);
      const t = (totals ?? {}) as Row;
      const total = Number(t.total ?? 0);
      const personalized = Number(t.personalized ?? 0);
      return {
        days,
        since: since.toISOString(),
        readers: {
          total: Object.values(tally(software, 'software_experience')).reduce((a, b) => a + b, 0),
          by_software_level: tally(software, 'software_experience'),
          by_hardware_level: tally(hardware, 'hardware_experience'),
        },
        signups_per_day: fillDays(range, signups),
        active_readers_per_day: fillDays(range, active),
        queries_per_day: fillDays(range, perDayQueries),
        queries: { total, personalized, share_personalized: total ? personalized / total : 0 },
        feedback: { up: Number(t.up ?? 0), down: Number(t.down ?? 0) },
        slowest_queries: slowest.map((r: Row) => ({
          id: String(r.id),
          query: String(r.query).slice(0, 300),
          latency_ms: Number(r.latency_ms),
          mode: String(r.mode),
          created_at: new Date(r.created_at as string).toISOString(),
        })),
        unanswered_questions: unanswered.map((r: Row) => ({
          query: String(r.query).slice(0, 300),
          times: Number(r.times),
          last_asked_at: new Date(r.last_asked_at as string).toISOString(),
        })),
      };
    },
  };
}

/** A reader is active on a day when they asked something or used a session (sign-in or refresh). */
async function activeReadersPerDay(knex: Knex, since: Date): Promise<Row[]> {
  const activity = knex
    .select('user_id', 'created_at')
    .from('chatbot_queries')
    .whereNotNull('user_id')
    .where('created_at', '>=', since)
    .unionAll((q) => q.select('user_id', 'created_at').from('sessions').where('created_at', '>=', since));
  return knex
    .from(activity.as('a'))
    .groupByRaw('1')
    .select(knex.raw(`${DAY} as day`), knex.raw('count(distinct user_id) as count'));
}

export type AnalyticsStore = ReturnType<typeof createAnalyticsStore>;
