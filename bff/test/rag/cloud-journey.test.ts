import { resolve } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ingestDocs } from '../../src/rag/ingest/ingest.js';
import { startFakeCohere, FAKE_COHERE_KEY, type FakeCohere } from '../fakes/fake-cohere.js';
import { startFakeQdrant, type FakeQdrant } from '../fakes/fake-qdrant.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { ApiClient, aSignup } from '../support/client.js';
import { fillTemplate } from '../../src/rag/personalize/prompts.js';

const BOOK = resolve(import.meta.dirname, '../../../examples/textbook');
const TIMEOUT_MS = 1500;

/**
 * The production configuration end to end: COHERE_API_KEY and QDRANT_URL set, the real cohere-ai
 * and @qdrant/js-client-rest clients inside the real BFF, talking to local servers that speak
 * their HTTP APIs.
 */
describe('the BFF on Cohere and Qdrant (test servers)', () => {
  let cohere: FakeCohere;
  let qdrant: FakeQdrant;
  let app: TestApp;

  beforeAll(async () => {
    cohere = await startFakeCohere();
    qdrant = await startFakeQdrant();
    app = await startTestApp({
      env: {
        COHERE_API_KEY: FAKE_COHERE_KEY,
        COHERE_BASE_URL: cohere.url,
        QDRANT_URL: qdrant.url,
        QDRANT_COLLECTION: 'journey',
        PROVIDER_TIMEOUT_MS: String(TIMEOUT_MS),
      },
    });
    const summary = await ingestDocs({
      docsDir: BOOK,
      baseUrl: 'https://book.example.org/',
      embedder: app.deps.rag.embedder,
      store: app.deps.rag.store,
    });
    expect(summary.skipped).toEqual([]);
    expect(summary.added).toBeGreaterThan(50);
    app.deps.rag.retriever.invalidate();
  });
  afterAll(async () => {
    await app?.close();
    await cohere?.close();
    await qdrant?.close();
  });
  beforeEach(() => {
    cohere.reset();
    qdrant.reset();
  });

  const ask = (client: ApiClient, body: unknown, headers: Record<string, string> = {}) =>
    client.post<Record<string, any>>('/api/v1/query', body, headers);

  it('when the book was ingested, then its chunks sit in the Qdrant collection, embedded by Cohere', () => {
    const collection = qdrant.collections.get('journey');
    expect(collection).toBeDefined();
    expect(collection!.points.size).toBeGreaterThan(50);
    expect(app.deps.rag.embedder.id).toMatch(/^cohere\//);
  });

  it('when an anonymous reader asks, then Cohere chat gets the passages as documents and its citations map to book pages', async () => {
    const res = await ask(new ApiClient(app.baseUrl), {
      query: 'What does the derivative term of a PID controller do?',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ mode: 'cohere', level: 'default', personalization_applied: false });
    expect(res.body.answer.length).toBeGreaterThan(10);
    expect(res.body.citations.length).toBeGreaterThan(0);
    for (const c of res.body.citations) expect(c.url).toMatch(/^https:\/\/book\.example\.org\//);
    const chat = cohere.requests.find((r) => r.path === '/v2/chat')!;
    const body = chat.body as {
      model: string;
      documents: unknown[];
      messages: { role: string; content: string }[];
    };
    expect(body.documents.length).toBeGreaterThan(0);
    expect(body.messages[0]!.role).toBe('system');
    expect(chat.headers.authorization).toBe(`Bearer ${FAKE_COHERE_KEY}`);
    expect(cohere.requests.some((r) => r.path === '/v2/embed')).toBe(true);
    expect(qdrant.requests.some((r) => r.path.endsWith('/points/query'))).toBe(true);
  });

  it('when a signed-in Advanced reader asks, then the system prompt sent to Cohere is the Advanced one', async () => {
    const client = new ApiClient(app.baseUrl);
    await client.post(
      '/api/v1/auth/signup',
      aSignup({ software_experience: 'Advanced', interests: ['bipedal balance'] }),
    );
    const res = await ask(client, { query: 'How is the zero moment point used for balance?' });
    expect(res.body).toMatchObject({ mode: 'cohere', level: 'Advanced', personalization_applied: true });
    const chat = cohere.requests.find((r) => r.path === '/v2/chat')!;
    const system = (chat.body as { messages: { role: string; content: string }[] }).messages[0]!.content;
    expect(system).toBe(fillTemplate('Advanced', 'bipedal balance'));
  });

  it('when a follow-up carries the conversation, then Cohere chat receives the turns as messages and retrieval searches the resolved question', async () => {
    const history = [
      { role: 'user', content: 'What is the zero moment point?' },
      { role: 'assistant', content: 'The point where the ground reaction has no tipping moment [1].' },
    ];
    const res = await ask(new ApiClient(app.baseUrl), { query: 'Why does it matter?', history });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ mode: 'cohere', answered: true });
    const chat = cohere.requests.find((r) => r.path === '/v2/chat')!;
    const messages = (chat.body as { messages: { role: string; content: string }[] }).messages;
    expect(messages.slice(1)).toEqual([...history, { role: 'user', content: 'Why does it matter?' }]);
    const embed = cohere.requests.find((r) => r.path === '/v2/embed')!;
    const [searched] = (embed.body as { texts: string[] }).texts;
    expect(searched).toContain('zero moment point');
    expect(searched).toContain('Why does it matter?');
  });

  it('when the reader asks for a stream, then Cohere deltas arrive as SSE and add up to the answer', async () => {
    const res = await ask(
      new ApiClient(app.baseUrl),
      { query: 'What is a ROS 2 topic?' },
      { Accept: 'text/event-stream' },
    );
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const text = String(res.body);
    const events = [...text.matchAll(/^event: (\w+)$/gm)].map((m) => m[1]);
    expect(events[0]).toBe('meta');
    expect(events.filter((e) => e === 'delta').length).toBeGreaterThan(1);
    expect(events.at(-1)).toBe('done');
  });

  it('when Qdrant hangs, then /query fails with a 503 or 504 within the timeout and accounts keep working', async () => {
    qdrant.behaviour.hang = true;
    const started = performance.now();
    const res = await ask(new ApiClient(app.baseUrl), { query: 'What is a ROS 2 topic?' });
    const ms = performance.now() - started;
    expect([503, 504]).toContain(res.status);
    expect(res.body.error.code).toMatch(/upstream_timeout|vector_store_unavailable/);
    expect(ms).toBeLessThan(TIMEOUT_MS * 4);
    const client = new ApiClient(app.baseUrl);
    expect((await client.post('/api/v1/auth/signup', aSignup())).status).toBe(201);
    expect((await client.get('/api/v1/profile')).status).toBe(200);
  });

  it('when Cohere answers 500, then /query is 503 naming it, with no retry storm', async () => {
    cohere.behaviour.status500 = true;
    const res = await ask(new ApiClient(app.baseUrl), { query: 'What is a ROS 2 topic?' });
    expect(res.status).toBe(503);
    expect(res.body.error.code).toMatch(/embedder_unavailable|generator_unavailable/);
    expect(JSON.stringify(res.body)).not.toContain(FAKE_COHERE_KEY);
    expect(cohere.requests.length).toBeLessThanOrEqual(2);
  });

  it('when Cohere closes the connection, then /query is 503 and the next question works again', async () => {
    cohere.behaviour.closeConnection = true;
    const res = await ask(new ApiClient(app.baseUrl), { query: 'What is a ROS 2 topic?' });
    expect(res.status).toBe(503);
    cohere.reset();
    expect((await ask(new ApiClient(app.baseUrl), { query: 'What is a ROS 2 topic?' })).status).toBe(200);
  });

  it('when Cohere drops a connection once (a stale keep-alive), then the idempotent embed call is retried and the reader gets an answer', async () => {
    cohere.behaviour.closeNext = 1;
    const res = await ask(new ApiClient(app.baseUrl), { query: 'What is a ROS 2 topic?' });
    expect(res.status).toBe(200);
    expect(cohere.requests.filter((r) => r.path === '/v2/embed')).toHaveLength(2);
  });

  it('when /readyz is asked, then it reports the vector store through Qdrant', async () => {
    const ok = await new ApiClient(app.baseUrl).get<Record<string, any>>('/readyz');
    expect(ok.body.checks.vector_store.status).toBe('ok');
    qdrant.behaviour.status500 = true;
    const down = await new ApiClient(app.baseUrl).get<Record<string, any>>('/readyz');
    expect(down.status).toBe(503);
    expect(down.body.checks.vector_store.status).toBe('down');
  });
});
