import type Router from '@koa/router';
import { createRouter } from './platform/router.js';
import { z } from 'zod';
import { AuthResponse, SigninBody, SignupBody } from '@textbook-assistant/contract';
import { ProfileUpdateBody, UserView } from '@textbook-assistant/contract';

/** Extra operations features register (the query API), documented from their own zod schemas. */
export interface ApiOperation {
  method: 'get' | 'post' | 'put' | 'delete';
  path: string;
  summary: string;
  auth: 'none' | 'required' | 'optional';
  body?: z.ZodType;
  response?: z.ZodType;
  status?: number;
}

const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});

const schema = (s: z.ZodType) =>
  z.toJSONSchema(s, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' });
const output = (s: z.ZodType) =>
  z.toJSONSchema(s, { io: 'output', unrepresentable: 'any', target: 'draft-2020-12' });

const registered: ApiOperation[] = [
  {
    method: 'post',
    path: '/auth/signup',
    summary: 'Create an account and its profile; sets the auth cookies',
    auth: 'none',
    body: SignupBody,
    response: AuthResponse,
    status: 201,
  },
  {
    method: 'post',
    path: '/auth/signin',
    summary: 'Sign in; sets the auth cookies',
    auth: 'none',
    body: SigninBody,
    response: AuthResponse,
  },
  {
    method: 'post',
    path: '/auth/refresh',
    summary: 'Rotate the refresh cookie and issue a new access cookie',
    auth: 'none',
    response: z.object({ expires_in: z.number() }),
  },
  {
    method: 'post',
    path: '/auth/signout',
    summary: 'Revoke the session and clear the cookies',
    auth: 'required',
    status: 204,
  },
  {
    method: 'get',
    path: '/profile',
    summary: 'The signed-in reader and their profile',
    auth: 'required',
    response: UserView,
  },
  {
    method: 'put',
    path: '/profile',
    summary: 'Change any of the three profile fields',
    auth: 'required',
    body: ProfileUpdateBody,
    response: UserView,
  },
];

export function registerOperation(op: ApiOperation): void {
  registered.push(op);
}

export function openApiDocument() {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of registered) {
    const status = String(op.status ?? 200);
    paths[op.path] ??= {};
    paths[op.path]![op.method] = {
      summary: op.summary,
      ...(op.auth === 'required' ? { security: [{ accessCookie: [] }] } : {}),
      ...(op.auth === 'optional' ? { security: [{}, { accessCookie: [] }] } : {}),
      ...(op.body
        ? { requestBody: { required: true, content: { 'application/json': { schema: schema(op.body) } } } }
        : {}),
      responses: {
        [status]: op.response
          ? { description: 'Success', content: { 'application/json': { schema: output(op.response) } } }
          : { description: 'Success' },
        default: { description: 'Error', content: { 'application/json': { schema: output(ErrorBody) } } },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'textbook-assistant BFF', version: '1.0.0' },
    servers: [{ url: '/api/v1' }],
    components: {
      securitySchemes: { accessCookie: { type: 'apiKey', in: 'cookie', name: 'ta_access' } },
    },
    paths,
  };
}

export function openApiRoutes(): Router {
  const router = createRouter();
  router.get('/openapi.json', (ctx) => {
    ctx.body = openApiDocument();
  });
  return router;
}
