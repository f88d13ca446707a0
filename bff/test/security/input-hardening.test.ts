import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { ApiClient, aSignup } from '../support/client.js';
import { expectErrorShape, recordingQueryService, signedUp, type Reader } from './helpers.js';

// Low findings of the outside review, each as a class: hostile characters in any text field,
// bodies that do not decode, prototype names as asset names, and caching of private responses.

const HOSTILE = {
  NUL: 'x\u0000y',
  'a lone high surrogate': 'a\ud800',
  'a lone low surrogate': '\udc00b',
  'a control character': 'bell\u0007',
};

describe('hostile input and private responses', () => {
  let app: TestApp;
  let reader: Reader;
  const queries: unknown[] = [];

  beforeAll(async () => {
    app = await startTestApp({
      env: { BCRYPT_COST: '10' },
      customize: (deps) => void (deps.rag.queries = recordingQueryService(queries)),
    });
    reader = await signedUp(app);
  });
  afterAll(() => app.close());

  for (const [name, text] of Object.entries(HOSTILE)) {
    it(`when ${name} is in a text field that is stored or processed, then it is 400 with the field named`, async () => {
      const cases: [string, () => ReturnType<ApiClient['post']>, string][] = [
        [
          'sign-up interests',
          () => new ApiClient(app.baseUrl).post('/api/v1/auth/signup', aSignup({ interests: [text] })),
          'interests.0',
        ],
        [
          'profile interests',
          () => reader.client.put('/api/v1/profile', { interests: [text] }),
          'interests.0',
        ],
        ['query', () => reader.client.post('/api/v1/query', { query: `what is ${text}` }), 'query'],
        [
          'selected text',
          () => reader.client.post('/api/v1/query', { query: 'why', selected_text: text }),
          'selected_text',
        ],
      ];
      for (const [field, send, path] of cases) {
        const res = await send();
        expect(res.status, field).toBe(400);
        expectErrorShape(res);
        const details = (res.body as { error: { details?: { path: string }[] } }).error.details ?? [];
        expect(
          details.map((d) => d.path),
          field,
        ).toContain(path);
      }
      expect(queries).toEqual([]);
    });
  }

  it('when a text field holds tabs, newlines, RTL marks and emoji, then it is accepted', async () => {
    const res = await reader.client.put('/api/v1/profile', {
      interests: ['line\nnext\ttab', '\u200fעברית 🤖'],
    });
    expect(res.status).toBe(200);
  });

  const json = Buffer.from(JSON.stringify({ email: 'a@example.org', password: 'x' }));
  const BODIES: Record<string, [string, Buffer]> = {
    'garbage gzip': ['gzip', Buffer.from('not gzip at all')],
    'truncated gzip': ['gzip', gzipSync(json).subarray(0, 12)],
    'garbage deflate': ['deflate', Buffer.from('not deflate')],
    'truncated deflate': ['deflate', deflateSync(json).subarray(0, 5)],
    'garbage br': ['br', Buffer.from('\u00ff\u00ff not brotli')],
    'truncated br': ['br', brotliCompressSync(json).subarray(0, 6)],
  };
  for (const [name, [encoding, body]] of Object.entries(BODIES)) {
    it(`when the body is ${name}, then it is 400 before any authentication`, async () => {
      for (const path of ['/api/v1/auth/signin', '/api/v1/profile']) {
        const res = await fetch(`${app.baseUrl}${path}`, {
          method: path.endsWith('profile') ? 'PUT' : 'POST',
          headers: {
            'Content-Type': 'application/json',
            'Content-Encoding': encoding,
            Origin: 'http://localhost:3000',
          },
          body: new Uint8Array(body),
        });
        expect(res.status, `${path} ${await res.clone().text()}`).toBe(400);
        const parsed = (await res.json()) as { error: { code: string } };
        expect(parsed.error.code).toBe('validation_error');
      }
    });
  }

  it('when an asset is named like an object property, then it is 404', async () => {
    for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf']) {
      const res = await new ApiClient(app.baseUrl).get(`/admin/assets/${name}`);
      expect(res.status, name).toBe(404);
    }
  });

  it('when a response carries account, profile or sign-in data, then it says Cache-Control: no-store', async () => {
    const fresh = new ApiClient(app.baseUrl);
    const body = aSignup();
    const responses = {
      signup: await fresh.post('/api/v1/auth/signup', body),
      signin: await fresh.post('/api/v1/auth/signin', { email: body.email, password: body.password }),
      refresh: await fresh.post('/api/v1/auth/refresh'),
      profile: await fresh.get('/api/v1/profile'),
      'profile update': await fresh.put('/api/v1/profile', { interests: ['a'] }),
      account: await fresh.get('/api/v1/account'),
      'failed sign-in': await fresh.post('/api/v1/auth/signin', {
        email: body.email,
        password: 'Wrong4ever!',
      }),
    };
    for (const [name, res] of Object.entries(responses)) {
      expect(res.status, name).toBeLessThan(500);
      expect(res.headers.get('cache-control'), name).toContain('no-store');
    }
  });
});
