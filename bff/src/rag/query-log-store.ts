import type { Knex } from 'knex';
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
  insert(entry: QueryLogEntry): Promise<void>;
  /**
   * Records a reader's 👍/👎 on one of their own answers (anonymous readers on anonymous
   * answers). False when no such query exists for that reader.
   */
  setFeedback(queryId: string, userId: string | null, value: 1 | -1): Promise<boolean>;
}

interface Pending {
  entry: QueryLogEntry;
  done: () => void;
  failed: (err: unknown) => void;
}

/**
 * Every answer records one row before its `done` event. Under concurrent readers those inserts
 * are group-committed: while one INSERT is in flight, the rows that arrive wait and then go in
 * together as one multi-row INSERT, so 20 readers cost a few round trips instead of 20. Each
 * caller still resolves only once its own row is committed (what a later 👍/👎, an export or an
 * account deletion reads is there), and a failed batch is retried row by row, so one bad row
 * fails only its own caller.
 */
export function createQueryLogStore(knex: Knex): QueryLogStore {
  let queue: Pending[] = [];
  let writing = false;

  async function writeBatch(batch: Pending[]): Promise<void> {
    try {
      await knex('chatbot_queries').insert(batch.map((p) => p.entry));
      for (const p of batch) p.done();
    } catch (err) {
      if (batch.length === 1) {
        batch[0]!.failed(err);
        return;
      }
      for (const p of batch) {
        await knex('chatbot_queries')
          .insert(p.entry)
          .then(p.done, (rowErr: unknown) => p.failed(rowErr));
      }
    }
  }

  async function drain(): Promise<void> {
    writing = true;
    try {
      while (queue.length > 0) {
        const batch = queue;
        queue = [];
        await writeBatch(batch);
      }
    } finally {
      writing = false;
    }
  }

  return {
    insert(entry) {
      return new Promise<void>((done, failed) => {
        queue.push({ entry, done, failed });
        if (!writing) void drain();
      });
    },
    async setFeedback(queryId, userId, value) {
      const updated = await knex('chatbot_queries')
        .where({ id: queryId })
        .andWhere((q) => (userId === null ? q.whereNull('user_id') : q.where('user_id', userId)))
        .update({ feedback: value });
      return Number(updated) > 0;
    },
  };
}
