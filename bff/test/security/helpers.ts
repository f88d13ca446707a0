import type { QueryEvent, QueryService } from '../../src/rag/query-service.js';
import { createHash } from 'node:crypto';
import { expect } from 'vitest';
import { SignJWT, type JWTHeaderParameters } from 'jose';
import { ApiClient, aSignup, type ApiResponse } from '../support/client.js';
import type { TestApp } from '../support/test-app.js';

export interface Reader {
  client: ApiClient;
  body: ReturnType<typeof aSignup>;
  userId: string;
  sessionId: string;
}

/** A reader signed up through the API, with the session id their access token carries. */
export async function signedUp(app: TestApp, overrides: Record<string, unknown> = {}): Promise<Reader> {
  const client = new ApiClient(app.baseUrl);
  const body = aSignup(overrides);
  const res = await client.post<{ user: { id: string } }>('/api/v1/auth/signup', body);
  expect(res.status).toBe(201);
  const userId = res.body.user.id;
  const row = await app.deps.db.knex('sessions').where({ user_id: userId }).first();
  return { client, body, userId, sessionId: row.family_id as string };
}

/** A client whose only cookie is the given access token. */
export function withAccess(baseUrl: string, token: string): ApiClient {
  const client = new ApiClient(baseUrl);
  client.jar.set('ta_access', { name: 'ta_access', value: token, attributes: { path: '/api/v1' } });
  return client;
}

/** The key tokens.ts derives from BETTER_AUTH_SECRET, to forge tokens an attacker with it could. */
export function derivedAccessKey(secret: string): Uint8Array {
  return createHash('sha256').update(`access-jwt:${secret}`).digest();
}

export interface ForgeOptions {
  claims?: Record<string, unknown>;
  header?: Partial<JWTHeaderParameters>;
  key?: Uint8Array;
  iat?: number;
  exp?: number;
}

/** A token shaped like ours, with any claim, header or key swapped. */
export async function forge(secret: string, userId: string, sessionId: string, o: ForgeOptions = {}) {
  const now = Math.floor(Date.now() / 1000);
  const payload = {
    sub: userId,
    iss: 'textbook-assistant',
    aud: 'textbook-assistant',
    iat: o.iat ?? now,
    exp: o.exp ?? now + 900,
    sid: sessionId,
    type: 'access',
    ...o.claims,
  };
  return new SignJWT(payload)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT', ...o.header } as JWTHeaderParameters)
    .sign(o.key ?? derivedAccessKey(secret));
}

const STACK = /\n\s+at |node_modules|\.ts:\d+|\.js:\d+/;

/** DESIGN.md's error JSON, no stack trace, and nothing else. */
export function expectErrorShape(res: ApiResponse): void {
  const body = res.body as { error?: Record<string, unknown> };
  expect(body, `status ${res.status}: ${JSON.stringify(res.body)}`).toEqual({ error: expect.any(Object) });
  const { code, message, details, ...rest } = body.error!;
  expect(rest).toEqual({});
  expect(typeof code).toBe('string');
  expect(typeof message).toBe('string');
  if (details !== undefined) expect(Array.isArray(details)).toBe(true);
  expect(JSON.stringify(body)).not.toMatch(STACK);
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** A query service that answers "ok" at once and records each request: tests the route, not RAG. */
export function recordingQueryService(calls: unknown[] = []): QueryService {
  return {
    async *answer(request) {
      calls.push(request);
      const done: QueryEvent = {
        type: 'done',
        answer: 'ok',
        answered: true,
        citations: [],
        personalization_applied: false,
        level: 'default',
        mode: 'extractive',
        query_id: '00000000-0000-4000-8000-000000000000',
      };
      yield done;
    },
    recordFeedback: async () => true,
  };
}
