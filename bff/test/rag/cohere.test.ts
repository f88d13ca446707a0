import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { CohereEmbedder } from '../../src/rag/cohere-embedder.js';
import { CohereGenerator } from '../../src/rag/generators/cohere-generator.js';
import type { GenerateEvent, GenerateInput, SearchHit } from '../../src/rag/types.js';
import { FAKE_COHERE_KEY, fakeEmbedding, startFakeCohere, type FakeCohere } from '../fakes/fake-cohere.js';
import { appFailure } from './app-failure.js';

/** The timeout the hang tests wait out; everything else gets slack so a cold, busy worker never flakes. */
const TIMEOUT_MS = 500;
const SLACK_MS = 10_000;
let fake: FakeCohere;

beforeAll(async () => {
  fake = await startFakeCohere({ models: { 'embed-house-model': 48 } });
  // Load the client's fetch path once so the first test does not pay for it.
  await embedder().embed(['warm up'], 'search_query');
  fake.reset();
});
afterEach(() => fake.reset());
afterAll(() => fake.close());

const embedder = (
  embedModel = 'embed-english-v3.0',
  extra: { apiKey?: string; outputDimension?: number; timeoutMs?: number } = {},
) => {
  const { timeoutMs = SLACK_MS, ...cfg } = extra;
  return new CohereEmbedder({ apiKey: FAKE_COHERE_KEY, baseUrl: fake.url, embedModel, ...cfg }, timeoutMs);
};
const generator = ({ apiKey = FAKE_COHERE_KEY, timeoutMs = SLACK_MS } = {}) =>
  new CohereGenerator({ apiKey, baseUrl: fake.url, chatModel: 'command-a-03-2025' }, timeoutMs);

function hit(i: number, text: string): SearchHit {
  return {
    id: `00000000-0000-4000-8000-00000000000${i}`,
    score: 1 - i / 10,
    payload: {
      text,
      title: `Page ${i}`,
      heading_path: [`Page ${i}`, 'Section'],
      url: `https://book.example/docs/page-${i}#section`,
      source_path: `page-${i}.md`,
      chunk_index: 0,
      content_hash: `hash-${i}`,
    },
  };
}

const input = (overrides: Partial<GenerateInput> = {}): GenerateInput => ({
  query: 'What does a PID controller do?',
  persona: {
    level: 'Beginner',
    interests: ['drones'],
    systemPrompt: 'You are a patient tutor.',
    personalized: true,
  },
  documents: [
    hit(0, 'A PID controller corrects the error between a setpoint and a measurement. It has three terms.'),
    hit(1, 'ROS 2 nodes talk over topics. Topics carry typed messages.'),
  ],
  ...overrides,
});

async function collect(events: AsyncIterable<GenerateEvent>): Promise<GenerateEvent[]> {
  const all: GenerateEvent[] = [];
  for await (const event of events) all.push(event);
  return all;
}

