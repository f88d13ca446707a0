import type { ServerResponse } from 'node:http';
import { z } from 'zod';
import {
  defaultFaults,
  sendJson,
  sleep,
  startFake,
  type FakeServer,
  type FaultSwitches,
  type RecordedRequest,
} from './http-fake.js';

/**
 * A local server speaking Cohere's v2 API (POST /v2/embed, POST /v2/chat with and without SSE), strict
 * about request shapes so an adapter sending the wrong field names gets a 400 like the real service.
 */
export interface CohereBehaviour extends FaultSwitches {
  /** Streaming only: send a few events, then destroy the socket mid-answer. */
  closeMidStream: boolean;
  /** Which document (by position in the request) the answer quotes and cites. */
  citeIndex: number;
}

export type FakeCohere = FakeServer<CohereBehaviour>;

export const FAKE_COHERE_KEY = 'test-cohere-key';

/** Dimensions of the float embeddings per model; embed-v4.0 also honours output_dimension. */
const MODEL_DIMENSIONS: Record<string, number> = {
  'embed-v4.0': 1536,
  'embed-english-v3.0': 1024,
  'embed-multilingual-v3.0': 1024,
  'embed-english-light-v3.0': 384,
  'embed-multilingual-light-v3.0': 384,
};
const V4_DIMENSIONS = [256, 512, 1024, 1536];

const EmbedRequest = z
  .object({
    model: z.string().min(1),
    texts: z.array(z.string()).min(1).max(96),
    input_type: z.enum(['search_document', 'search_query', 'classification', 'clustering']),
    embedding_types: z.array(z.enum(['float', 'int8', 'uint8', 'binary', 'ubinary', 'base64'])).min(1),
    output_dimension: z.number().int().optional(),
    truncate: z.enum(['NONE', 'START', 'END']).optional(),
  })
  .strict();

const MessageContent = z.union([
  z.string(),
  z.array(z.object({ type: z.literal('text'), text: z.string() }).strict()),
]);
const ChatMessage = z.discriminatedUnion('role', [
  z.object({ role: z.literal('system'), content: MessageContent }).strict(),
  z.object({ role: z.literal('user'), content: MessageContent }).strict(),
  z.object({ role: z.literal('assistant'), content: MessageContent }).strict(),
]);
const ChatDocument = z.union([
  z.string(),
  z.object({ id: z.string().optional(), data: z.record(z.string(), z.unknown()) }).strict(),
]);
const ChatRequest = z
  .object({
    model: z.string().min(1),
    messages: z.array(ChatMessage).min(1),
    documents: z.array(ChatDocument).optional(),
    stream: z.boolean().optional(),
    temperature: z.number().optional(),
    max_tokens: z.number().int().optional(),
    seed: z.number().int().optional(),
    safety_mode: z.enum(['CONTEXTUAL', 'STRICT', 'OFF']).optional(),
  })
  .strict();
export type FakeChatRequest = z.infer<typeof ChatRequest>;

/** Deterministic unit vector from a hashed bag of words, so similar texts land near each other. */
export function fakeEmbedding(text: string, dimensions: number): number[] {
  const vector = new Array<number>(dimensions).fill(0);
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  for (const word of words) {
    const h = fnv1a(word);
    vector[h % dimensions]! += h & 0x80000000 ? -1 : 1;
  }
  vector[0]! += 0.01; // never the zero vector
  const norm = Math.hypot(...vector);
  return vector.map((v) => v / norm);
}

function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

const cohereError = (_status: number, message: string) => ({ message });

export interface FakeCohereOptions {
  port?: number;
  host?: string;
  apiKey?: string;
  /** Extra embed models and their dimensions, e.g. one the adapter does not know. */
  models?: Record<string, number>;
}

export function startFakeCohere(options: FakeCohereOptions = {}): Promise<FakeCohere> {
  const apiKey = options.apiKey ?? FAKE_COHERE_KEY;
  const models = { ...MODEL_DIMENSIONS, ...options.models };
  return startFake<CohereBehaviour>(
    {
      port: options.port,
      host: options.host,
      defaults: () => ({ ...defaultFaults(), closeMidStream: false, citeIndex: 0 }),
      errorBody: cohereError,
    },
    async (req, res, fake) => {
      if (req.headers.authorization !== `Bearer ${apiKey}`) {
        return sendJson(res, 401, cohereError(401, 'invalid api token'));
      }
      if (req.method === 'POST' && req.path === '/v2/embed') return embed(req, res, fake, models);
      if (req.method === 'POST' && req.path === '/v2/chat') return chat(req, res, fake);
      sendJson(res, 404, cohereError(404, `no route for ${req.method} ${req.path}`));
    },
  );
}

