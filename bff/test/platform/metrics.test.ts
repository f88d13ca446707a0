import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMetricsServer } from '../../src/platform/metrics.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { ApiClient, aSignup } from '../support/client.js';

const TOKEN = 'a-scraper-token-0123456789';

/** One sample's value from a Prometheus text exposition, or undefined when it is absent. */
function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`)) continue;
    const [series, value] = [line.slice(0, line.lastIndexOf(' ')), line.slice(line.lastIndexOf(' ') + 1)];
    if (wanted.every((w) => series.includes(w))) return Number(value);
  }
  return undefined;
}

describe('GET /metrics (Prometheus)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({
      env: { METRICS_TOKEN: TOKEN, RATE_LIMIT_SIGNIN: '3/minute', SIGNIN_LOCKOUT_ATTEMPTS: '10' },
    });
  });
  afterAll(() => app?.close());

  const scrape = async () => {
    const res = await fetch(`${app.baseUrl}/metrics`, { headers: { Authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain; version=0.0.4');
    return res.text();
  };

  it('when scraped without the token or with a wrong one, then it is 404 in the error shape, as if absent', async () => {
    const attempts: Record<string, string>[] = [
      {},
      { Authorization: 'Bearer wrong-token-of-the-same-size' },
      { Authorization: TOKEN },
    ];
    for (const headers of attempts) {
      const res = await fetch(`${app.baseUrl}/metrics`, { headers });
      expect(res.status).toBe(404);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('not_found');
    }
  });

  it('when requests were answered, then they are counted and timed by route template and status', async () => {
    const reader = new ApiClient(app.baseUrl);
    expect((await reader.post('/api/v1/auth/signup', aSignup())).status).toBe(201);
    expect((await reader.get('/api/v1/profile')).status).toBe(200);
    expect((await new ApiClient(app.baseUrl).get('/api/v1/profile')).status).toBe(401);
    expect((await reader.get('/api/v1/no-such-route')).status).toBe(404);
    const text = await scrape();
    const route = (r: string, status: string) => ({ method: 'GET', route: r, status });
    expect(sample(text, 'http_requests_total', route('/api/v1/profile', '200'))).toBe(1);
    expect(sample(text, 'http_requests_total', route('/api/v1/profile', '401'))).toBe(1);
    expect(
      sample(text, 'http_requests_total', { method: 'POST', route: '/api/v1/auth/signup', status: '201' }),
    ).toBe(1);
    // Unknown paths share one label value, so a scanner cannot grow the series without bound.
    expect(sample(text, 'http_requests_total', route('unmatched', '404'))).toBeGreaterThanOrEqual(1);
    expect(text).not.toContain('no-such-route');
    expect(sample(text, 'http_request_duration_seconds_count', route('/api/v1/profile', '200'))).toBe(1);
  });

  it('when sign-ins fail and the limit refuses more, then failures are counted by code and refusals by route', async () => {
    const client = new ApiClient(app.baseUrl);
    const statuses = [];
    for (let i = 0; i < 4; i += 1) {
      statuses.push(
        (
          await client.post('/api/v1/auth/signin', {
            email: `nobody${i}@example.org`,
            password: 'Wrong4ever!',
          })
        ).status,
      );
    }
    expect(statuses).toEqual([401, 401, 401, 429]);
    const text = await scrape();
    expect(sample(text, 'signin_failures_total', { code: 'invalid_credentials' })).toBe(3);
    expect(sample(text, 'signin_failures_total', { code: 'rate_limited' })).toBe(1);
    expect(
      sample(text, 'rate_limit_refusals_total', { route: '/api/v1/auth/signin', code: 'rate_limited' }),
    ).toBe(1);
  });

  it('when an answer is streamed, then its request is timed until the stream ends and the query by mode', async () => {
    // Nothing is ingested in this database: the query fails 503 before any answer, and is counted so.
    const res = await new ApiClient(app.baseUrl).post('/api/v1/query', { query: 'What is a robot?' });
    expect(res.status).toBe(503);
    const text = await scrape();
    expect(
      sample(text, 'http_requests_total', { method: 'POST', route: '/api/v1/query', status: '503' }),
    ).toBe(1);
    expect(text).toContain('# TYPE query_duration_seconds histogram');
    expect(text).toContain('# TYPE query_abstentions_total counter');
  });

  it('when METRICS_PORT is used, then the same registry is served there and nothing else is', async () => {
    const server = await startMetricsServer(app.deps.metrics, '127.0.0.1', 0);
    try {
      const { port } = server.address() as { port: number };
      const res = await fetch(`http://127.0.0.1:${port}/metrics`);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('http_requests_total{');
      expect((await fetch(`http://127.0.0.1:${port}/api/v1/profile`)).status).toBe(404);
    } finally {
      server.close();
    }
  });
});
