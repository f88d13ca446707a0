import type Koa from 'koa';
import type Router from '@koa/router';
import { z } from 'zod';
import * as contract from '@textbook-assistant/contract';
import { ERROR_CATALOGUE, type ErrorKey } from '@textbook-assistant/contract';
import { ACCESS_COOKIE, REFRESH_COOKIE } from './auth/cookies.js';
import { PENDING_COOKIE } from './two-factor/pending-signin.js';
import { createRouter, mountedRoutes, type MountedRoute } from './platform/router.js';
import { operation, type Content, type OperationMeta, type Reply } from './platform/operation.js';

/**
 * The OpenAPI 3.1 document, built from the routes the app mounts: each route's method, path and
 * parameters from its layer, its security and guard errors from the tagged guards on it, and the
 * rest from the `operation({…})` metadata beside it. Schemas are the contract's zod schemas,
 * named by their export and shared in `components.schemas`.
 */

type JsonSchema = Record<string, unknown>;

const REF = (name: string) => `#/components/schemas/${name}`;

/** `/account/sessions/:id` → `/account/sessions/{id}`. */
export function openApiPath(path: string): string {
  return path.replace(/:(\w+)/g, '{$1}');
}

/** Contract schemas by identity → their export name, the component's name. */
const NAMES = new Map<z.ZodType, string>(
  Object.entries(contract).flatMap(([name, value]) =>
    value instanceof z.ZodType ? [[value as z.ZodType, name] as const] : [],
  ),
);

function nameOf(schema: z.ZodType): string {
  const name = NAMES.get(schema);
  if (!name) throw new Error('An OpenAPI schema must be one the contract exports (contract/src).');
  return name;
}

/** One schema on its own, everything inlined (for comparing modes and for query parameters). */
const render = (schema: z.ZodType, io: 'input' | 'output') =>
  strip(z.toJSONSchema(schema, { io, target: 'draft-2020-12', unrepresentable: 'any' }) as JsonSchema);

function strip(schema: JsonSchema): JsonSchema {
  const copy = { ...schema };
  delete copy.$schema;
  delete copy.$id;
  return copy;
}

/**
 * Request bodies are documented as zod reads them (`io: 'input'`), responses as it writes them.
 * A schema that reads and writes alike is one component; one that differs (defaults, transforms)
 * gets an `…Input` twin, so neither side is described by the other's rendering.
 */
let differs: Map<z.ZodType, boolean> | undefined;

function idOf(schema: z.ZodType, io: 'input' | 'output'): string {
  differs ??= new Map(
    [...NAMES.keys()].map((s) => [
      s,
      JSON.stringify(render(s, 'input')) !== JSON.stringify(render(s, 'output')),
    ]),
  );
  return io === 'input' && differs.get(schema) ? `${nameOf(schema)}Input` : nameOf(schema);
}

/** The components `inputs` and `outputs` (ids) refer to, each side rendered in its own mode. */
function components(inputs: Set<string>, outputs: Set<string>): Record<string, JsonSchema> {
  const side = (io: 'input' | 'output', roots: Set<string>) => {
    const registry = z.registry<{ id: string }>();
    for (const schema of NAMES.keys()) registry.add(schema, { id: idOf(schema, io) });
    const all = (
      z.toJSONSchema(registry, { io, target: 'draft-2020-12', unrepresentable: 'any', uri: REF }) as {
        schemas: Record<string, JsonSchema>;
      }
    ).schemas;
    return reachable(all, roots);
  };
  const inputSide = side('input', inputs);
  const outputSide = side('output', outputs);
  for (const [name, schema] of Object.entries(inputSide)) {
    if (outputSide[name] && JSON.stringify(outputSide[name]) !== JSON.stringify(schema))
      throw new Error(`components.schemas.${name} would mean two things`);
  }
  return Object.fromEntries(
    Object.entries({ ...outputSide, ...inputSide }).sort(([a], [b]) => a.localeCompare(b)),
  );
}

/** The named schemas `roots` refer to, directly or through each other. */
function reachable(all: Record<string, JsonSchema>, roots: Set<string>): Record<string, JsonSchema> {
  const out: Record<string, JsonSchema> = {};
  const visit = (name: string) => {
    if (out[name] || !all[name]) return;
    out[name] = strip(all[name]);
    JSON.stringify(all[name], (key, value) => {
      if (key === '$ref' && typeof value === 'string') visit(value.slice(REF('').length));
      return value;
    });
  };
  roots.forEach(visit);
  return out;
}

