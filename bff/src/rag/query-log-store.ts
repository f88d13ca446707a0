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

export function createQueryLogStore(knex: Knex): QueryLogStore {
  return {
    async insert(entry) {
      await knex('chatbot_queries').insert(entry);
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
