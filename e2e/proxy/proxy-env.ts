/** What the proxy suite's global setup started, handed to the test workers through process.env. */
export interface ProxyEnv {
  /** https://localhost:<port>: nginx, the book's only origin. */
  origin: string;
  /** nginx's access log: one JSON object per request, with the upstream that answered. */
  accessLog: string;
  /** The BFF instances' host:port, as the access log names them. */
  instances: string[];
}

const KEY = 'TA_E2E_PROXY';

export function publishProxyEnv(env: ProxyEnv): void {
  process.env[KEY] = JSON.stringify(env);
}

export function proxyEnv(): ProxyEnv {
  const raw = process.env[KEY];
  if (!raw) throw new Error(`${KEY} is not set: run through e2e/proxy/playwright.config.ts.`);
  return JSON.parse(raw) as ProxyEnv;
}
