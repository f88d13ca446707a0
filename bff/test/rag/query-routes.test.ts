import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/platform/logger.js';
import { AppError } from '../../src/platform/errors.js';
import { ExtractiveGenerator } from '../../src/rag/generators/extractive-generator.js';
import { createQueryLogStore, type QueryLogStore } from '../../src/rag/query-log-store.js';
import { createQueryService, type QueryService } from '../../src/rag/query-service.js';
import type { Retriever } from '../../src/rag/retrieval/hybrid-retriever.js';
import type { GenerateEvent, Generator } from '../../src/rag/types.js';
import { ALLOWED_ORIGIN, startTestApp, type TestApp } from '../support/test-app.js';
import { ApiClient, aSignup } from '../support/client.js';
import { sampleBookRetriever } from './sample-book.js';

let app: TestApp;
let retriever: Retriever;
/** The service behind the route; a test swaps in a failing or slow one and puts it back. */
let current: QueryService;
let standard: QueryService;
const logger = createLogger({ logLevel: 'silent' });
/** The services' one write-behind log: a test flushes it before reading what an answer recorded. */
let queryLog: QueryLogStore;

async function loggedRow(queryId: string) {
  await queryLog.flush();
  return app.deps.db.knex('chatbot_queries').where({ id: queryId }).first();
}

function serviceWith(generator: Generator, overrides: { retriever?: Retriever } = {}): QueryService {
  return createQueryService({
    retriever: overrides.retriever ?? retriever,
    generator,
    queryLog,
  });
}

beforeAll(async () => {
  ({ retriever } = await sampleBookRetriever());
  app = await startTestApp({
    customize: (deps) => {
      const queries: QueryService = {
        answer: (...args) => current.answer(...args),
        recordFeedback: (...args) => current.recordFeedback(...args),
      };
      deps.rag.queries = queries;
    },
  });
  queryLog = createQueryLogStore(app.deps.db.knex, { logger });
  standard = serviceWith(new ExtractiveGenerator());
  current = standard;
});
afterAll(async () => {
  await queryLog?.close();
  await app?.close();
});

interface SseEvent {
  event: string;
  data: Record<string, any>;
}

function parseSse(text: string): SseEvent[] {
  return text
    .split('\n\n')
    .filter(Boolean)
    .map((block) => {
      const event = /^event: (.*)$/m.exec(block)![1]!;
      const data = JSON.parse(/^data: (.*)$/m.exec(block)![1]!) as Record<string, any>;
      return { event, data };
    });
}

const ask = (client: ApiClient, body: unknown, headers: Record<string, string> = {}) =>
  client.post<Record<string, any>>('/api/v1/query', body, headers);

