import type { Page, Route } from '@playwright/test';
import type {
  ErrorCode,
  ErrorDetail,
  QueryAnswer,
  QueryEventData,
  QueryEventName,
  UserView,
} from '@textbook-assistant/contract';
import { UserViewExtras } from './mock-account-extras.js';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: unknown;
}

type Handler = (route: Route, request: RecordedRequest) => Promise<void> | void;

const NOW = '2026-01-01T00:00:00.000Z';
/** The password of an account put straight into `session` (no `addUser`). */
export const DEFAULT_PASSWORD = 'Robots4ever!';

export function makeAccount(overrides: Partial<UserView['profile']> & { email?: string } = {}): UserView {
  const { email = 'ada@example.org', ...profile } = overrides;
  return {
    id: 'u-1',
    email,
    profile: {
      software_experience: 'Advanced',
      hardware_experience: 'Basic',
      interests: ['ROS 2'],
      created_at: NOW,
      updated_at: NOW,
      ...profile,
    },
    created_at: NOW,
    last_login_at: NOW,
  };
}

export function makeAnswer(overrides: Partial<QueryAnswer> = {}): QueryAnswer {
  return {
    answer:
      'A **Kalman filter** fuses a prediction with each new measurement.\n\n- Predict from the motion model\n- Correct with the sensor reading',
    citations: [
      {
        title: 'Sensors and perception',
        url: 'https://book.example.org/docs/foundations/sensors#sensor-fusion',
        heading_path: ['Sensors and perception', 'Sensor fusion'],
        source_path: '01-foundations/02-sensors.mdx',
        snippet: 'A Kalman filter predicts…',
        score: 0.82,
      },
    ],
    personalization_applied: false,
    level: 'default',
    mode: 'extractive',
    query_id: 'q-1',
    answered: true,
    ...overrides,
  };
}

export function errorBody(code: ErrorCode, message: string, details?: ErrorDetail[]): string {
  const body: QueryEventData<'error'> = { error: { code, message, ...(details ? { details } : {}) } };
  return JSON.stringify(body);
}

/** Server-sent events for one answer: `meta`, a few `delta`s, `done`. */
export function sseBody(answer: QueryAnswer): string {
  const { citations, personalization_applied, level, mode, query_id } = answer;
  const events = [sseEvent('meta', { citations, personalization_applied, level, mode, query_id })];
  for (let i = 0; i < answer.answer.length; i += 24) {
    events.push(sseEvent('delta', { text: answer.answer.slice(i, i + 24) }));
  }
  events.push(sseEvent('done', answer));
  return events.join('');
}

/** One server-sent event of POST /query, its data typed by the contract. */
export function sseEvent<E extends QueryEventName>(name: E, data: QueryEventData<E>): string {
  return `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`;
}

/**
 * An in-memory BFF behind `page.route`: enough of the API for the widget's journeys,
 * with one-shot overrides to script errors. State lives in the test process, so it
 * survives page reloads like real cookies would.
 */
export class MockBff {
  /** The account whose session is active, if any. */
  session: UserView | undefined;
  /** When true, the access cookie has "expired": protected calls answer 401 until a refresh. */
  accessExpired = false;
  /** Whether POST /auth/refresh succeeds (a refresh cookie exists). */
  canRefresh = false;
  users = new Map<string, { password: string; account: UserView }>();
  answer: QueryAnswer = makeAnswer();
  /** Verification, reset, two-factor, sessions, password and deletion (docs/account-extras.md). */
  readonly extras = new UserViewExtras();
  readonly requests: RecordedRequest[] = [];
  private readonly overrides: Array<{ key: string; handler: Handler }> = [];

  constructor(readonly origin: string) {}

  addUser(email: string, password: string, account = makeAccount({ email })): UserView {
    this.users.set(email, { password, account });
    return account;
  }

  /** Answers the next `METHOD /path` (path below /api/v1) with `handler` instead of the default. */
  once(key: string, handler: Handler): void {
    this.overrides.push({ key, handler });
  }

  requestsTo(key: string): RecordedRequest[] {
    return this.requests.filter((r) => `${r.method} ${r.path}` === key);
  }

  async install(page: Page): Promise<void> {
    await page.route(`${this.origin}/api/v1/**`, (route) => this.handle(withCors(route)));
  }

  private async handle(route: Route): Promise<void> {
    const req = route.request();
    if (req.method() === 'OPTIONS') return route.fulfill({ status: 204 });
    const path = new URL(req.url()).pathname.replace(/^\/api\/v1/, '');
    const raw = req.postData();
    const recorded: RecordedRequest = {
      method: req.method(),
      path,
      headers: await req.allHeaders(),
      body: raw ? JSON.parse(raw) : undefined,
    };
    this.requests.push(recorded);
    const key = `${recorded.method} ${path}`;
    const index = this.overrides.findIndex((o) => o.key === key);
    if (index !== -1) {
      const [override] = this.overrides.splice(index, 1);
      return override!.handler(route, recorded);
    }
    return this.route(route, key, recorded);
  }

