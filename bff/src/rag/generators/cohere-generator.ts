import { CohereClientV2, type Cohere } from 'cohere-ai';
import { AppError } from '../../platform/errors.js';
import { COHERE_MAX_RETRIES, cohereFailure } from '../cohere-errors.js';
import type { GenerateEvent, GenerateInput, GeneratedCitation, Generator } from '../types.js';

export interface CohereGeneratorConfig {
  apiKey: string;
  baseUrl?: string;
  chatModel: string;
}

/** What Cohere sees of one retrieved chunk; its id is the chunk's index in `documents`. */
export function toCohereDocuments(input: GenerateInput): Cohere.V2ChatStreamRequestDocumentsItem[] {
  return input.documents.map((hit, i) => ({
    id: String(i),
    data: { title: hit.payload.title, snippet: hit.payload.text, url: hit.payload.url },
  }));
}

/**
 * The system prompt, the conversation so far (oldest first) and the current question: the model
 * reads "why?" in the light of what was asked and answered before.
 */
export function chatMessages(input: GenerateInput): Cohere.ChatMessageV2[] {
  const history: Cohere.ChatMessageV2[] = (input.history ?? []).map((turn) =>
    turn.role === 'user'
      ? { role: 'user', content: turn.content }
      : { role: 'assistant', content: turn.content },
  );
  return [
    { role: 'system', content: input.persona.systemPrompt },
    ...history,
    { role: 'user', content: userMessage(input) },
  ];
}

export function userMessage(input: GenerateInput): string {
  if (!input.selectedText) return input.query;
  return `${input.query}\n\nThe reader selected this passage in the textbook:\n"""\n${input.selectedText}\n"""`;
}

/**
 * Cohere chat with the persona's system prompt and the retrieved chunks as documents, streamed.
 *
 * Timeouts: until the response headers arrive, the client's own timeout applies (per attempt, with at
 * most one retry on 429/5xx). After that, no event for `timeoutMs` (first token or between tokens)
 * aborts the stream; the timer pauses while the consumer handles an event.
 *
 * `answered` is false only when there were no documents and the model cited nothing: with documents
 * we trust the model's answer even if it cited nothing, which keeps the rule simple and predictable.
 */
export class CohereGenerator implements Generator {
  readonly mode = 'cohere' as const;
  private readonly client: CohereClientV2;
  private readonly model: string;
  private readonly timeoutMs: number;

  constructor(cfg: CohereGeneratorConfig, timeoutMs: number) {
    this.client = new CohereClientV2({
      token: cfg.apiKey,
      baseUrl: cfg.baseUrl,
      timeoutInSeconds: timeoutMs / 1000,
      maxRetries: COHERE_MAX_RETRIES,
    });
    this.model = cfg.chatModel;
    this.timeoutMs = timeoutMs;
  }

  async *generate(input: GenerateInput, signal?: AbortSignal): AsyncIterable<GenerateEvent> {
    const controller = new AbortController();
    const forwardAbort = () => controller.abort(signal?.reason);
    signal?.addEventListener('abort', forwardAbort, { once: true });
    let timedOut = false;
    let timer: NodeJS.Timeout | undefined;
    const armIdleTimer = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        timedOut = true;
        controller.abort(new Error('idle timeout'));
      }, this.timeoutMs);
    };
    const fail = (error: unknown): unknown =>
      signal?.aborted
        ? signal.reason
        : cohereFailure(error, 'GENERATOR_UNAVAILABLE', this.timeoutMs, { timedOut });

    let finished = false;
    try {
      let events: AsyncIterator<Cohere.V2ChatStreamResponse>;
      try {
        const stream = await this.client.chatStream(
          {
            model: this.model,
            messages: chatMessages(input),
            // An empty documents list is left out rather than sent: the request then is plain chat.
            ...(input.documents.length > 0 ? { documents: toCohereDocuments(input) } : {}),
          },
          {
            timeoutInSeconds: this.timeoutMs / 1000,
            maxRetries: COHERE_MAX_RETRIES,
            abortSignal: controller.signal,
          },
        );
        events = stream[Symbol.asyncIterator]();
      } catch (error) {
        throw fail(error);
      }

      let text = '';
      const cited: number[] = [];
      for (;;) {
        armIdleTimer();
        let next: IteratorResult<Cohere.V2ChatStreamResponse>;
        try {
          next = await events.next();
        } catch (error) {
          throw fail(error);
        }
        clearTimeout(timer);
        if (next.done) break;
        const event = next.value;
        if (event.type === 'content-delta') {
          const delta = event.delta?.message?.content?.text;
          if (delta) {
            text += delta;
            yield { type: 'delta', text: delta };
          }
        } else if (event.type === 'citation-start') {
          for (const index of documentIndexes(event.delta?.message?.citations, input.documents.length)) {
            if (!cited.includes(index)) cited.push(index);
          }
        } else if (event.type === 'message-end' && event.delta?.error) {
          throw new AppError(
            'GENERATOR_UNAVAILABLE',
            'Cohere chat stopped with an error before finishing the answer',
          );
        }
      }
      if (timedOut) throw fail(new Error('idle timeout'));
      const citations: GeneratedCitation[] = cited.map((documentIndex) => ({ documentIndex }));
      finished = true;
      yield { type: 'done', text, citations, answered: citations.length > 0 || input.documents.length > 0 };
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', forwardAbort);
      // A consumer that stops early, or a failure, must not leave the HTTP stream open.
      if (!finished) controller.abort(new Error('generation abandoned'));
    }
  }
}

/** Cohere cites sources by the ids we gave the documents: their indexes, as strings. */
function documentIndexes(citation: Cohere.Citation | undefined, documentCount: number): number[] {
  const indexes: number[] = [];
  for (const source of citation?.sources ?? []) {
    if (source.type !== 'document' || source.id === undefined) continue;
    const index = Number(source.id);
    if (Number.isInteger(index) && index >= 0 && index < documentCount) indexes.push(index);
  }
  return indexes;
}
