import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Shared plumbing for the fake Cohere and Qdrant servers: body parsing, request recording, and the
 * failure switches both fakes honour so the adapters' error mapping can be tested the same way.
 */
export interface FaultSwitches {
  /** Accept the request and never answer. */
  hang: boolean;
  /** Answer every request with a 500. */
  status500: boolean;
  /** Answer every request with a 401, whatever the credentials. */
  status401: boolean;
  /** Destroy the socket as soon as the request has been read. */
  closeConnection: boolean;
  /** Destroy the sockets of this many next requests, then answer normally (a dropped keep-alive). */
  closeNext: number;
  /** Wait this long before answering (for a stream: after the headers, before the first token). */
  delayMs: number;
}

export const defaultFaults = (): FaultSwitches => ({
  hang: false,
  status500: false,
  status401: false,
  closeConnection: false,
  closeNext: 0,
  delayMs: 0,
});

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  /** Parsed JSON body, or undefined when there was none. */
  body: unknown;
}

export interface FakeServer<B extends FaultSwitches> {
  url: string;
  port: number;
  /** Every request received, in order, including the ones a fault switch answered. */
  requests: RecordedRequest[];
  /** Mutable switches; tests flip them between calls. */
  behaviour: B;
  /** Clears recorded requests and restores the default behaviour. */
  reset(): void;
  close(): Promise<void>;
}

export type RouteHandler<B extends FaultSwitches> = (
  req: RecordedRequest,
  res: ServerResponse,
  fake: FakeServer<B>,
) => Promise<void> | void;

export interface FakeOptions<B extends FaultSwitches> {
  port?: number;
  host?: string;
  defaults: () => B;
  /** Body of an error response in the faked API's own format. */
  errorBody: (status: number, message: string) => unknown;
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** Resolves after ms, or early when the client goes away, so a closed fake leaves no timers. */
export function sleep(ms: number, res: ServerResponse): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    res.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export async function startFake<B extends FaultSwitches>(
  options: FakeOptions<B>,
  route: RouteHandler<B>,
): Promise<FakeServer<B>> {
  const requests: RecordedRequest[] = [];
  let behaviour = options.defaults();
  const fake: FakeServer<B> = {
    url: '',
    port: 0,
    requests,
    get behaviour() {
      return behaviour;
    },
    reset() {
      requests.length = 0;
      behaviour = options.defaults();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };

  /**
   * Test-only control routes for a fake run standalone (serve-fakes.ts): `POST /__fake/behaviour`
   * merges switches, `POST /__fake/reset` restores defaults, `GET /__fake/requests` lists requests.
   */
  const control = (req: RecordedRequest, res: ServerResponse): void => {
    if (req.method === 'GET' && req.path === '/__fake/requests') return sendJson(res, 200, requests);
    if (req.method === 'POST' && req.path === '/__fake/reset') {
      fake.reset();
      return sendJson(res, 200, behaviour);
    }
    if (req.method === 'POST' && req.path === '/__fake/behaviour' && isRecord(req.body)) {
      const current = { ...behaviour } as Record<string, unknown>;
      const bad = Object.entries(req.body).find(
        ([k, v]) => !(k in current) || typeof v !== typeof current[k],
      );
      if (bad) return sendJson(res, 400, options.errorBody(400, `unknown or mistyped switch "${bad[0]}"`));
      Object.assign(behaviour, req.body);
      return sendJson(res, 200, behaviour);
    }
    sendJson(res, 404, options.errorBody(404, `no control route ${req.method} ${req.path}`));
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://fake');
      const text = Buffer.concat(chunks).toString('utf8');
      let body: unknown;
      let invalidJson = false;
      if (text.length > 0) {
        try {
          body = JSON.parse(text);
        } catch {
          invalidJson = true;
        }
      }
      const recorded: RecordedRequest = {
        method: req.method ?? 'GET',
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        headers: req.headers,
        body,
      };
      if (url.pathname.startsWith('/__fake/')) return control(recorded, res);
      requests.push(recorded);
      const b = behaviour;
      if (b.closeConnection) return void req.socket.destroy();
      if (b.closeNext > 0) {
        b.closeNext -= 1;
        return void req.socket.destroy();
      }
      if (b.hang) return;
      if (b.status500) return sendJson(res, 500, options.errorBody(500, 'internal server error'));
      if (b.status401) return sendJson(res, 401, options.errorBody(401, 'invalid api token'));
      if (invalidJson) return sendJson(res, 400, options.errorBody(400, 'request body is not valid JSON'));
      Promise.resolve(route(recorded, res, fake)).catch((error: unknown) => {
        if (!res.headersSent) sendJson(res, 500, options.errorBody(500, String(error)));
        else res.destroy();
      });
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  fake.port = (server.address() as AddressInfo).port;
  fake.url = `http://127.0.0.1:${fake.port}`;
  return fake;
}