const SAFE = new Set(['get']);

/** The errors a route can answer, by status: its own, its guards', and the app-wide ones that apply. */
function errorsOf(route: MountedRoute, meta: OperationMeta): Map<number, ErrorKey[]> {
  const keys = new Set<ErrorKey>([...(meta.errors ?? []), ...route.guards.flatMap((g) => g.errors)]);
  if (meta.body) {
    for (const key of ['VALIDATION_ERROR', 'INVALID_JSON', 'PAYLOAD_TOO_LARGE'] as const) keys.add(key);
  }
  if (meta.query) keys.add('VALIDATION_ERROR');
  // originGuard: every state-changing request, and its media type when it has a body.
  if (!SAFE.has(route.method)) keys.add('FORBIDDEN_ORIGIN');
  if (!SAFE.has(route.method) && meta.body) keys.add('UNSUPPORTED_MEDIA_TYPE');
  const byStatus = new Map<number, ErrorKey[]>();
  for (const key of keys) {
    const { status } = ERROR_CATALOGUE[key];
    byStatus.set(status, [...(byStatus.get(status) ?? []), key]);
  }
  return new Map([...byStatus].sort(([a], [b]) => a - b));
}

const ACCESS = { accessCookie: [] };

function securityOf(route: MountedRoute, meta: OperationMeta): Array<Record<string, string[]>> {
  const auth = route.guards.some((g) => g.auth === 'required')
    ? 'required'
    : route.guards.some((g) => g.auth === 'optional')
      ? 'optional'
      : 'none';
  const own = meta.credentials;
  const anyone = auth === 'optional' || (auth === 'none' && own?.optional);
  const alternatives = [
    ...(anyone ? [{}] : []),
    ...(auth === 'none' ? [] : [ACCESS]),
    ...(own?.any ?? []).map((c) => ({ [c]: [] })),
  ];
  return alternatives.filter(
    (a, i) => alternatives.findIndex((b) => JSON.stringify(a) === JSON.stringify(b)) === i,
  );
}

const isZod = (reply: Reply): reply is z.ZodType => reply instanceof z.ZodType;

function content(reply: Content | z.ZodType, outputs: Set<string>): Record<string, unknown> {
  const { json, events, text, jsonObject } = isZod(reply) ? ({ json: reply } as Content) : reply;
  const media: Record<string, unknown> = {};
  if (json) {
    outputs.add(nameOf(json));
    media['application/json'] = { schema: { $ref: REF(nameOf(json)) } };
  }
  if (events) {
    for (const schema of Object.values(events)) outputs.add(nameOf(schema));
    const names = Object.entries(events).map(([event, schema]) => `\`${event}\` (${nameOf(schema)})`);
    // The body is text; `contentSchema` (JSON Schema 2020-12) describes each event once parsed.
    media['text/event-stream'] = {
      schema: {
        type: 'string',
        contentMediaType: 'text/event-stream',
        description: `Server-Sent Events, each \`data\` one JSON object: ${names.join(', ')}.`,
        contentSchema: {
          oneOf: Object.entries(events).map(([event, schema]) => ({
            type: 'object',
            properties: { event: { const: event }, data: { $ref: REF(nameOf(schema)) } },
            required: ['event', 'data'],
          })),
        },
      },
    };
  }
  if (jsonObject) media['application/json'] = { schema: { type: 'object' } };
  for (const type of text ?? []) media[type] = { schema: { type: 'string' } };
  return media;
}

const TAGS = [
  {
    name: 'auth',
    description: 'Sign-up, sign-in (with its second factor), refresh, sign-out, password reset',
  },
  { name: 'account', description: 'Email verification, sessions, password, two-factor set-up, deletion' },
  { name: 'profile', description: "The reader's background, which personalizes answers" },
  { name: 'query', description: 'Questions about the book, answered from it, and feedback on answers' },
  { name: 'admin', description: 'Figures for administrators, and the dashboard that shows them' },
  { name: 'platform', description: 'Health, readiness, metrics and this document' },
];

function tagOf(path: string): string {
  const resource = /^\/(?:api\/v1\/)?([a-z]+)(?:\/|$)/.exec(path)?.[1] ?? '';
  return TAGS.some((t) => t.name === resource) ? resource : 'platform';
}

