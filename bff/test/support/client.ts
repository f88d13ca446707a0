import { ALLOWED_ORIGIN } from './test-app.js';

export interface CookieRecord {
  name: string;
  value: string;
  attributes: Record<string, string | true>;
}

export function parseSetCookie(header: string): CookieRecord {
  const [pair, ...attrs] = header.split(';').map((p) => p.trim());
  const eq = pair!.indexOf('=');
  const attributes: Record<string, string | true> = {};
  for (const a of attrs) {
    const i = a.indexOf('=');
    attributes[(i < 0 ? a : a.slice(0, i)).toLowerCase()] = i < 0 ? true : a.slice(i + 1);
  }
  return { name: pair!.slice(0, eq), value: pair!.slice(eq + 1), attributes };
}

export interface ApiResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
  setCookies: CookieRecord[];
}

/**
 * A browser-like client: a cookie jar that honours Path and deletion, an allowed Origin and JSON.
 * Requests go to the real app over HTTP.
 */
export class ApiClient {
  readonly jar = new Map<string, CookieRecord>();
  constructor(
    readonly baseUrl: string,
    private readonly origin: string | null = ALLOWED_ORIGIN,
  ) {}

  cookie(name: string): string | undefined {
    return this.jar.get(name)?.value;
  }

  async request<T = unknown>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<ApiResponse<T>> {
    const url = new URL(path, this.baseUrl);
    const cookies = [...this.jar.values()]
      .filter((c) => url.pathname.startsWith(String(c.attributes.path ?? '/')))
      .map((c) => `${c.name}=${c.value}`)
      .join('; ');
    const res = await fetch(url, {
      method,
      headers: {
        ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
        ...(this.origin ? { Origin: this.origin } : {}),
        ...(cookies ? { Cookie: cookies } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const setCookies = res.headers.getSetCookie().map(parseSetCookie);
    for (const c of setCookies) {
      if (c.value === '' || c.attributes['max-age'] === '0') this.jar.delete(c.name);
      else this.jar.set(c.name, c);
    }
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON: keep the text */
    }
    return { status: res.status, headers: res.headers, body: parsed as T, setCookies };
  }

  get<T = unknown>(path: string, headers?: Record<string, string>) {
    return this.request<T>('GET', path, undefined, headers);
  }
  post<T = unknown>(path: string, body?: unknown, headers?: Record<string, string>) {
    return this.request<T>('POST', path, body, headers);
  }
  put<T = unknown>(path: string, body?: unknown, headers?: Record<string, string>) {
    return this.request<T>('PUT', path, body, headers);
  }
}

let counter = 0;
/** Test data: a valid sign-up body, with overrides. */
export function aSignup(overrides: Record<string, unknown> = {}) {
  counter += 1;
  return {
    email: `reader${counter}-${Math.random().toString(36).slice(2, 8)}@example.org`,
    password: 'Robots4ever!',
    software_experience: 'Beginner',
    hardware_experience: 'None',
    interests: ['humanoids'],
    ...overrides,
  };
}
