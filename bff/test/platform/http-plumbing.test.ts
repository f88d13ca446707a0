import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { ApiClient, aSignup } from '../support/client.js';

describe('HTTP plumbing', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('when any request is answered, then it carries an X-Request-Id, echoing a sane incoming one', async () => {
    const client = new ApiClient(app.baseUrl);
    const fresh = await client.get('/healthz');
    expect(fresh.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const echoed = await client.get('/healthz', { 'X-Request-Id': 'trace-123' });
    expect(echoed.headers.get('x-request-id')).toBe('trace-123');
    const hostile = await client.get('/healthz', { 'X-Request-Id': 'a b<script>' });
    expect(hostile.headers.get('x-request-id')).not.toContain('<');
  });

  it('when a route does not exist, then the answer is the 404 error shape', async () => {
    const res = await new ApiClient(app.baseUrl).get<Record<string, any>>('/api/v1/nope');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: { code: 'not_found', message: expect.any(String) } });
  });

  it('when a method is not allowed on a route, then it is 405 in the error shape', async () => {
    const res = await new ApiClient(app.baseUrl).request<Record<string, any>>('DELETE', '/api/v1/profile');
    expect(res.status).toBe(405);
    expect(res.body.error.code).toBe('method_not_allowed');
  });

  it('when the body is not valid JSON, then it is 400 invalid_json without a stack trace', async () => {
    const res = await new ApiClient(app.baseUrl).post<Record<string, any>>(
      '/api/v1/auth/signin',
      '{"email":',
    );
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_json');
    expect(JSON.stringify(res.body)).not.toMatch(/at \w+ \(|node_modules|\.ts:\d+/);
  });

  it('when the body is a JSON array, string or null, then it is a 400 in the error shape', async () => {
    for (const body of ['[]', '"x"', 'null', '42']) {
      const res = await new ApiClient(app.baseUrl).post<Record<string, any>>('/api/v1/auth/signin', body);
      expect(res.status).toBe(400);
      expect(['validation_error', 'invalid_json']).toContain(res.body.error.code);
    }
  });

  it('when a body has unknown or privileged fields, then signup refuses them and nothing is created', async () => {
    const body = aSignup({ role: 'admin', email_verified: true });
    const res = await new ApiClient(app.baseUrl).post<Record<string, any>>('/api/v1/auth/signup', body);
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain('(body)');
    expect(await app.deps.db.knex('users').where('email', body.email)).toHaveLength(0);
  });

  it('when a state-changing request comes from a foreign or null Origin, then it is 403 and changes nothing', async () => {
    for (const origin of ['https://evil.example', 'null']) {
      const body = aSignup();
      const res = await new ApiClient(app.baseUrl, origin).post<Record<string, any>>(
        '/api/v1/auth/signup',
        body,
      );
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('forbidden_origin');
      expect(await app.deps.db.knex('users').where('email', body.email)).toHaveLength(0);
    }
  });

  it('when a state-changing request has a form, multipart or text body, then it is 415 and changes nothing', async () => {
    const body = aSignup();
    for (const type of [
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'text/plain',
    ]) {
      const res = await new ApiClient(app.baseUrl).post<Record<string, any>>(
        '/api/v1/auth/signup',
        JSON.stringify(body),
        { 'Content-Type': type },
      );
      expect(res.status).toBe(415);
    }
    expect(await app.deps.db.knex('users').where('email', body.email)).toHaveLength(0);
  });

  it('when a cross-site request has no Origin but says Sec-Fetch-Site: cross-site, then it is refused', async () => {
    const res = await new ApiClient(app.baseUrl, null).post('/api/v1/auth/signup', aSignup(), {
      'Sec-Fetch-Site': 'cross-site',
    });
    expect(res.status).toBe(403);
  });

  it('when a non-browser client (curl) sends JSON without an Origin, then it is served', async () => {
    const res = await new ApiClient(app.baseUrl, null).post('/api/v1/auth/signup', aSignup());
    expect(res.status).toBe(201);
  });

  it('when CORS is asked from an allowed origin, then it is echoed with credentials; others get nothing', async () => {
    const preflight = await fetch(`${app.baseUrl}/api/v1/auth/signin`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'http://localhost:3000',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'content-type',
      },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
    expect(preflight.headers.get('access-control-allow-credentials')).toBe('true');
    const foreign = await fetch(`${app.baseUrl}/api/v1/auth/signin`, {
      method: 'OPTIONS',
      headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST' },
    });
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('when responses are sent, then security headers are on them', async () => {
    const res = await new ApiClient(app.baseUrl).get('/healthz');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.headers.get('x-powered-by')).toBeNull();
  });

  it(
    'when /healthz and /readyz are asked with nothing ingested, then /readyz is 503 naming the empty index, then the mismatched one',
    { timeout: 90_000 },
    async () => {
      const client = new ApiClient(app.baseUrl);
      expect((await client.get('/healthz')).body).toEqual({ status: 'ok' });
      // The embedded vector store opens on first use (its first open runs initdb): poll until it is up.
      let ready = await client.get<Record<string, any>>('/readyz');
      for (let i = 0; i < 60 && ready.body.checks?.vector_store?.status !== 'ok'; i += 1) {
        await new Promise((r) => setTimeout(r, 1000));
        ready = await client.get<Record<string, any>>('/readyz');
      }
      expect(ready.status).toBe(503);
      expect(ready.body).toEqual({
        status: 'unavailable',
        checks: {
          database: { status: 'ok' },
          vector_store: { status: 'ok' },
          index: { status: 'down', reason: expect.stringContaining('No textbook has been ingested') },
          generator: { status: 'ok' },
        },
      });
      // An index another embedder built: /query would answer 503 index_embedder_mismatch, so not ready.
      await app.deps.rag.store.ensure({ embedder: 'another-embedder', dimensions: 3 });
      const mismatched = await client.get<Record<string, any>>('/readyz');
      expect(mismatched.status).toBe(503);
      expect(mismatched.body.checks.index).toEqual({
        status: 'down',
        reason: expect.stringContaining('built by another-embedder'),
      });
    },
  );

  it('when the OpenAPI document is fetched, then it is 3.1 and describes the routes from the zod schemas', async () => {
    const res = await new ApiClient(app.baseUrl).get<Record<string, any>>('/api/v1/openapi.json');
    expect(res.body.openapi).toBe('3.1.0');
    const ref =
      res.body.paths['/api/v1/auth/signup'].post.requestBody.content['application/json'].schema.$ref;
    const signup = res.body.components.schemas[ref.split('/').pop()];
    expect(signup.required).toEqual(
      expect.arrayContaining(['email', 'password', 'software_experience', 'hardware_experience']),
    );
    const level = res.body.components.schemas.SoftwareExperience;
    expect(signup.properties.software_experience).toEqual({
      $ref: '#/components/schemas/SoftwareExperience',
    });
    expect(level.enum).toEqual(['Beginner', 'Intermediate', 'Advanced']);
    const interests = res.body.components.schemas[signup.properties.interests.$ref.split('/').pop()];
    expect(interests.maxItems).toBe(10);
    expect(res.body.paths['/api/v1/profile'].get.responses['200']).toBeDefined();
  });

  it('when requests carried passwords and tokens, then no log line contains them', async () => {
    const client = new ApiClient(app.baseUrl, null);
    const body = aSignup({ password: 'Unique-Secret-9!' });
    await client.post('/api/v1/auth/signup', body);
    const logs = app.logLines.join('\n');
    expect(logs).toContain('"path":"/api/v1/auth/signup"');
    expect(logs).not.toContain('Unique-Secret-9!');
    expect(logs).not.toContain(client.cookie('ta_access')!);
    expect(logs).not.toContain(client.cookie('ta_refresh')!);
    expect(logs).not.toContain(app.config.secret);
  });
});

describe('rate limits', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ env: { RATE_LIMIT_SIGNUP: '2/minute', RATE_LIMIT_SIGNIN: '3/minute' } });
  });
  afterAll(() => app.close());

  it('when sign-ups exceed RATE_LIMIT_SIGNUP from one client, then it is 429 with Retry-After', async () => {
    const client = new ApiClient(app.baseUrl);
    const statuses: number[] = [];
    let last;
    for (let i = 0; i < 3; i += 1) {
      last = await client.post<Record<string, any>>('/api/v1/auth/signup', aSignup({ password: 'x' }));
      statuses.push(last.status);
    }
    expect(statuses).toEqual([400, 400, 429]);
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(last!.body.error.code).toBe('rate_limited');
  });

  it('when sign-ins exceed RATE_LIMIT_SIGNIN, then the next is 429', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i += 1) {
      statuses.push(
        (await new ApiClient(app.baseUrl).post('/api/v1/auth/signin', { email: 'a@b.co', password: 'x' }))
          .status,
      );
    }
    expect(statuses).toEqual([401, 401, 401, 429]);
  });
});