describe('CohereEmbedder', () => {
  it('when embedding documents, then it posts model, texts, input_type and float embedding_types with the bearer key', async () => {
    const vectors = await embedder().embed(['alpha beta', 'gamma'], 'search_document');

    expect(fake.requests).toHaveLength(1);
    const [request] = fake.requests;
    expect(request?.path).toBe('/v2/embed');
    expect(request?.headers.authorization).toBe(`Bearer ${FAKE_COHERE_KEY}`);
    expect(request?.body).toEqual({
      model: 'embed-english-v3.0',
      texts: ['alpha beta', 'gamma'],
      input_type: 'search_document',
      embedding_types: ['float'],
    });
    expect(vectors).toEqual([fakeEmbedding('alpha beta', 1024), fakeEmbedding('gamma', 1024)]);
  });

  it('when embedding a query, then input_type is search_query', async () => {
    await embedder().embed(['how do topics work'], 'search_query');
    expect(fake.requests[0]?.body).toMatchObject({ input_type: 'search_query' });
  });

  it('when given 200 texts, then it sends batches of at most 96 and keeps the order', async () => {
    const texts = Array.from({ length: 200 }, (_, i) => `text number ${i}`);
    const vectors = await embedder('embed-english-light-v3.0').embed(texts, 'search_document');

    const sizes = fake.requests.map((r) => (r.body as { texts: string[] }).texts.length);
    expect(sizes).toEqual([96, 96, 8]);
    expect(vectors).toHaveLength(200);
    expect(vectors[137]).toEqual(fakeEmbedding('text number 137', 384));
  });

  it('when the model is known, then id and dimensions come from the table before any call', () => {
    expect(embedder('embed-v4.0').id).toBe('cohere/embed-v4.0/1536');
    expect(embedder('embed-english-v3.0').dimensions).toBe(1024);
    expect(embedder('embed-english-light-v3.0').id).toBe('cohere/embed-english-light-v3.0/384');
    expect(fake.requests).toHaveLength(0);
  });

  it('when an output dimension is set for embed-v4.0, then it is sent and names the index', async () => {
    const e = embedder('embed-v4.0', { outputDimension: 512 });
    const [vector] = await e.embed(['x'], 'search_query');
    expect(fake.requests[0]?.body).toMatchObject({ output_dimension: 512 });
    expect(vector).toHaveLength(512);
    expect(e.id).toBe('cohere/embed-v4.0/512');
  });

  it('when the model is not in the table, then the dimensions are detected from the first response', async () => {
    const e = embedder('embed-house-model');
    expect(e.dimensions).toBe(0);
    expect(await e.detectDimensions()).toBe(48);
    expect(e.id).toBe('cohere/embed-house-model/48');
  });

  it('when the key is wrong, then EMBEDDER_UNAVAILABLE names the setting, never the key, and is not retried', async () => {
    const { error } = await appFailure(() =>
      embedder('embed-v4.0', { apiKey: 'sk-wrong-secret' }).embed(['x'], 'search_query'),
    );
    expect(error.code).toBe('embedder_unavailable');
    expect(error.message).toContain('COHERE_API_KEY');
    expect(error.message).not.toContain('sk-wrong-secret');
    expect(fake.requests).toHaveLength(1);
  });

  it('when Cohere answers 401, then EMBEDDER_UNAVAILABLE', async () => {
    fake.behaviour.status401 = true;
    const { error } = await appFailure(() => embedder().embed(['x'], 'search_query'));
    expect(error.code).toBe('embedder_unavailable');
    expect(error.status).toBe(503);
  });

  it('when Cohere hangs, then UPSTREAM_TIMEOUT within about the timeout and one request', async () => {
    fake.behaviour.hang = true;
    const { error, ms } = await appFailure(() =>
      embedder(undefined, { timeoutMs: TIMEOUT_MS }).embed(['x'], 'search_query'),
    );
    expect(error.code).toBe('upstream_timeout');
    expect(error.message).toContain(`${TIMEOUT_MS} ms`);
    expect(ms).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
    expect(ms).toBeLessThan(TIMEOUT_MS + 1500);
    expect(fake.requests).toHaveLength(1);
  });

  it('when Cohere answers 500, then EMBEDDER_UNAVAILABLE after at most one retry', async () => {
    fake.behaviour.status500 = true;
    const { error } = await appFailure(() => embedder().embed(['x'], 'search_query'));
    expect(error.code).toBe('embedder_unavailable');
    expect(error.message).toContain('500');
    expect(fake.requests.length).toBeGreaterThanOrEqual(1);
    expect(fake.requests.length).toBeLessThanOrEqual(2);
  });

  it('when Cohere closes the connection, then EMBEDDER_UNAVAILABLE and no retry storm', async () => {
    fake.behaviour.closeConnection = true;
    const { error } = await appFailure(() => embedder().embed(['x'], 'search_query'));
    expect(error.code).toBe('embedder_unavailable');
    expect(fake.requests.length).toBeLessThanOrEqual(2);
  });

  it('when nothing listens, then EMBEDDER_UNAVAILABLE says the connection was refused', async () => {
    const gone = await startFakeCohere();
    await gone.close();
    const e = new CohereEmbedder(
      { apiKey: FAKE_COHERE_KEY, baseUrl: gone.url, embedModel: 'embed-v4.0' },
      TIMEOUT_MS,
    );
    const { error } = await appFailure(() => e.embed(['x'], 'search_query'));
    expect(error.code).toBe('embedder_unavailable');
    expect(error.message).toContain('connection refused');
  });

  it('when the caller aborts, then the call stops with the abort reason, not an AppError', async () => {
    fake.behaviour.hang = true;
    const controller = new AbortController();
    const pending = embedder().embed(['x'], 'search_query', controller.signal);
    // Abort only once the request is in, so it cannot land in the next test's recording.
    await vi.waitFor(() => expect(fake.requests).toHaveLength(1));
    controller.abort(new Error('client went away'));
    await expect(pending).rejects.toThrow('client went away');
  });
});

