import autocannon from 'autocannon';

export interface LoadRequest {
  method: 'GET' | 'POST' | 'PUT';
  path: string;
  headers?: Record<string, string>;
  /** A fixed body, or one per request (unique sign-up emails, rotating accounts). */
  body?: string | (() => string);
}

export interface LoadResult {
  /** Successful (2xx) responses per second. */
  rps: number;
  p50: number;
  p99: number;
  ok: number;
  failed: number;
}

/**
 * Closed-loop load with autocannon: `connections` clients, each sending its next request as soon as
 * the previous one answered, for `seconds` or until `amount` requests have been answered. Latency is measured by autocannon on the client side.
 */
export async function runLoad(
  baseUrl: string,
  request: LoadRequest,
  connections: number,
  length: { seconds: number } | { amount: number },
): Promise<LoadResult> {
  const { body } = request;
  const options: autocannon.Options = {
    url: baseUrl,
    connections,
    // A fixed number of requests for slow (bcrypt) calls, so the queued ones count in the latency too.
    ...('amount' in length ? { amount: length.amount } : { duration: length.seconds }),
    timeout: 120,
    requests: [
      {
        method: request.method,
        path: request.path,
        headers: request.headers,
        ...(typeof body === 'function'
          ? { setupRequest: (req: autocannon.Request) => ({ ...req, body: body() }) }
          : body !== undefined
            ? { body }
            : {}),
      },
    ],
  };
  const started = performance.now();
  let lastResponse = started;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(options, (err: unknown, res: autocannon.Result) =>
      err ? reject(err) : resolve(res),
    );
    instance.on('response', () => {
      lastResponse = performance.now();
    });
  });
  // Up to the last response: autocannon only notices a finished `amount` run on its next 1 s tick,
  // so its own `duration` (and the wall time around the call) would be rounded up to a whole second.
  const seconds = (lastResponse - started) / 1000;
  const ok = result['2xx'];
  const failed = result.non2xx + result.errors + result.timeouts;
  return {
    rps: ok / Math.max(0.001, seconds),
    p50: result.latency.p50,
    p99: result.latency.p99,
    ok,
    failed,
  };
}