describe('POST /api/v1/query', () => {
  it('when an anonymous reader asks, then the JSON answer has citations, the default level and a logged query id', async () => {
    const res = await ask(new ApiClient(app.baseUrl), { query: 'What is the Zero Moment Point?' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ personalization_applied: false, level: 'default', mode: 'extractive' });
    expect(res.body.answer).toMatch(/\[1\]/);
    expect(res.body.citations[0]).toEqual({
      title: expect.any(String),
      url: expect.stringMatching(/^https:\/\/book\.example\.org\/docs\/control\/balance-and-zmp/),
      heading_path: expect.any(Array),
      source_path: '04-control/03-balance-and-zmp.md',
      snippet: expect.any(String),
      score: expect.any(Number),
    });
    const row = await loggedRow(res.body.query_id);
    expect(row).toMatchObject({ user_id: null, level: 'default', mode: 'extractive', answered: true });
  });

  it('when a reader rates an answer, then the feedback lands on their own query only', async () => {
    const res = await ask(new ApiClient(app.baseUrl), { query: 'What is a PID controller?' });
    await expect(
      standard.recordFeedback(res.body.query_id, '00000000-0000-4000-8000-000000000009', -1),
    ).resolves.toBe(false);
    await expect(standard.recordFeedback(res.body.query_id, null, -1)).resolves.toBe(true);
    const row = await app.deps.db.knex('chatbot_queries').where({ id: res.body.query_id }).first();
    expect(row.feedback).toBe(-1);
  });

  it('when a signed-in advanced reader asks, then the answer is personalized and logged against them', async () => {
    const client = new ApiClient(app.baseUrl);
    const signup = await client.post<Record<string, any>>(
      '/api/v1/auth/signup',
      aSignup({ software_experience: 'Advanced', interests: ['humanoid walking'] }),
    );
    const res = await ask(client, { query: 'How is the ZMP computed?', max_results: 3 });
    expect(res.body).toMatchObject({ personalization_applied: true, level: 'Advanced' });
    const row = await loggedRow(res.body.query_id);
    expect(row).toMatchObject({
      user_id: signup.body.user.id,
      level: 'Advanced',
      personalization_applied: true,
    });
  });

  it('when the access token is no longer valid, then /query is 401 so the client refreshes, and answers again after it', async () => {
    const client = new ApiClient(app.baseUrl);
    await client.post('/api/v1/auth/signup', aSignup({ software_experience: 'Intermediate' }));
    const good = client.jar.get('ta_access')!;
    client.jar.set('ta_access', { ...good, value: `${good.value.slice(0, -2)}xx` });
    const stale = await ask(client, { query: 'What is a ROS 2 topic?' });
    expect(stale.status).toBe(401);
    expect(stale.body.error.code).toBe('unauthenticated');
    expect((await client.post('/api/v1/auth/refresh')).status).toBe(200);
    const fresh = await ask(client, { query: 'What is a ROS 2 topic?' });
    expect(fresh.status).toBe(200);
    expect(fresh.body).toMatchObject({ personalization_applied: true, level: 'Intermediate' });
  });

  it('when the session was signed out elsewhere, then /query is 401 until the dead cookies are dropped', async () => {
    const client = new ApiClient(app.baseUrl);
    await client.post('/api/v1/auth/signup', aSignup());
    const other = new ApiClient(app.baseUrl);
    for (const [k, v] of client.jar) other.jar.set(k, { ...v });
    expect((await other.post('/api/v1/auth/signout')).status).toBe(204);
    expect((await ask(client, { query: 'What is a ROS 2 topic?' })).status).toBe(401);
    expect((await client.post('/api/v1/auth/refresh')).status).toBe(401); // clears both cookies
    const anonymous = await ask(client, { query: 'What is a ROS 2 topic?' });
    expect(anonymous.status).toBe(200);
    expect(anonymous.body.level).toBe('default');
  });

  it('when the profile cannot be loaded, then the reader still gets the default answer', async () => {
    const client = new ApiClient(app.baseUrl);
    await client.post('/api/v1/auth/signup', aSignup());
    const original = app.deps.profiles.findByUserId;
    app.deps.profiles.findByUserId = async () => Promise.reject(new Error('profile table gone'));
    try {
      const res = await ask(client, { query: 'What is a PID controller?' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ level: 'default', personalization_applied: false });
    } finally {
      app.deps.profiles.findByUserId = original;
    }
  });

  it.each([
    ['an empty query', 'query', { query: '' }],
    ['a blank query', 'query', { query: '   ' }],
    ['a 2001-character query', 'query', { query: 'x'.repeat(2001) }],
    ['max_results 21', 'max_results', { query: 'PID?', max_results: 21 }],
    ['a fractional max_results', 'max_results', { query: 'PID?', max_results: 2.5 }],
    ['a 4001-character selection', 'selected_text', { query: 'PID?', selected_text: 'y'.repeat(4001) }],
    ['an unknown field', '(body)', { query: 'PID?', temperature: 2 }],
  ])('when the body has %s, then 400 validation_error names %s', async (_label, path, body) => {
    const res = await ask(new ApiClient(app.baseUrl), body);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_error');
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(path);
  });

  it('when the reader asks for an event stream, then meta, deltas and done arrive in order and add up to the answer', async () => {
    const res = await ask(
      new ApiClient(app.baseUrl),
      { query: 'How do I tune a PID controller?' },
      { Accept: 'text/event-stream' },
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(res.headers.get('cache-control')).toContain('no-cache');
    expect(res.headers.get('x-request-id')).toBeTruthy();
    const events = parseSse(res.body as unknown as string);
    expect(events[0]!.event).toBe('meta');
    expect(events.at(-1)!.event).toBe('done');
    expect(events.slice(1, -1).every((e) => e.event === 'delta')).toBe(true);
    expect(events.length).toBeGreaterThan(4);
    const done = events.at(-1)!.data;
    expect(
      events
        .slice(1, -1)
        .map((e) => e.data.text)
        .join(''),
    ).toBe(done.answer);
    expect(events[0]!.data.query_id).toBe(done.query_id);
  });

  it('when the question has a mistyped word, then meta and the answer say how it was read, as JSON and as a stream; when not, they say nothing', async () => {
    const client = new ApiClient(app.baseUrl);
    const readAs = [{ typed: 'recieve', read: 'receive' }];
    const json = await ask(client, { query: 'How does the robot recieve IMU data?' });
    expect(json.status).toBe(200);
    expect(json.body).toMatchObject({ answered: true, read_as: readAs });
    const stream = await ask(
      client,
      { query: 'How does the robot recieve IMU data?' },
      { Accept: 'text/event-stream' },
    );
    const events = parseSse(stream.body as unknown as string);
    expect(events[0]).toMatchObject({ event: 'meta', data: { read_as: readAs } });
    expect(events.at(-1)).toMatchObject({ event: 'done', data: { read_as: readAs } });
    const spelt = await ask(client, { query: 'How does the robot receive IMU data?' });
    expect(spelt.body).not.toHaveProperty('read_as');
    expect(spelt.body.answer).toBe(json.body.answer);
  });

  it('when nothing was ingested, then even a streaming request gets a plain 503 index_not_ready error', async () => {
    current = serviceWith(new ExtractiveGenerator(), {
      retriever: {
        invalidate: () => undefined,
        retrieve: () => Promise.reject(new AppError('INDEX_NOT_READY', 'No textbook has been ingested yet')),
      },
    });
    try {
      const res = await ask(new ApiClient(app.baseUrl), { query: 'PID?' }, { Accept: 'text/event-stream' });
      expect(res.status).toBe(503);
      expect(res.body.error.code).toBe('index_not_ready');
    } finally {
      current = standard;
    }
  });

  it('when generation fails after streaming began, then an error event with the error shape ends the stream', async () => {
    current = serviceWith({
      mode: 'extractive',
      async *generate(): AsyncIterable<GenerateEvent> {
        yield { type: 'delta', text: 'Half an answer' };
        throw new AppError('GENERATOR_UNAVAILABLE', 'The generator went away.');
      },
    });
    try {
      const res = await ask(
        new ApiClient(app.baseUrl),
        { query: 'What is a PID controller?' },
        { Accept: 'text/event-stream' },
      );
      const events = parseSse(res.body as unknown as string);
      expect(events.map((e) => e.event)).toEqual(['meta', 'delta', 'error']);
      expect(events[2]!.data).toEqual({
        error: { code: 'generator_unavailable', message: 'The generator went away.' },
      });
    } finally {
      current = standard;
    }
  });

  it('when the client disconnects mid-stream, then generation is aborted', async () => {
    let aborted!: () => void;
    const abortSeen = new Promise<void>((resolve) => (aborted = resolve));
    current = serviceWith({
      mode: 'extractive',
      async *generate(_input, signal): AsyncIterable<GenerateEvent> {
        yield { type: 'delta', text: 'Thinking' };
        await new Promise<void>((resolve) =>
          signal?.addEventListener('abort', () => resolve(), { once: true }),
        );
        aborted();
        throw signal?.reason;
      },
    });
    try {
      const controller = new AbortController();
      const res = await fetch(`${app.baseUrl}/api/v1/query`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'text/event-stream', Origin: ALLOWED_ORIGIN },
        body: JSON.stringify({ query: 'What is a PID controller?' }),
        signal: controller.signal,
      });
      const reader = res.body!.getReader();
      await reader.read();
      controller.abort();
      await expect(
        Promise.race([
          abortSeen.then(() => 'aborted'),
          new Promise((r) => setTimeout(() => r('timeout'), 5_000)),
        ]),
      ).resolves.toBe('aborted');
    } finally {
      current = standard;
    }
  });
});
