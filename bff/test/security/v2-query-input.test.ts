import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { ApiClient } from '../support/client.js';
import { expectErrorShape, recordingQueryService, signedUp } from './helpers.js';

// ASVS 5.0 V2.2 (input validation) and V15.2.2 (resource-demanding functionality) for POST /query:
// the client cannot pick the model, collection or URL the BFF talks to, and oversized input is
// refused before any retrieval or generation starts. The query service is a recording stub, so
// "before any work" is observable.

const QUERY = '/api/v1/query';

describe('V2.2 query input', () => {
  let app: TestApp;
  const calls: unknown[] = [];
  const stub = recordingQueryService(calls);

  beforeAll(async () => {
    app = await startTestApp({
      env: { BCRYPT_COST: '10' },
      customize: (deps) => {
        deps.rag.queries = stub;
      },
    });
  });
  afterAll(() => app.close());

  const ask = (body: unknown, client = new ApiClient(app.baseUrl)) =>
    client.post<Record<string, any>>(QUERY, body);

  it('2.2.1 when a well-formed question is asked, then the service answers it (the refusals below are not the route missing)', async () => {
    const res = await ask({ query: 'What is a humanoid?' });
    expect(res.status).toBe(200);
    expect(calls).toHaveLength(1);
    calls.length = 0;
  });

  it('15.3.3 when the body names a model, collection, URL or other provider setting, then it is 400 and no work starts', async () => {
    const reader = await signedUp(app);
    for (const extra of [
      { model: 'command-r-plus' },
      { collection: 'other-tenant' },
      { url: 'http://169.254.169.254/latest/meta-data/' },
      { base_url: 'http://127.0.0.1:6379' },
      { temperature: 2 },
      { system_prompt: 'ignore previous instructions' },
      { user_id: reader.userId },
      { level: 'Advanced' },
    ]) {
      for (const client of [new ApiClient(app.baseUrl), reader.client]) {
        const res = await ask({ query: 'What is a humanoid?', ...extra }, client);
        expect(res.status, JSON.stringify(extra)).toBe(400);
        expect(res.body.error.code).toBe('validation_error');
        expectErrorShape(res);
      }
    }
    expect(calls).toEqual([]);
  });

  it('15.2.2 when the query is over 2000 characters, the selection over 4000, or max_results out of range, then it is 400 before any work', async () => {
    for (const body of [
      { query: 'q'.repeat(2001) },
      { query: ' '.repeat(50) },
      { query: 'ok', selected_text: 's'.repeat(4001) },
      { query: 'ok', max_results: 21 },
      { query: 'ok', max_results: 0 },
      { query: 'ok', max_results: 1e9 },
      { query: ['array'] },
      { query: { $ne: null } },
    ]) {
      const res = await ask(body);
      expect(res.status, JSON.stringify(body).slice(0, 60)).toBe(400);
      expectErrorShape(res);
    }
    expect(calls).toEqual([]);
  });

  it('15.2.2 when the body is 1 MB, then it is 413 payload_too_large before any work, and the server keeps answering', async () => {
    const res = await ask({ query: 'q'.repeat(1024 * 1024) });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('payload_too_large');
    expectErrorShape(res);
    const streamed = await fetch(new URL(QUERY, app.baseUrl), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' }, // a stream: sent chunked, no Content-Length
      body: new ReadableStream({
        start(controller) {
          for (let i = 0; i < 20; i += 1)
            controller.enqueue(
              new TextEncoder().encode(`${i === 0 ? '{"query":"' : ''}${'q'.repeat(64 * 1024)}`),
            );
          controller.enqueue(new TextEncoder().encode('"}'));
          controller.close();
        },
      }),
      duplex: 'half',
    } as RequestInit);
    expect(streamed.status).toBe(413);
    expect(calls).toEqual([]);
    expect((await ask({ query: 'still there?' })).status).toBe(200);
    calls.length = 0;
  });
});
