import type { Knex } from 'knex';
import type { Logger } from '../platform/logger.js';
import type { Level } from './types.js';

/** One row of chatbot_queries, as the service records it. */
export interface QueryLogEntry {
  id: string;
  user_id: string | null;
  query: string;
  level: Level | 'default';
  personalization_applied: boolean;
  mode: 'cohere' | 'extractive';
  latency_ms: number;
  answered: boolean;
}

export interface QueryLogStore {
  /**
   * Queues the row of an answer; it is written shortly after, together with the others of that
   * moment. Never throws and never waits: the log must not cost the reader time or their answer.
   */
  record(entry: QueryLogEntry): void;
  /**
   * Records a reader's 👍/👎 on one of their own answers (anonymous readers on anonymous
   * answers). False when no such query exists for that reader. Writes what is queued first.
   */
  setFeedback(queryId: string, userId: string | null, value: 1 | -1): Promise<boolean>;
  /** Resolves once every row recorded before the call is written (or, when it cannot be, logged). */
  flush(): Promise<void>;
  /** Writes what is queued; call it on shutdown, before the database closes. */
  close(): Promise<void>;
}

export interface QueryLogOptions {
  logger: Logger;
  /** The longest a recorded row waits before its INSERT. */
  flushMs?: number;
  /** Rows per INSERT; a full batch is written at once, without waiting for flushMs. */
  maxBatch?: number;
  /** Rows held at most while the database is slow or down; beyond that new rows are dropped. */
  maxQueued?: number;
}

interface Row extends QueryLogEntry {
  created_at: Date;
}

const FOREIGN_KEY_VIOLATION = '23503';

/**
 * Write-behind: an answer queues its row and goes out; rows are written every `flushMs` (or as soon
 * as `maxBatch` are waiting) as one multi-row INSERT. On the embedded PGlite every statement runs
 * on the main thread, so one INSERT per answer blocked the event loop once per answer; here it is
 * once per batch. The row keeps the time it was recorded (created_at). What reads the rows soon
 * after they are written goes through `setFeedback`, which flushes first, or happens later than
 * `flushMs` (the admin analytics); shutdown flushes (`close`).
 *
 * A batch the database refuses is retried row by row: one bad row costs only itself. A row whose
 * reader deleted their account before it was written is kept anonymous, as the deletion would have
 * left it (user_id set null). Failures are logged, never thrown.
 */
export function createQueryLogStore(knex: Knex, options: QueryLogOptions): QueryLogStore {
  const { logger, flushMs = 50, maxBatch = 200, maxQueued = 10_000 } = options;
  let queue: Row[] = [];
  let writing: Promise<void> | null = null;
  let timer: NodeJS.Timeout | undefined;
  let dropped = 0;
  /** Callers awaiting flush(): while there are any, a write goes on until the queue is empty. */
  let flushing = 0;

  async function writeRow(row: Row): Promise<void> {
    try {
      await knex('chatbot_queries').insert(row);
    } catch (err) {
      if ((err as { code?: string }).code === FOREIGN_KEY_VIOLATION && row.user_id !== null) {
        return writeRow({ ...row, user_id: null });
      }
      logger.warn({ err, queryId: row.id }, 'could not record the query in chatbot_queries');
    }
  }

  async function writeBatch(batch: Row[]): Promise<void> {
    try {
      await knex('chatbot_queries').insert(batch);
    } catch {
      for (const row of batch) await writeRow(row);
    }
  }

  /**
   * Writes one batch, then more only while a full batch waits or someone awaits `flush`: rows that
   * arrive during a write wait for the timer, so a busy minute is a few INSERTs per second, not a
   * back-to-back stream of small ones. One writer at a time, so batches keep their order.
   */
  function drain(): Promise<void> {
    writing ??= (async () => {
      try {
        do {
          const batch = queue.length <= maxBatch ? queue : queue.slice(0, maxBatch);
          queue = queue.length <= maxBatch ? [] : queue.slice(maxBatch);
          await writeBatch(batch);
        } while (queue.length >= maxBatch || (queue.length > 0 && flushing > 0));
        if (dropped > 0) {
          logger.warn({ dropped, maxQueued }, 'query log queue was full: rows were not recorded');
          dropped = 0;
        }
      } finally {
        writing = null;
        if (queue.length > 0) schedule();
      }
    })();
    return writing;
  }

  function schedule(): void {
    if (timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      void drain();
    }, flushMs);
    // A queued row must not keep a finished process alive; shutdown flushes through close().
    timer.unref();
  }

  async function flush(): Promise<void> {
    flushing++;
    try {
      clearTimeout(timer);
      timer = undefined;
      // Rows recorded during a write are in the queue when it ends; loop until nothing is left.
      while (writing || queue.length > 0) await (writing ?? drain());
    } finally {
      flushing--;
    }
  }

  return {
    record(entry) {
      if (queue.length >= maxQueued) {
        dropped++;
        return;
      }
      queue.push({ ...entry, created_at: new Date() });
      if (queue.length >= maxBatch && !writing) {
        clearTimeout(timer);
        timer = undefined;
        void drain();
      } else schedule();
    },
    async setFeedback(queryId, userId, value) {
      await flush();
      const updated = await knex('chatbot_queries')
        .where({ id: queryId })
        .andWhere((q) => (userId === null ? q.whereNull('user_id') : q.where('user_id', userId)))
        .update({ feedback: value });
      return Number(updated) > 0;
    },
    flush,
    close: flush,
  };
}