  private async route(route: Route, key: string, req: RecordedRequest): Promise<void> {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const json = (status: number, data?: unknown) =>
      route.fulfill({
        status,
        contentType: 'application/json',
        body: data === undefined ? '' : JSON.stringify(data),
      });
    const unauthorized = () =>
      route.fulfill({
        status: 401,
        contentType: 'application/json',
        headers: { 'WWW-Authenticate': 'Bearer' },
        body: errorBody('unauthenticated', 'Sign in first.'),
      });
    const authed = () => this.session && !this.accessExpired;

    switch (key) {
      case 'POST /auth/signup': {
        const email = String(body.email);
        const account = makeAccount({
          email,
          software_experience: body.software_experience as UserView['profile']['software_experience'],
          hardware_experience: body.hardware_experience as UserView['profile']['hardware_experience'],
          interests: body.interests as string[],
        });
        this.users.set(email, { password: String(body.password), account });
        this.session = account;
        return json(201, { user: account, expires_in: 900 });
      }
      case 'POST /auth/signin': {
        const user = this.users.get(String(body.email));
        if (!user || user.password !== body.password) {
          return json(401, JSON.parse(errorBody('invalid_credentials', 'Invalid email or password.')));
        }
        if (this.extras.twoFactorEmails.has(user.account.email)) {
          this.extras.pendingTwoFactor = user.account.email;
          return json(200, { two_factor_required: true });
        }
        this.session = user.account;
        this.accessExpired = false;
        return json(200, { user: user.account, expires_in: 900 });
      }
      case 'GET /auth/session':
        return json(200, {
          user: authed() ? this.session : null,
          expires_in: authed() ? 900 : null,
          refreshable: !authed() && this.canRefresh && !!this.session,
        });
      case 'POST /auth/refresh':
        if (!this.canRefresh || !this.session) return unauthorized();
        this.accessExpired = false;
        return json(200, { expires_in: 900 });
      case 'POST /auth/signout':
        if (!authed()) return unauthorized();
        this.session = undefined;
        return route.fulfill({ status: 204 });
      case 'GET /profile':
        return authed() ? json(200, this.session) : unauthorized();
      case 'PUT /profile': {
        if (!authed()) return unauthorized();
        this.session!.profile = { ...this.session!.profile, ...body, updated_at: new Date().toISOString() };
        return json(200, this.session);
      }
      case 'POST /query': {
        const answer =
          authed() && this.answer.level === 'default'
            ? {
                ...this.answer,
                personalization_applied: true,
                level: this.session!.profile.software_experience,
              }
            : this.answer;
        if (req.headers.accept?.includes('text/event-stream')) {
          return route.fulfill({ status: 200, contentType: 'text/event-stream', body: sseBody(answer) });
        }
        return json(200, answer);
      }
      default: {
        const handled = await this.extras.route(route, key, req, json, {
          session: this.session,
          authed: !!authed(),
          unauthorized,
          passwordOf: (email) => this.users.get(email)?.password ?? DEFAULT_PASSWORD,
          signIn: (email) => {
            this.session = this.users.get(email)?.account;
            this.accessExpired = false;
            return this.session;
          },
          end: (deleteUser) => {
            if (deleteUser && this.session) this.users.delete(this.session.email);
            this.session = undefined;
          },
        });
        if (handled) return;
        return json(404, JSON.parse(errorBody('not_found', 'No such route.')));
      }
    }
  }
}

/**
 * Adds the BFF's credentialed-CORS headers to every fulfilled response, so the mock also
 * works when the page and the API are on different origins (the demo page, a Docusaurus site).
 */
function withCors(route: Route): Route {
  const origin = route.request().headers()['origin'];
  if (!origin) return route;
  const cors = {
    'Access-Control-Allow-Origin': origin,
    'Access-Control-Allow-Credentials': 'true',
    'Access-Control-Allow-Methods': 'GET, POST, PUT, DELETE, OPTIONS',
    'Access-Control-Allow-Headers': 'Content-Type, Accept',
    'Access-Control-Expose-Headers': 'Retry-After, X-Request-Id',
    Vary: 'Origin',
  };
  const fulfill = route.fulfill.bind(route);
  return Object.assign(Object.create(route) as Route, {
    fulfill: (options: Parameters<Route['fulfill']>[0] = {}) =>
      fulfill({ ...options, headers: { ...cors, ...options.headers } }),
  });
}
