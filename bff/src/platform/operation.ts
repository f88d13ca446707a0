import type { Middleware } from 'koa';
import type { z } from 'zod';
import type { ErrorKey } from '@textbook-assistant/contract';

/** A response body other than plain JSON, or JSON beside another media type. */
export interface Content {
  /** application/json: a schema exported by the contract. */
  json?: z.ZodType;
  /** text/event-stream: each event's name and the contract schema of its JSON `data`. */
  events?: Readonly<Record<string, z.ZodType>>;
  /** application/json whose shape is not this API's (the OpenAPI document itself). */
  jsonObject?: true;
  /** Another media type with a text body (text/html, application/javascript…). */
  text?: string[];
}

/** A success response: a contract schema (JSON), another content, or null for no body. */
export type Reply = z.ZodType | Content | null;

/** Credentials a route reads itself rather than through a tagged guard. */
export type Credential = 'accessCookie' | 'refreshCookie' | 'pendingSigninCookie' | 'metricsToken';

/**
 * What the OpenAPI document says about one route, written beside it. Method, path and path
 * parameters come from the route itself; security and the errors a guard can answer come from
 * the guards on it (see `guard`); everything here is what only the route's author knows.
 */
export interface OperationMeta {
  operationId: string;
  summary: string;
  description?: string;
  /** Descriptions of the path's parameters, by name (their names come from the path). */
  params?: Record<string, string>;
  /** The query string, a contract schema of an object. */
  query?: z.ZodObject;
  /** The JSON request body, a contract schema. */
  body?: z.ZodType;
  /** Success statuses, and 503 for a route whose unavailability has its own body (readiness). */
  responses: Partial<Record<200 | 201 | 202 | 204 | 503, Reply>>;
  /** Errors the handler itself answers (guards, body and query validation add theirs). */
  errors?: ErrorKey[];
  /** Credentials the route reads itself: any one of them, or none when `optional`. */
  credentials?: { any: Credential[]; optional?: boolean };
}

/** What a guard adds to every route it sits on. */
export interface GuardMeta {
  /** `required`: the access cookie; `optional`: anonymous callers too. */
  auth?: 'required' | 'optional';
  errors: readonly ErrorKey[];
}

const OPERATION = Symbol('operation');
const GUARD = Symbol('guard');

type Tagged = Middleware & { [OPERATION]?: OperationMeta; [GUARD]?: GuardMeta };

/**
 * The route's OpenAPI metadata, as its first middleware: `router.post('/signup', operation({…}),
 * …guards, handler)`. It only calls next(); the document builder finds it in the route's layer.
 */
export function operation(meta: OperationMeta): Middleware {
  const passOn: Tagged = (_ctx, next) => next();
  passOn[OPERATION] = meta;
  return passOn;
}

/** Marks a guard middleware with what it means for the document (security, errors). */
export function guard<M extends Middleware>(middleware: M, meta: GuardMeta): M {
  (middleware as Tagged)[GUARD] = meta;
  return middleware;
}

/** The metadata and the guards of one route's middleware stack. */
export function describeStack(stack: readonly unknown[]): { meta?: OperationMeta; guards: GuardMeta[] } {
  const tagged = stack as Tagged[];
  return {
    meta: tagged.find((m) => m[OPERATION])?.[OPERATION],
    guards: tagged.flatMap((m) => (m[GUARD] ? [m[GUARD]] : [])),
  };
}
