import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { ApiError, type ApiClient } from '../api/client.js';
import { emit } from '../events.js';
import { LIMITS } from '@textbook-assistant/contract/rules';
import type { ApiErrorCode } from '../api/api-error.js';
import type { HistoryTurn, QueryMeta } from '../types.js';
import { describeError } from './error-text.js';

export interface TurnError {
  status: number;
  code: ApiErrorCode | 'unknown';
  message: string;
  /** When a 429 said to come back (epoch ms). */
  retryAt?: number;
}

/** One question and its answer. */
export interface Turn {
  id: string;
  query: string;
  selectedText?: string;
  answer: string;
  meta?: QueryMeta;
  status: 'streaming' | 'done' | 'error';
  error?: TurnError;
  feedback?: 1 | -1;
}

const MAX_STORED_TURNS = 50;
export const MAX_SELECTED_TEXT = LIMITS.selectedTextMaxChars;

type Host = ReactiveControllerHost & HTMLElement;

/**
 * The conversation: asks, streams, retries, and keeps the turns in sessionStorage so a
 * re-mounted element (a Docusaurus page change) picks up where it was.
 */
export class ChatController implements ReactiveController {
  turns: Turn[] = [];
  /** Text for the polite live region: set once per finished answer, not per token. */
  announcement = '';
  /** The turn whose answer was just copied (for a moment's "Copied" state). */
  copiedId: string | undefined;
  private aborter: AbortController | undefined;
  private storageKey = '';

  constructor(
    private readonly host: Host,
    private readonly api: () => ApiClient,
    private readonly maxResults: () => number | undefined,
  ) {
    host.addController(this);
  }

  get busy(): boolean {
    return this.turns.some((t) => t.status === 'streaming');
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    this.aborter?.abort();
    this.save();
  }

  /** Loads the conversation kept for this API base. */
  load(apiBase: string): void {
    this.storageKey = `textbook-assistant:conversation:${apiBase}`;
    try {
      const stored = JSON.parse(sessionStorage.getItem(this.storageKey) ?? '[]') as Turn[];
      this.turns = Array.isArray(stored) ? stored : [];
    } catch {
      this.turns = [];
    }
    this.host.requestUpdate();
  }

  ask(query: string, selectedText?: string): void {
    const turn: Turn = {
      id: Math.random().toString(36).slice(2),
      query,
      selectedText: selectedText?.slice(0, MAX_SELECTED_TEXT) || undefined,
      answer: '',
      status: 'streaming',
    };
    this.turns = [...this.turns, turn];
    void this.run(turn);
  }

  retry(turn: Turn): void {
    if (this.busy) return;
    Object.assign(turn, {
      answer: '',
      meta: undefined,
      error: undefined,
      status: 'streaming',
      feedback: undefined,
    });
    void this.run(turn);
  }

  clear(): void {
    this.aborter?.abort();
    this.turns = [];
    this.announcement = '';
    this.save();
    this.host.requestUpdate();
  }

  async sendFeedback(turn: Turn, value: 1 | -1): Promise<void> {
    if (!turn.meta?.query_id) return;
    turn.feedback = turn.feedback === value ? undefined : value;
    this.save();
    this.host.requestUpdate();
    if (turn.feedback) {
      // Feedback is best effort: the reader is never bothered with its failure.
      await this.api()
        .sendFeedback(turn.meta.query_id, turn.feedback)
        .catch(() => undefined);
    }
  }

  async copy(turn: Turn): Promise<void> {
    try {
      await navigator.clipboard.writeText(turn.answer);
    } catch {
      return; // Clipboard refused (permissions): nothing useful to tell the reader.
    }
    this.copiedId = turn.id;
    this.host.requestUpdate();
    setTimeout(() => {
      if (this.copiedId === turn.id) this.copiedId = undefined;
      this.host.requestUpdate();
    }, 2000);
  }

  private async run(turn: Turn): Promise<void> {
    this.aborter = new AbortController();
    this.announcement = '';
    this.save();
    this.host.requestUpdate();
    try {
      const max = this.maxResults();
      const request = {
        query: turn.query,
        // The API takes 1..20; an out-of-range attribute is clamped rather than rejected.
        ...(max && Number.isFinite(max) ? { max_results: Math.min(20, Math.max(1, Math.round(max))) } : {}),
        ...(turn.selectedText ? { selected_text: turn.selectedText } : {}),
        ...historyBefore(this.turns, turn),
      };
      const response = await this.api().query(
        request,
        {
          onMeta: (meta) => {
            turn.meta = meta;
            this.host.requestUpdate();
          },
          onDelta: (text) => {
            turn.answer += text;
            this.host.requestUpdate();
          },
        },
        this.aborter.signal,
      );
      turn.answer = response.answer;
      turn.meta = response;
      turn.status = 'done';
      this.announcement = `Answer: ${plainText(response.answer)}`;
      emit(this.host, 'ta-answer-received', { query: turn.query, selectedText: turn.selectedText, response });
    } catch (err) {
      turn.status = 'error';
      if (this.aborter.signal.aborted) {
        // The element left the page mid-answer; if it comes back, the turn offers Retry.
        turn.error = { status: 0, code: 'stream_interrupted', message: 'The answer was interrupted.' };
      } else {
        turn.error = toTurnError(err);
        this.announcement = `Error: ${turn.error.message}`;
      }
    }
    this.save();
    this.host.requestUpdate();
  }

  private save(): void {
    if (!this.storageKey) return;
    // A turn still streaming when the page goes away is kept as interrupted, to retry.
    const turns = this.turns.slice(-MAX_STORED_TURNS).map((t) =>
      t.status === 'streaming'
        ? {
            ...t,
            status: 'error' as const,
            error: { status: 0, code: 'stream_interrupted', message: 'The answer was interrupted.' },
          }
        : t,
    );
    try {
      sessionStorage.setItem(this.storageKey, JSON.stringify(turns));
    } catch {
      // Storage full or disabled: the conversation just does not survive a reload.
    }
  }
}

/**
 * The finished question-and-answer pairs before this turn, oldest first, so a follow-up such as
 * "why?" is read in context. Failed turns are left out; the most recent turns are kept.
 */
function historyBefore(turns: Turn[], current: Turn): { history?: HistoryTurn[] } {
  const earlier = turns.slice(0, Math.max(0, turns.indexOf(current)));
  const history = earlier
    .filter((t) => t.status === 'done' && t.answer.trim())
    .flatMap((t): HistoryTurn[] => [
      { role: 'user', content: clip(t.query) },
      { role: 'assistant', content: clip(t.answer) },
    ])
    .slice(-LIMITS.historyMaxTurns);
  return history.length ? { history } : {};
}

/** Control characters other than tab and line breaks, which the API refuses. */
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

function clip(text: string): string {
  return text.replace(CONTROL_CHARACTERS, '').trim().slice(0, LIMITS.historyTurnMaxChars);
}

/** What a screen reader should say for an answer: the words, not the Markdown punctuation. */
function plainText(markdown: string): string {
  return markdown
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]*>/g, '')
    .replace(/[*_`#>~|]+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function toTurnError(err: unknown): TurnError {
  const message = describeError(err);
  if (!(err instanceof ApiError)) return { status: 0, code: 'unknown', message };
  return {
    status: err.status,
    code: err.code,
    message,
    retryAt: err.retryAfter !== undefined ? Date.now() + err.retryAfter * 1000 : undefined,
  };
}