describe('CohereGenerator', () => {
  it('when streaming, then it sends the system prompt, the question and the chunks as documents', async () => {
    await collect(generator().generate(input()));

    expect(fake.requests).toHaveLength(1);
    const [request] = fake.requests;
    expect(request?.path).toBe('/v2/chat');
    expect(request?.headers.authorization).toBe(`Bearer ${FAKE_COHERE_KEY}`);
    expect(request?.body).toEqual({
      model: 'command-a-03-2025',
      stream: true,
      messages: [
        { role: 'system', content: 'You are a patient tutor.' },
        { role: 'user', content: 'What does a PID controller do?' },
      ],
      documents: [0, 1].map((i) => ({
        id: String(i),
        data: {
          title: `Page ${i}`,
          snippet: input().documents[i]?.payload.text,
          url: `https://book.example/docs/page-${i}#section`,
        },
      })),
    });
  });

  it('when the answer streams, then deltas add up to the done text and the citation maps to its document', async () => {
    const events = await collect(generator().generate(input()));

    const deltas = events.filter((e) => e.type === 'delta');
    const done = events.at(-1);
    expect(deltas.length).toBeGreaterThan(3);
    expect(done?.type).toBe('done');
    if (done?.type !== 'done') return;
    expect(deltas.map((d) => d.text).join('')).toBe(done.text);
    expect(done.text).toContain('A PID controller corrects the error between a setpoint and a measurement.');
    expect(done.citations).toEqual([{ documentIndex: 0 }]);
    expect(done.answered).toBe(true);
  });

  it('when the model cites the second document, then the citation points at index 1', async () => {
    fake.behaviour.citeIndex = 1;
    const done = (await collect(generator().generate(input()))).at(-1);
    expect(done).toMatchObject({ type: 'done', citations: [{ documentIndex: 1 }] });
    expect(done?.text).toContain('ROS 2 nodes talk over topics.');
  });

  it('when a passage is selected, then it is quoted in the user message', async () => {
    await collect(generator().generate(input({ selectedText: 'the integral term' })));
    const body = fake.requests[0]?.body as { messages: { role: string; content: string }[] };
    expect(body.messages[1]?.content).toContain('What does a PID controller do?');
    expect(body.messages[1]?.content).toContain('"""\nthe integral term\n"""');
  });

  it('when the conversation has earlier turns, then they go between the system prompt and the question, oldest first', async () => {
    const history = [
      { role: 'user' as const, content: 'What is a PID controller?' },
      { role: 'assistant' as const, content: 'A controller with three terms [1].' },
    ];
    await collect(generator().generate(input({ query: 'Why three?', history })));
    const body = fake.requests[0]?.body as { messages: { role: string; content: string }[] };
    expect(body.messages).toEqual([
      { role: 'system', content: 'You are a patient tutor.' },
      { role: 'user', content: 'What is a PID controller?' },
      { role: 'assistant', content: 'A controller with three terms [1].' },
      { role: 'user', content: 'Why three?' },
    ]);
  });

  it('when there are no documents, then none are sent and the answer is not marked answered', async () => {
    const done = (await collect(generator().generate(input({ documents: [] })))).at(-1);
    expect(fake.requests[0]?.body).not.toHaveProperty('documents');
    expect(done).toMatchObject({ type: 'done', citations: [], answered: false });
  });

  it('when Cohere answers 500, then GENERATOR_UNAVAILABLE after at most one retry', async () => {
    fake.behaviour.status500 = true;
    const { error } = await appFailure(() => collect(generator().generate(input())));
    expect(error.code).toBe('generator_unavailable');
    expect(fake.requests.length).toBeLessThanOrEqual(2);
  });

  it('when the key is rejected, then GENERATOR_UNAVAILABLE names the setting, not the key', async () => {
    const { error } = await appFailure(() =>
      collect(generator({ apiKey: 'sk-other-secret' }).generate(input())),
    );
    expect(error.code).toBe('generator_unavailable');
    expect(error.message).toContain('COHERE_API_KEY');
    expect(error.message).not.toContain('sk-other-secret');
  });

  it('when Cohere hangs before answering, then UPSTREAM_TIMEOUT within about the timeout', async () => {
    fake.behaviour.hang = true;
    const { error, ms } = await appFailure(() =>
      collect(generator({ timeoutMs: TIMEOUT_MS }).generate(input())),
    );
    expect(error.code).toBe('upstream_timeout');
    expect(ms).toBeLessThan(TIMEOUT_MS + 1500);
    expect(fake.requests).toHaveLength(1);
  });

  it('when the headers arrive but the first token does not, then UPSTREAM_TIMEOUT and no delta', async () => {
    fake.behaviour.delayMs = 5_000;
    const seen: GenerateEvent[] = [];
    const { error, ms } = await appFailure(async () => {
      for await (const event of generator({ timeoutMs: TIMEOUT_MS }).generate(input())) seen.push(event);
    });
    expect(error.code).toBe('upstream_timeout');
    expect(ms).toBeLessThan(TIMEOUT_MS * 2 + 1000);
    expect(seen).toEqual([]);
    expect(fake.requests).toHaveLength(1);
  });

  it('when the first token is slow but within the timeout, then the answer completes', async () => {
    fake.behaviour.delayMs = 500;
    const done = (await collect(generator({ timeoutMs: 2_000 }).generate(input()))).at(-1);
    expect(done?.type).toBe('done');
  });

  it('when the connection drops mid-answer, then GENERATOR_UNAVAILABLE and no done event', async () => {
    fake.behaviour.closeMidStream = true;
    const seen: GenerateEvent[] = [];
    const { error } = await appFailure(async () => {
      for await (const event of generator().generate(input())) seen.push(event);
    });
    expect(error.code).toBe('generator_unavailable');
    expect(error.message).toContain('connection closed');
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.some((e) => e.type === 'done')).toBe(false);
  });

  it('when the caller aborts while waiting for tokens, then it stops at once with the abort reason', async () => {
    fake.behaviour.delayMs = 5_000;
    const controller = new AbortController();
    const pending = collect(generator().generate(input(), controller.signal));
    await vi.waitFor(() => expect(fake.requests).toHaveLength(1));
    const started = performance.now();
    controller.abort(new Error('client went away'));
    await expect(pending).rejects.toThrow('client went away');
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('when Cohere closes the connection at once, then GENERATOR_UNAVAILABLE', async () => {
    fake.behaviour.closeConnection = true;
    const { error } = await appFailure(() => collect(generator().generate(input())));
    expect(error.code).toBe('generator_unavailable');
    expect(fake.requests.length).toBeLessThanOrEqual(2);
  });
});

describe('fake Cohere', () => {
  it('when a request uses camelCase fields, then it answers 400 like the real API', async () => {
    const response = await fetch(`${fake.url}/v2/embed`, {
      method: 'POST',
      headers: { authorization: `Bearer ${FAKE_COHERE_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'embed-v4.0',
        texts: ['x'],
        inputType: 'search_query',
        embeddingTypes: ['float'],
      }),
    });
    expect(response.status).toBe(400);
  });
});
