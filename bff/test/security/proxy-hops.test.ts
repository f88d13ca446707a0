import { tmpdir } from 'node:os';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/platform/config.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { ApiClient, aSignup } from '../support/client.js';

// Behind N trusted proxies, the client address is the entry the outermost trusted proxy appended
// to X-Forwarded-For (the N-th from the right); anything left of it is whatever the client wrote.
// Each case: one real client sends sign-ups with a fresh spoofed left-hand entry every time.

const CLIENT = '203.0.113.7';
const PROXY = '198.51.100.1';

interface HopCase {
  hops: number;
  env: Record<string, string>;
  forwarded: (spoof: string) => string;
  expectedIp: string;
}

const CASES: HopCase[] = [
  {
    hops: 0,
    env: {},
    forwarded: (spoof: string) => `${spoof}, ${CLIENT}`,
    expectedIp: '127.0.0.1',
  },
  {
    hops: 1,
    env: { TRUST_PROXY: 'true' },
    forwarded: (spoof: string) => `${spoof}, ${CLIENT}`,
    expectedIp: CLIENT,
  },
  {
    hops: 2,
    env: { TRUST_PROXY: 'true', TRUST_PROXY_HOPS: '2' },
    forwarded: (spoof: string) => `${spoof}, ${CLIENT}, ${PROXY}`,
    expectedIp: CLIENT,
  },
];

describe('the client address behind 0, 1 and 2 trusted proxies', () => {
  const apps: TestApp[] = [];
  afterAll(() => Promise.all(apps.map((a) => a.close())));

  for (const c of CASES) {
    it(`when ${c.hops} proxies are trusted and the left-hand X-Forwarded-For entries are spoofed, then the per-IP limit and the sessions list use ${c.expectedIp}`, async () => {
      const app = await startTestApp({
        env: { BCRYPT_COST: '10', RATE_LIMIT_SIGNUP: '3/minute', ...c.env },
      });
      apps.push(app);
      const statuses: number[] = [];
      let first: ApiClient | undefined;
      for (let i = 0; i < 5; i += 1) {
        const client = new ApiClient(app.baseUrl);
        const spoof = `10.${i}.${i}.${i}, 192.0.2.${i}`;
        const res = await client.post('/api/v1/auth/signup', aSignup(), {
          'X-Forwarded-For': c.forwarded(spoof),
        });
        statuses.push(res.status);
        first ??= client;
      }
      expect(statuses).toEqual([201, 201, 201, 429, 429]);
      const listed = await first!.get<{ sessions: { ip: string | null }[] }>('/api/v1/account/sessions');
      expect(listed.body.sessions.map((s) => s.ip)).toEqual([c.expectedIp]);
    }, 60_000);
  }

  it('when TRUST_PROXY_HOPS is set without TRUST_PROXY, then the configuration is refused', () => {
    expect(() =>
      loadConfig({
        NODE_ENV: 'test',
        TRUST_PROXY_HOPS: '2',
        DATA_DIR: tmpdir(),
        BETTER_AUTH_SECRET: 'p'.repeat(8) + 'Q7x!'.repeat(8),
      }),
    ).toThrow(/TRUST_PROXY_HOPS needs TRUST_PROXY=true/);
  });
});
