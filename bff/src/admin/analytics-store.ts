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

const perDay = (knex: Knex, query: Knex.QueryBuilder): Promise<Row[]> =>
  query.groupByRaw('1').select(knex.raw(`${DAY} as day`), knex.raw('count(*) as count'));

const readersBy = (knex: Knex, column: string): Promise<Row[]> =>
  knex('user_profiles').groupBy(column).select(column, knex.raw('count(*) as count'));

function queryTotals(knex: Knex, since: Date): Promise<Row | undefined> {
  return knex('chatbot_queries')
    .where('created_at', '>=', since)
    .first(
      knex.raw('count(*) as total'),
      knex.raw('count(*) filter (where personalization_applied) as personalized'),
      knex.raw('count(*) filter (where feedback = 1) as up'),
      knex.raw('count(*) filter (where feedback = -1) as down'),
    );
}

async function slowestQueries(knex: Knex, since: Date): Promise<Analytics['slowest_queries']> {
  const rows: Row[] = await knex('chatbot_queries')
    .where('created_at', '>=', since)
    .orderBy('latency_ms', 'desc')
    .limit(10)
    .select('id', 'query', 'latency_ms', 'mode', 'created_at');
  return rows.map((r) => ({
    id: String(r.id),
    query: String(r.query).slice(0, 300),
    latency_ms: Number(r.latency_ms),
    mode: String(r.mode),
    created_at: new Date(r.created_at as string).toISOString(),
  }));
}

/** Questions answered "not in the book", grouped case- and space-insensitively, most asked first. */
async function unansweredQuestions(knex: Knex, since: Date): Promise<Analytics['unanswered_questions']> {
  const rows: Row[] = await knex('chatbot_queries')
    .where('created_at', '>=', since)
    .where('answered', false)
    .groupByRaw('lower(trim(query))')
    .orderByRaw('count(*) desc, max(created_at) desc')
    .limit(20)
    .select(
      knex.raw('min(query) as query'),
      knex.raw('count(*) as times'),
      knex.raw('max(created_at) as last_asked_at'),
    );
  return rows.map((r) => ({
    query: String(r.query).slice(0, 300),
    times: Number(r.times),
    last_asked_at: new Date(r.last_asked_at as string).toISOString(),
  }));
}

/** A reader is active on a day when they asked something or used a session (sign-in or refresh). */
function activeReadersPerDay(knex: Knex, since: Date): Promise<Row[]> {
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

/** Read-only figures for the admin dashboard; each figure is one aggregate query. */
export function createAnalyticsStore(knex: Knex) {
  return {
    async figures(days: number): Promise<Analytics> {
      const range = dayRange(days);
      const since = new Date(`${range[0]}T00:00:00Z`);
      const [software, hardware, signups, active, queries, totals, slowest, unanswered] = await Promise.all([
        readersBy(knex, 'software_experience'),
        readersBy(knex, 'hardware_experience'),
        perDay(knex, knex('users').where('created_at', '>=', since)),
        activeReadersPerDay(knex, since),
        perDay(knex, knex('chatbot_queries').where('created_at', '>=', since)),
        queryTotals(knex, since),
        slowestQueries(knex, since),
        unansweredQuestions(knex, since),
      ]);
      const total = Number(totals?.total ?? 0);
      const personalized = Number(totals?.personalized ?? 0);
      const bySoftware = tally(software, 'software_experience');
      return {
        days,
        since: since.toISOString(),
        readers: {
          total: Object.values(bySoftware).reduce((a, b) => a + b, 0),
          by_software_level: bySoftware,
          by_hardware_level: tally(hardware, 'hardware_experience'),
        },
        signups_per_day: fillDays(range, signups),
        active_readers_per_day: fillDays(range, active),
        queries_per_day: fillDays(range, queries),
        queries: { total, personalized, share_personalized: total ? personalized / total : 0 },
        feedback: { up: Number(totals?.up ?? 0), down: Number(totals?.down ?? 0) },
        slowest_queries: slowest,
        unanswered_questions: unanswered,
      };
    },
  };
}

export type AnalyticsStore = ReturnType<typeof createAnalyticsStore>;