function badRequest(res: ServerResponse, error: z.ZodError): void {
  sendJson(res, 400, cohereError(400, `invalid request: ${z.prettifyError(error)}`));
}

async function embed(
  req: RecordedRequest,
  res: ServerResponse,
  fake: FakeCohere,
  models: Record<string, number>,
): Promise<void> {
  const parsed = EmbedRequest.safeParse(req.body);
  if (!parsed.success) return badRequest(res, parsed.error);
  const { model, texts, output_dimension, embedding_types } = parsed.data;
  let dimensions = models[model];
  if (dimensions === undefined) {
    return sendJson(res, 404, cohereError(404, `model '${model}' not found`));
  }
  if (output_dimension !== undefined) {
    if (model !== 'embed-v4.0' || !V4_DIMENSIONS.includes(output_dimension)) {
      return sendJson(
        res,
        400,
        cohereError(400, `invalid output_dimension ${output_dimension} for ${model}`),
      );
    }
    dimensions = output_dimension;
  }
  await sleep(fake.behaviour.delayMs, res);
  const float = texts.map((t) => fakeEmbedding(t, dimensions));
  sendJson(res, 200, {
    id: `embed-${fake.requests.length}`,
    response_type: 'embeddings_by_type',
    embeddings: embedding_types.includes('float') ? { float } : {},
    texts,
    meta: { api_version: { version: '2' }, billed_units: { input_tokens: texts.join(' ').length } },
  });
}

interface PlannedAnswer {
  text: string;
  citations: { start: number; end: number; text: string; sources: unknown[]; type: 'TEXT_CONTENT' }[];
}

/** Quotes the first sentence of one document and cites it; admits defeat with no documents. */
function planAnswer(request: FakeChatRequest, citeIndex: number): PlannedAnswer {
  const first = request.documents?.[citeIndex];
  if (first === undefined) return { text: 'I could not find this in the provided documents.', citations: [] };
  const data: Record<string, unknown> = typeof first === 'string' ? { snippet: first } : first.data;
  const id = typeof first === 'string' || first.id === undefined ? `doc_${citeIndex}` : first.id;
  const body = [data.snippet, data.text, data.content].find((v): v is string => typeof v === 'string') ?? '';
  const quote = (body.match(/^[^.!?\n]*[.!?]?/)?.[0] ?? body).trim().slice(0, 200) || 'the first passage';
  const lead = 'According to the textbook, ';
  const text = `${lead}${quote}`;
  return {
    text,
    citations: [
      {
        start: lead.length,
        end: text.length,
        text: quote,
        sources: [{ type: 'document', id, document: { id, ...data } }],
        type: 'TEXT_CONTENT',
      },
    ],
  };
}

async function chat(req: RecordedRequest, res: ServerResponse, fake: FakeCohere): Promise<void> {
  const parsed = ChatRequest.safeParse(req.body);
  if (!parsed.success) return badRequest(res, parsed.error);
  const answer = planAnswer(parsed.data, fake.behaviour.citeIndex);
  const id = `chat-${fake.requests.length}`;
  const usage = {
    billed_units: { input_tokens: 100, output_tokens: answer.text.split(' ').length },
    tokens: { input_tokens: 120, output_tokens: answer.text.split(' ').length + 2 },
  };
  const finish_reason = 'COMPLETE';
  if (parsed.data.stream !== true) {
    await sleep(fake.behaviour.delayMs, res);
    return sendJson(res, 200, {
      id,
      finish_reason,
      message: {
        role: 'assistant',
        content: [{ type: 'text', text: answer.text }],
        ...(answer.citations.length > 0 ? { citations: answer.citations } : {}),
      },
      usage,
    });
  }
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  res.flushHeaders();
  await sleep(fake.behaviour.delayMs, res);
  const send = (event: Record<string, unknown> & { type: string }) =>
    res.write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
  send({
    id,
    type: 'message-start',
    delta: { message: { role: 'assistant', content: [], tool_plan: '', tool_calls: [], citations: [] } },
  });
  send({ type: 'content-start', index: 0, delta: { message: { content: { type: 'text', text: '' } } } });
  const pieces = answer.text.match(/\S+\s*/g) ?? [];
  for (const [i, piece] of pieces.entries()) {
    send({ type: 'content-delta', index: 0, delta: { message: { content: { text: piece } } } });
    if (fake.behaviour.closeMidStream && i === 1) {
      await sleep(50, res); // let the first events reach the client before the socket goes
      return void res.destroy();
    }
  }
  for (const [i, citation] of answer.citations.entries()) {
    send({ type: 'citation-start', index: i, delta: { message: { citations: citation } } });
    send({ type: 'citation-end', index: i });
  }
  send({ type: 'content-end', index: 0 });
  send({ type: 'message-end', delta: { finish_reason, usage } });
  res.end();
}
