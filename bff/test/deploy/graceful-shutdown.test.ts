import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../../src/platform/config.js';
import { openDatabase } from '../../src/platform/db/database.js';
import { ingestDocs } from '../../src/rag/ingest/ingest.js';
import { createEmbedder, createVectorStore } from '../../src/rag/providers.js';
import { FAKE_COHERE_KEY, startFakeCohere, type FakeCohere } from '../fakes/fake-cohere.js';
import { startFakeQdrant, type FakeQdrant } from '../fakes/fake-qdrant.js';
import { ApiClient, aSignup } from '../support/client.js';
import { ALLOWED_ORIGIN } from '../support/test-app.js';
import { REPO_ROOT } from '../support/run-command.js';
import { freePort } from '../resilience/support/own-postgres.js';
import { fromLayout, startBffProcess, type BffProcess } from '../resilience/support/bff-process.js';

// SIGTERM (docker stop, a rolling deploy) on the production build: what is in flight finishes.
// Cohere's test server answers slowly, so a streamed answer is still open when the signal lands.
describe('SIGTERM on the production build', () => {
  const layout = inject('layoutDir');
  let cohere: FakeCohere;
  let qdrant: FakeQdrant;
  let dataDir: string;
  const env = (extra: Record<string, string> = {}) => ({
    BETTER_AUTH_SECRET: 'a-production-secret-of-at-least-32-bytes!',
    DATA_DIR: dataDir,
    COHERE_API_KEY: FAKE_COHERE_KEY,
    COHERE_BASE_URL: cohere.url,
    QDRANT_URL: qdrant.url,
    PROVIDER_TIMEOUT_MS: '30000',
    LOG_LEVEL: 'info',
    ...extra,
  });

  beforeAll(async () => {
    [cohere, qdrant] = await Promise.all([startFakeCohere(), startFakeQdrant()]);
    dataDir = await mkdtemp(join(tmpdir(), 'ta-shutdown-'));
    const config = loadConfig({ ...process.env, NODE_ENV: 'test', ...env() });
    await ingestDocs({
      docsDir: join(REPO_ROOT, 'examples/textbook'),
      baseUrl: 'https://book.example.org/',
      embedder: await createEmbedder(config),
      store: await createVectorStore(config, undefined),
    });
  });
  afterAll(async () => {
    await Promise.all([cohere?.close(), qdrant?.close()]);
    await rm(dataDir, { recursive: true, force: true });
  });

  const stream = (bff: BffProcess) =>
    fetch(`${bff.baseUrl}/api/v1/query`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'text/event-stream', Origin: ALLOWED_ORIGIN },
      body: JSON.stringify({ query: 'What does a ROS 2 node do?' }),
    }).then(async (res) => ({ status: res.status, text: await res.text() }));

  it('when SIGTERM lands during a sign-up and a streamed answer, then both complete, the answer is in the query log, new connections are refused, and it exits 0', async () => {
    const bff = await startBffProcess(
      await freePort(),
      env({ SHUTDOWN_GRACE_MS: '20000' }),
      fromLayout(layout),
    );
    try {
      expect((await new ApiClient(bff.baseUrl).get('/readyz')).status).toBe(200);
      cohere.behaviour.delayMs = 1_500; // the query embedding, then the chat stream: about 3 s
      const answer = stream(bff);
      const signup = new ApiClient(bff.baseUrl).post('/api/v1/auth/signup', aSignup()); // bcrypt cost 12
      await sleep(150);
      bff.child.kill('SIGTERM');
      const [streamed, signedUp] = await Promise.all([answer, signup]);
      expect(signedUp.status).toBe(201);
      expect(streamed.status).toBe(200);
      expect(streamed.text).toContain('event: delta');
      expect(streamed.text).toContain('event: done');
      expect(await bff.exited).toBe(0);
      expect(bff.output()).toMatch(/"cut":0/);
      // The query log is written behind the answers: shutdown writes what is queued before it closes.
      const queryId = /"query_id":"([0-9a-f-]{36})"/.exec(streamed.text)?.[1];
      const db = await openDatabase({ dataDir, databaseUrl: undefined });
      try {
        expect(await db.knex('chatbot_queries').where({ id: queryId }).first('id')).toEqual({ id: queryId });
      } finally {
        await db.close();
      }
    } finally {
      cohere.behaviour.delayMs = 0;
      if (bff.child.exitCode === null) bff.child.kill('SIGKILL');
    }
  });

  it('when SIGTERM lands and an answer outlasts SHUTDOWN_GRACE_MS, then it is cut at the deadline and the process still exits 0', async () => {
    const bff = await startBffProcess(
      await freePort(),
      env({ SHUTDOWN_GRACE_MS: '1000' }),
      fromLayout(layout),
    );
    try {
      cohere.behaviour.delayMs = 20_000;
      const answer = stream(bff).catch((err: Error) => ({ status: 0, text: err.message }));
      await sleep(300);
      const signalledAt = Date.now();
      bff.child.kill('SIGTERM');
      // A signal reaches the process's event loop asynchronously: a request sent in the same instant
      // may be served first. Once the process has taken the signal (its "shutting down" line),
      // /readyz is never 200: a request that raced it is answered 503 (shutting down), and soon no
      // connection is accepted at all.
      while (!bff.output().includes('"msg":"shutting down"') && Date.now() - signalledAt < 5_000)
        await sleep(5);
      expect(bff.output()).toContain('"msg":"shutting down"');
      const seen = new Set<string>();
      for (let refused = false; !refused && Date.now() - signalledAt < 5_000;) {
        const res = await fetch(`${bff.baseUrl}/readyz`).catch(() => null);
        if (!res) refused = true;
        else seen.add(`${res.status} ${((await res.json()) as any).checks?.process?.reason}`);
        await sleep(50);
      }
      expect([...seen].filter((s) => s !== '503 shutting down')).toEqual([]);
      await expect(fetch(`${bff.baseUrl}/readyz`)).rejects.toThrow();
      expect(await bff.exited).toBe(0);
      expect(Date.now() - signalledAt).toBeLessThan(8_000);
      expect((await answer).text).not.toContain('event: done');
      expect(bff.output()).toContain('shutdown grace period over');
    } finally {
      cohere.behaviour.delayMs = 0;
      if (bff.child.exitCode === null) bff.child.kill('SIGKILL');
    }
  });
});