function jsonBody(schema: z.ZodType, inputs: Set<string>) {
  const id = idOf(schema, 'input');
  inputs.add(id);
  return { required: true, content: { 'application/json': { schema: { $ref: REF(id) } } } };
}

function operationObject(
  route: MountedRoute,
  meta: OperationMeta,
  inputs: Set<string>,
  outputs: Set<string>,
) {
  const parameters: unknown[] = route.params.map((name) => ({
    name,
    in: 'path',
    required: true,
    schema: { type: 'string' },
    ...(meta.params?.[name] ? { description: meta.params[name] } : {}),
  }));
  if (meta.query) {
    const query = render(meta.query, 'input');
    const required = new Set((query.required as string[] | undefined) ?? []);
    for (const [name, schema] of Object.entries(query.properties as Record<string, JsonSchema>)) {
      parameters.push({ name, in: 'query', required: required.has(name), schema });
    }
  }
  const responses: Record<string, unknown> = {};
  for (const [status, reply] of Object.entries(meta.responses)) {
    responses[status] =
      reply === null || reply === undefined
        ? { description: 'Done; no body' }
        : { description: 'Success', content: content(reply, outputs) };
  }
  outputs.add('ErrorBody');
  for (const [status, keys] of errorsOf(route, meta)) {
    responses[String(status)] = {
      description: keys.map((k) => `\`${ERROR_CATALOGUE[k].code}\``).join(', '),
      content: { 'application/json': { schema: { $ref: REF('ErrorBody') } } },
    };
  }
  responses.default = {
    description: 'Any other failure (`internal_error`, a dependency unavailable), in the same shape',
    content: { 'application/json': { schema: { $ref: REF('ErrorBody') } } },
  };
  return {
    operationId: meta.operationId,
    summary: meta.summary,
    ...(meta.description ? { description: meta.description } : {}),
    tags: [tagOf(route.path)],
    security: securityOf(route, meta),
    ...(parameters.length ? { parameters } : {}),
    ...(meta.body ? { requestBody: jsonBody(meta.body, inputs) } : {}),
    responses,
  };
}

export function openApiDocument(app: Koa) {
  const paths: Record<string, Record<string, unknown>> = {};
  const inputs = new Set<string>();
  const outputs = new Set<string>();
  const ids = new Set<string>();
  for (const route of mountedRoutes(app)) {
    const meta = route.meta;
    if (!meta) continue;
    if (ids.has(meta.operationId)) throw new Error(`operationId ${meta.operationId} is used twice`);
    ids.add(meta.operationId);
    (paths[openApiPath(route.path)] ??= {})[route.method] = operationObject(route, meta, inputs, outputs);
  }
  const schemas = components(inputs, outputs);
  return {
    openapi: '3.1.0',
    info: {
      title: 'textbook-assistant BFF',
      version: '1.0.0',
      description:
        'The HTTP API of the textbook-assistant backend. Every failure answers the one `ErrorBody` shape.',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [{ url: '/', description: 'The BFF itself (paths carry /api/v1)' }],
    tags: TAGS,
    paths: Object.fromEntries(Object.entries(paths).sort(([a], [b]) => a.localeCompare(b))),
    components: {
      securitySchemes: {
        accessCookie: {
          type: 'apiKey',
          in: 'cookie',
          name: ACCESS_COOKIE,
          description: 'Short-lived access token (JWT), set by sign-in',
        },
        refreshCookie: {
          type: 'apiKey',
          in: 'cookie',
          name: REFRESH_COOKIE,
          description: 'Refresh token, sent only to /api/v1/auth',
        },
        pendingSigninCookie: {
          type: 'apiKey',
          in: 'cookie',
          name: PENDING_COOKIE,
          description: 'The pending two-factor sign-in step, set by /auth/signin (5 minutes)',
        },
        metricsToken: { type: 'http', scheme: 'bearer', description: 'METRICS_TOKEN' },
      },
      schemas,
    },
  };
}

/** GET /api/v1/openapi.json: the document of the app it is mounted in, built once. */
export function openApiRoutes(app: () => Koa): Router {
  const router = createRouter();
  let document: ReturnType<typeof openApiDocument> | undefined;
  router.get(
    '/openapi.json',
    operation({
      operationId: 'getOpenApiDocument',
      summary: 'This OpenAPI 3.1 document, built from the mounted routes',
      responses: { 200: { jsonObject: true } },
    }),
    (ctx) => {
      document ??= openApiDocument(app());
      ctx.body = document;
    },
  );
  return router;
}
