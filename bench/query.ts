/**
 * Query path: POST /api/v1/query on the real BFF over loopback (PostgreSQL, rate limits raised).
 * 1. Local mode (local embedder, the index in memory, extractive answers): p50/p99 and answers/s
 *    at each concurrency, anonymous readers, questions rotating over the textbook set.
 * 2. SSE vs JSON through Cohere's API (the fake Cohere server with a fixed delay before it
 *    answers): time to the first `delta` event against the JSON answer's total time and the delay.
 *
 *   pnpm bench:query   (BENCH_SECONDS, BENCH_ROUNDS, BENCH_CONCURRENCY, BENCH_SSE_REQUESTS, BENCH_COHERE_DELAY_MS)
 */
import { ingestDocs } from '../bff/src/rag/ingest/ingest.js';
import { createEmbedder, createVectorStore } from '../bff/src/rag/providers.js';
import type { Config } from '../bff/src/platform/config.js';
import type { Database } from '../bff/src/platform/db/database.js';
import { startFakeCohere, FAKE_COHERE_KEY } from '../bff/test/fakes/fake-cohere.js';
import { settings } from './lib/env.js';
import { runBenchmark } from './lib/main.js';
import { loadNote, machine, recordRun, table } from './lib/report.js';
import { runLoad } from './lib/load.js';
import { fmt, median, percentile } from './lib/stats.js';
import { JSON_HEADERS, startBff } from './lib/bff.js';
import { BASE_URL, corpusQuestions, requireCorpus } from './lib/corpus-index.js';
import { updateRagSummary } from './lib/rag-summary.js';

const SSE_REQUESTS = Number(process.env.BENCH_SSE_REQUESTS ?? 10);
const QUERY_ROUNDS = Number(process.env.BENCH_QUERY_ROUNDS ?? Math.min(3, settings.rounds));
/** Requests per cell: every connection answers several times, so queued requests count in p99. */
const amountFor = (c: number) => 5 * c + 20;
const DELAY_MS = Number(process.env.BENCH_COHERE_DELAY_MS ?? 200);

async function ingestInto(config: Config, db: Database, docs: string): Promise<void> {
  const store = await createVectorStore(config, db.knex);
  try {
    await ingestDocs({ docsDir: docs, baseUrl: BASE_URL, embedder: await createEmbedder(config), store });
  } finally {
    await store.close();
  }
}

async function questions(): Promise<string[]> {
  return (await corpusQuestions()).map((q) => q.question);
}

/**
 * One answered query before measuring. Retried: after the ingest, the pooled keep-alive socket to
 * the fake may have been closed by it (Node's 5 s keepAliveTimeout), and the Cohere client does not
 * retry that ECONNRESET, so the first query can get a 503.
 */
async function probe(baseUrl: string): Promise<void> {
  let last = '';
  for (let attempt = 0; attempt < 3; attempt++) {
    const res = await fetch(`${baseUrl}/api/v1/query`, {
      method: 'POST',
      headers: JSON_HEADERS,
      body: JSON.stringify({ query: 'What is Physical AI?' }),
    });
    if (res.status === 200) return void (await res.arrayBuffer());
    last = `${res.status}: ${(await res.text()).slice(0, 300)}`;
  }
  throw new Error(`POST /api/v1/query answered ${last}`);
}

/** One SSE request: ms to the response headers, to the first `delta` event, and to the end. */
async function sseTimes(baseUrl: string, query: string): Promise<{ firstDelta: number; total: number }> {
  const t0 = performance.now();
  const res = await fetch(`${baseUrl}/api/v1/query`, {
    method: 'POST',
    headers: { ...JSON_HEADERS, accept: 'text/event-stream' },
    body: JSON.stringify({ query }),
  });
  if (res.status !== 200 || !res.body) throw new Error(`SSE query answered ${res.status}`);
  const decoder = new TextDecoder();
  let seen = '';
  let firstDelta = Number.NaN;
  for await (const chunk of res.body) {
    seen += decoder.decode(chunk as Uint8Array, { stream: true });
    if (Number.isNaN(firstDelta) && seen.includes('event: delta')) firstDelta = performance.now() - t0;
  }
  return { firstDelta, total: performance.now() - t0 };
}

async function jsonTime(baseUrl: string, query: string): Promise<number> {
  const t0 = performance.now();
  const res = await fetch(`${baseUrl}/api/v1/query`, {
    method: 'POST',
    headers: JSON_HEADERS,
    body: JSON.stringify({ query }),
  });
  if (res.status !== 200) throw new Error(`JSON query answered ${res.status}`);
  await res.json();
  return performance.now() - t0;
}

