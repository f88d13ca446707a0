import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { Agent, request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import knexFactory, { type Knex } from 'knex';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { MAX_SECOND_FACTOR_GUESSES } from '../../src/two-factor/pending-signin.js';
import { codeAt } from '../../src/two-factor/totp.js';
import { ApiClient, aSignup, type ApiResponse } from '../support/client.js';
import { REPO_ROOT } from '../support/run-command.js';
import type { ProxiedRequest } from './support/nginx.js';
import { startTopology, type Topology } from './support/topology.js';

// Two compiled BFFs (the production layout, `node dist/main.js`) behind real nginx rendered from
// deploy/nginx.conf, round robin, on one PostgreSQL and one Redis: what a reader does lands on
// whichever instance nginx picks, and must not care: sessions, sign-out, refresh rotation, the
// pending two-factor step (an encrypted cookie; its guesses and completion counted in Redis) and the
// rate limits. nginx's access log names the instance that answered each request, so every test
// also shows that the requests did alternate.

// Per client address, for sign-ins and (a counter of its own) two-factor code checks: room for the
// two-factor tests, spent by the last test.
const SIGNIN_LIMIT = 20;
const TOTP_STEP_MS = 30_000;

describe('two instances behind nginx, round robin, on PostgreSQL and Redis', () => {
  const layout = inject('layoutDir');
  const tls = inject('tls');
  let topology: Topology;
  let knex: Knex;

  beforeAll(async () => {
    topology = await startTopology({
      appDir: layout,
      instances: 2,
      tls,
      env: { RATE_LIMIT_SIGNIN: `${SIGNIN_LIMIT}/minute`, RATE_LIMIT_SIGNUP: '100/minute' },
      site: async (origin) => {
        const dir = join(layout, '..', 'site');
        await mkdir(dir, { recursive: true });
        await writeFile(join(dir, 'index.html'), `<!doctype html><title>book</title><p>${origin}</p>`);
        return dir;
      },
    });
    knex = knexFactory({ client: 'pg', connection: topology.databaseUrl, pool: { min: 0, max: 1 } });
  });
  // Every test leaves nginx's error log without an upstream error: a connection to an instance
  // that failed or closed under a request takes that instance out of the rotation for fail_timeout
  // (max_fails=1), which the alternation checks would see only as a puzzle.
  let errorsSeen = 0;
  afterEach(async () => {
    const log = await topology.nginx.errorLog();
    const fresh = log.slice(errorsSeen);
    errorsSeen = log.length;
    expect(fresh.split('\n').filter((line) => line.includes('upstream'))).toEqual([]);
  });
  afterAll(async () => {
    await knex?.destroy();
    await topology?.stop();
  });

  /** How many requests the readers below have sent through nginx. */
  let sent = 0;
  /** A browser on the book's origin: every request goes through nginx. */
  const reader = () =>
    new (class extends ApiClient {
      override request<T>(...args: Parameters<ApiClient['request']>): Promise<ApiResponse<T>> {
        sent += 1;
        return super.request<T>(...args);
      }
    })(topology.origin, topology.origin);
  const addresses = () => topology.instances.map((i) => i.address).sort();
  /**
   * The access-log entries of the requests sent while `fn` ran. nginx writes a request's entry just
   * after the response has left, so a reader can hold the response before the log holds its line:
   * wait (a few seconds at most) for one line per request sent.
   */
  async function proxied<T>(fn: () => Promise<T>): Promise<{ result: T; requests: ProxiedRequest[] }> {
    const before = (await topology.nginx.requests()).length;
    const sentBefore = sent;
    const result = await fn();
    const deadline = Date.now() + 5_000;
    let requests = (await topology.nginx.requests()).slice(before);
    while (requests.length < sent - sentBefore && Date.now() < deadline) {
      await sleep(20);
      requests = (await topology.nginx.requests()).slice(before);
    }
    return { result, requests };
  }

  it('when requests follow one another, then nginx alternates them over both instances, and the site and the widget come through it', async () => {
    const browser = reader();
    const { requests } = await proxied(async () => {
      for (let i = 0; i < 6; i += 1) expect((await browser.get('/api/v1/auth/session')).status).toBe(200);
    });
    const upstreams = requests.map((r) => r.upstream);
    expect(upstreams).toHaveLength(6);
    expect(new Set(upstreams).size).toBe(2);
    expect([...new Set(upstreams)].sort()).toEqual(addresses());
    for (let i = 1; i < upstreams.length; i += 1) expect(upstreams[i]).not.toBe(upstreams[i - 1]);

    const page = await fetch(`${topology.origin}/`);
    expect(await page.text()).toContain(topology.origin);
    const widget = await fetch(`${topology.origin}/widget/textbook-assistant.iife.js`);
    expect(widget.status).toBe(200);
    expect(widget.headers.get('content-type')).toMatch(/javascript/);
    const plain = await fetch(`${topology.nginx.httpUrl}/control/pid`, { redirect: 'manual' });
    expect(plain.status).toBe(301);
    expect(plain.headers.get('location')).toBe(`${topology.origin}/control/pid`);
  });

  it("when a connection from nginx to an instance idles 7 s, past Node's default keep-alive timeout, then the instance still holds it, and it would outlast the template's keepalive_timeout", async () => {
    // One kept-alive connection straight to an instance, as nginx holds one: a request, 7 s of
    // quiet, a second request. Node closes idle connections after 5 s (6 on Node 20, which adds a
    // second of grace) unless told otherwise.
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const base = topology.instances[0]!.bff.baseUrl;
    const get = () =>
      new Promise<{ reused: boolean; keepAlive: string }>((done, fail) => {
        const req = httpRequest(`${base}/api/v1/auth/session`, { agent }, (res) => {
          res.resume();
          res.once('end', () =>
            done({ reused: req.reusedSocket, keepAlive: String(res.headers['keep-alive'] ?? '') }),
          );
        });
        req.once('error', fail);
        req.end();
      });
    try {
      const first = await get();
      expect(first.reused).toBe(false);
      await sleep(7_000);
      expect((await get()).reused).toBe(true);
      // The BFF's idle timeout (its Keep-Alive header, in seconds) is above nginx's for the upstream.
      const bffSeconds = Number(/timeout=(\d+)/.exec(first.keepAlive)?.[1]);
      const template = await readFile(join(REPO_ROOT, 'deploy/nginx.conf'), 'utf8');
      const upstream = /upstream textbook_bff \{([\s\S]*?)\n\}/.exec(template)?.[1] ?? '';
      const nginxSeconds = Number(/^\s*keepalive_timeout (\d+)s;/m.exec(upstream)?.[1]);
      expect(nginxSeconds).toBeGreaterThan(0);
      expect(bffSeconds).toBeGreaterThan(nginxSeconds);
    } finally {
      agent.destroy();
    }
  });

  it('when a reader signs up through nginx, then the cookies are Secure, HttpOnly and Lax (X-Forwarded-Proto: https), and plain http to an instance gets no Secure', async () => {
    const browser = reader();
    const res = await browser.post('/api/v1/auth/signup', aSignup());
    expect(res.status).toBe(201);
    const cookies = Object.fromEntries(res.setCookies.map((c) => [c.name, c.attributes]));
    expect(Object.keys(cookies).sort()).toEqual(['ta_access', 'ta_refresh']);
    for (const attributes of Object.values(cookies)) {
      expect(attributes).toMatchObject({ secure: true, httponly: true, samesite: 'lax' });
    }
    expect(cookies.ta_access!.path).toBe('/api/v1');
    expect(cookies.ta_refresh!.path).toBe('/api/v1/auth');
    expect((await browser.get('/api/v1/profile')).status).toBe(200);

    // The same sign-up straight to one instance over http, as nothing in production can reach it:
    // COOKIE_SECURE=auto follows the proxy's word, not a fixed setting.
    const direct = new ApiClient(topology.instances[0]!.bff.baseUrl, topology.origin);
    const directRes = await direct.post('/api/v1/auth/signup', aSignup());
    expect(directRes.status).toBe(201);
    for (const c of directRes.setCookies) expect(c.attributes.secure).toBeUndefined();
  });

  it('when one session is used through nginx, then both instances serve it and a sign-out on one ends it on the other', async () => {
    const browser = reader();
    const stale = reader();
    const { requests } = await proxied(async () => {
      expect((await browser.post('/api/v1/auth/signup', aSignup())).status).toBe(201);
      for (let i = 0; i < 4; i += 1) {
        const res = await browser.put('/api/v1/profile', { interests: [`edit ${i}`] });
        expect(res.status).toBe(200);
        const read = await browser.get<{ profile: { interests: string[] } }>('/api/v1/profile');
        expect(read.body.profile.interests).toEqual([`edit ${i}`]);
      }
      // The cookies the reader holds before signing out, kept to be replayed afterwards.
      for (const [k, v] of browser.jar) stale.jar.set(k, { ...v });
      expect((await browser.post('/api/v1/auth/signout')).status).toBe(204);
    });
    expect([...new Set(requests.map((r) => r.upstream))].sort()).toEqual(addresses());
    const replayed = await proxied(async () => {
      expect((await stale.get('/api/v1/profile')).status).toBe(401);
      expect((await stale.get('/api/v1/profile')).status).toBe(401);
    });
    expect([...new Set(replayed.requests.map((r) => r.upstream))].sort()).toEqual(addresses());
  });

  it('when 12 tabs race to refresh one token across both instances, then all succeed with one successor and the family keeps one live token', async () => {
    const first = reader();
    const signup = await first.post<{ user: { id: string } }>('/api/v1/auth/signup', aSignup());
    expect(signup.status).toBe(201);
    const tabs = Array.from({ length: 12 }, () => {
      const tab = reader();
      for (const [k, v] of first.jar) tab.jar.set(k, { ...v });
      return tab;
    });
    const { result, requests } = await proxied(() =>
      Promise.all(tabs.map((t) => t.post('/api/v1/auth/refresh'))),
    );
    expect(result.map((r) => r.status)).toEqual(Array(12).fill(200));
    const refreshes = requests.filter((r) => r.path === '/api/v1/auth/refresh');
    expect(refreshes).toHaveLength(12);
    expect([...new Set(refreshes.map((r) => r.upstream))].sort()).toEqual(addresses());
    // No double rotation: every tab was handed the same successor.
    const successors = new Set(tabs.map((t) => t.cookie('ta_refresh')));
    expect(successors.size).toBe(1);
    expect(successors.has(first.cookie('ta_refresh'))).toBe(false);
    const sessions = await knex('sessions').where({ user_id: signup.body.user.id });
    const live = sessions.filter((s) => s.rotated_at === null && s.revoked_at === null);
    expect(live).toHaveLength(1);
    expect(sessions).toHaveLength(2); // the original, rotated once, and its one successor
    for (const tab of tabs.slice(0, 2)) expect((await tab.get('/api/v1/profile')).status).toBe(200);
  });

  /** A reader signed up through nginx with 2FA on; `secret` is what their authenticator holds. */
  async function readerWithTwoFactor() {
    const browser = reader();
    const body = aSignup();
    expect((await browser.post('/api/v1/auth/signup', body)).status).toBe(201);
    // Each step is a sensitive action: it re-authenticates with the current password.
    const setup = await browser.post<{ otpauth_uri: string }>('/api/v1/account/2fa/setup', {
      current_password: body.password,
    });
    expect(setup.status).toBe(200);
    const secret = new URL(setup.body.otpauth_uri).searchParams.get('secret')!;
    const confirm = await browser.post<{ recovery_codes: string[] }>('/api/v1/account/2fa/confirm', {
      code: codeAt(secret, Date.now()),
      current_password: body.password,
    });
    expect(confirm.status).toBe(200);
    return { email: body.email, password: body.password, secret, recoveryCodes: confirm.body.recovery_codes };
  }
  /** The step-two request of an access-log slice, and the step-one request before it. */
  const steps = (requests: ProxiedRequest[]) => [
    requests.find((r) => r.path === '/api/v1/auth/signin')!,
    requests.find((r) => r.path === '/api/v1/auth/signin/2fa')!,
  ];

  it('when the two steps of a two-factor sign-in land on different instances, then it succeeds, the session works on both, and the finished step cannot be replayed', async () => {
    const account = await readerWithTwoFactor();
    const browser = reader();
    const kept = reader();
    const { result, requests } = await proxied(async () => {
      const first = await browser.post('/api/v1/auth/signin', {
        email: account.email,
        password: account.password,
      });
      expect(first.status).toBe(200);
      expect(first.body).toEqual({ two_factor_required: true });
      expect(browser.cookie('ta_access')).toBeUndefined();
      for (const [k, v] of browser.jar) kept.jar.set(k, { ...v });
      return browser.post<{ user: { email: string } }>('/api/v1/auth/signin/2fa', {
        code: codeAt(account.secret, Date.now() + TOTP_STEP_MS),
      });
    });
    const [one, two] = steps(requests);
    expect(one!.upstream).not.toBe(two!.upstream);
    expect([one!.upstream, two!.upstream].sort()).toEqual(addresses());
    expect(result.status).toBe(200);
    expect(result.body.user.email).toBe(account.email);
    const pending = result.setCookies.find((c) => c.name === 'ta_2fa');
    expect(pending?.value ?? '').toBe(''); // step two clears the pending cookie
    const signedIn = await proxied(async () => {
      expect((await browser.get('/api/v1/profile')).status).toBe(200);
      expect((await browser.get('/api/v1/profile')).status).toBe(200);
    });
    expect([...new Set(signedIn.requests.map((r) => r.upstream))].sort()).toEqual(addresses());

    // The pending cookie from before step two, with another valid factor, on either instance.
    const replays = await proxied(() =>
      Promise.all(
        account.recoveryCodes.slice(0, 2).map(async (recovery_code) => {
          const copy = reader();
          for (const [k, v] of kept.jar) copy.jar.set(k, { ...v });
          return copy.post('/api/v1/auth/signin/2fa', { recovery_code });
        }),
      ),
    );
    expect([...new Set(replays.requests.map((r) => r.upstream))].sort()).toEqual(addresses());
    for (const replay of replays.result) {
      expect(replay.status).toBe(401);
      expect(replay.body).toMatchObject({ error: { code: 'two_factor_not_pending' } });
      expect(replay.setCookies.map((c) => c.name)).not.toContain('ta_access');
    }
  });

  it('when wrong codes for one pending sign-in alternate over both instances, then they share one guess count and the right code after them is refused', async () => {
    const account = await readerWithTwoFactor();
    const browser = reader();
    const first = await browser.post('/api/v1/auth/signin', {
      email: account.email,
      password: account.password,
    });
    expect(first.body).toEqual({ two_factor_required: true });
    const right = codeAt(account.secret, Date.now() + TOTP_STEP_MS);
    const wrong = right === '000000' ? '111111' : '000000';
    const { result, requests } = await proxied(async () => {
      const statuses: string[] = [];
      for (let i = 0; i < MAX_SECOND_FACTOR_GUESSES; i += 1) {
        const res = await browser.post<{ error: { code: string } }>('/api/v1/auth/signin/2fa', {
          code: wrong,
        });
        statuses.push(res.body.error.code);
      }
      const last = await browser.post<{ error: { code: string } }>('/api/v1/auth/signin/2fa', {
        code: right,
      });
      return { statuses, last };
    });
    expect(result.statuses).toEqual(Array(MAX_SECOND_FACTOR_GUESSES).fill('invalid_two_factor_code'));
    expect(result.last.status).toBe(401);
    expect(result.last.body.error.code).toBe('two_factor_not_pending');
    expect(browser.cookie('ta_access')).toBeUndefined();
    const guesses = requests.filter((r) => r.path === '/api/v1/auth/signin/2fa');
    expect([...new Set(guesses.map((r) => r.upstream))].sort()).toEqual(addresses());
  });

  // Last: it spends the per-client sign-in allowance of the one client address nginx reports.
  it('when sign-in attempts alternate over both instances with forged X-Forwarded-For, then one shared counter limits them and both refuse', async () => {
    const outcomes: { res: ApiResponse; forged: string }[] = [];
    const { requests } = await proxied(async () => {
      for (let i = 0; i < SIGNIN_LIMIT + 2; i += 1) {
        const forged = `203.0.113.${i + 1}`;
        const res = await new ApiClient(topology.origin, topology.origin).post(
          '/api/v1/auth/signin',
          { email: `nobody-${i}@example.org`, password: 'Wrong4ever!' },
          { 'X-Forwarded-For': forged },
        );
        outcomes.push({ res, forged });
      }
    });
    const statuses = outcomes.map((o) => o.res.status);
    const refused = statuses.indexOf(429);
    expect(refused).toBeGreaterThanOrEqual(2);
    expect(statuses.slice(0, refused).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(refused).every((s) => s === 429)).toBe(true);
    // One counter: what is left goes down by one per attempt, whichever instance counted it.
    const remaining = outcomes.slice(0, refused).map((o) => Number(o.res.headers.get('ratelimit-remaining')));
    for (let i = 1; i < remaining.length; i += 1) expect(remaining[i]).toBe(remaining[i - 1]! - 1);
    expect(remaining.at(-1)).toBe(0);
    const byUpstream = (slice: ProxiedRequest[]) => [...new Set(slice.map((r) => r.upstream))].sort();
    expect(byUpstream(requests.slice(0, refused))).toEqual(addresses());
    expect(byUpstream(requests.slice(refused))).toEqual(addresses());
    const refusal = outcomes[refused]!.res;
    expect(refusal.body).toMatchObject({ error: { code: 'rate_limited' } });
    expect(Number(refusal.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