async function localLoad(docs: string, qs: string[]): Promise<(string | number)[][]> {
  const bff = await startBff({ kind: 'postgres', beforeStart: (config, db) => ingestInto(config, db, docs) });
  try {
    await probe(bff.baseUrl);
    const rows: (string | number)[][] = [];
    for (const c of settings.concurrency) {
      const runs = [];
      for (let round = 0; round < QUERY_ROUNDS; round++) {
        let next = 0;
        runs.push(
          await runLoad(
            bff.baseUrl,
            {
              method: 'POST',
              path: '/api/v1/query',
              headers: JSON_HEADERS,
              body: () => JSON.stringify({ query: qs[next++ % qs.length] }),
            },
            c,
            { amount: amountFor(c) },
          ),
        );
        process.stdout.write(`  query c=${c}: round ${round + 1}/${QUERY_ROUNDS}\r`);
      }
      process.stdout.write('\n');
      rows.push([
        c,
        fmt(median(runs.map((r) => r.rps))),
        fmt(median(runs.map((r) => r.p50)), 0),
        fmt(median(runs.map((r) => r.p99)), 0),
        runs.reduce((s, r) => s + r.failed, 0),
      ]);
    }
    return rows;
  } finally {
    await bff.close();
  }
}

async function sseVersusJson(docs: string, qs: string[]): Promise<(string | number)[][]> {
  const fake = await startFakeCohere();
  const bff = await startBff({
    kind: 'postgres',
    env: { COHERE_API_KEY: FAKE_COHERE_KEY, COHERE_BASE_URL: fake.url },
    beforeStart: (config, db) => ingestInto(config, db, docs),
  });
  try {
    await probe(bff.baseUrl);
    fake.behaviour.delayMs = DELAY_MS;
    const firstDelta: number[] = [];
    const sseTotal: number[] = [];
    const json: number[] = [];
    let next = 0;
    for (let round = 0; round < settings.rounds; round++) {
      const sseFirst = round % 2 === 0;
      for (const kind of sseFirst ? ['sse', 'json'] : ['json', 'sse']) {
        for (let i = 0; i < SSE_REQUESTS; i++) {
          const q = qs[next++ % qs.length]!;
          if (kind === 'json') json.push(await jsonTime(bff.baseUrl, q));
          else {
            const t = await sseTimes(bff.baseUrl, q);
            firstDelta.push(t.firstDelta);
            sseTotal.push(t.total);
          }
        }
      }
      fake.requests.length = 0;
      process.stdout.write(`  sse/json: round ${round + 1}/${settings.rounds}\r`);
    }
    process.stdout.write('\n');
    const floor = 2 * DELAY_MS; // the fake waits before the query's embedding and before the first token
    const row = (label: string, v: number[]) => [
      label,
      fmt(percentile(v, 50), 0),
      fmt(percentile(v, 99), 0),
      fmt(percentile(v, 50) - floor, 0),
    ];
    return [
      row('SSE: first `delta` event', firstDelta),
      row('SSE: stream end', sseTotal),
      row('JSON: whole answer', json),
    ];
  } finally {
    await bff.close();
    await fake.close();
  }
}

async function main(): Promise<void> {
  const docs = requireCorpus();
  const before = machine();
  const qs = await questions();
  const load = await localLoad(docs, qs);
  const sse = await sseVersusJson(docs, qs);
  recordRun(
    'Query path',
    [
      loadNote(before),
      'POST /api/v1/query on our BFF (in-process, PostgreSQL for users and the query log, loopback HTTP, rate limits raised), ' +
        `anonymous readers, the 68 textbook questions in turn, autocannon closed loop, 5 × c + 20 requests × ${QUERY_ROUNDS} rounds per ` +
        'concurrency (medians). Local mode: local embedder, the index in memory (rows of the main database), extractive generator, JSON answers.',
      '',
      table(['concurrency', 'answers/s', 'p50 ms', 'p99 ms', 'non-2xx'], load),
      '',
      `Through Cohere's API: the fake Cohere server (bff/test/fakes/fake-cohere.ts) with \`delayMs\` = ${DELAY_MS}, which it waits ` +
        'before answering the embed call and before the first chat token, so no answer can start before ' +
        `${2 * DELAY_MS} ms. One reader at a time, ${SSE_REQUESTS} requests per kind per round, ${settings.rounds} rounds alternating SSE and JSON.`,
      '',
      table(['measure', 'p50 ms', 'p99 ms', `p50 above the ${2 * DELAY_MS} ms floor`], sse),
    ].join('\n'),
    before,
  );
  const m = machine();
  const byC = (c: number) => load.find((r) => r[0] === c);
  updateRagSummary(
    'query latency p50 / p99 (local mode)',
    settings.concurrency.map((c) => `c=${c}: ${byC(c)?.[2]} / ${byC(c)?.[3]} ms`).join('; '),
    'bench:query',
    m,
  );
  updateRagSummary(
    'first token (SSE) vs JSON, fake Cohere',
    `${sse[0]![1]} ms vs ${sse[2]![1]} ms (p50; floor ${2 * DELAY_MS} ms)`,
    'bench:query',
    m,
  );
}

runBenchmark('query', main);
