import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TEST_SECRET, type TestApp } from '../support/test-app.js';
import { ApiClient } from '../support/client.js';
import { aReader, FAST_ENV } from './helpers.js';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const TSX = `${ROOT}node_modules/.bin/tsx`;

describe('admin: access, analytics, feedback, dashboard, CLI', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ env: FAST_ENV });
  });
  afterAll(() => app.close());

  async function anAdmin() {
    const reader = await aReader(app);
    await app.deps.db.knex('users').where({ id: reader.userId }).update({ role: 'admin' });
    return reader;
  }

  async function logQuery(userId: string | null, overrides: Record<string, unknown> = {}) {
    const [row] = await app.deps.db
      .knex('chatbot_queries')
      .insert({
        user_id: userId,
        query: 'What is a ZMP?',
        level: 'Beginner',
        mode: 'extractive',
        latency_ms: 40,
        ...overrides,
      })
      .returning('id');
    return row.id as string;
  }

  it('when an anonymous caller asks for analytics, then it is 401; a reader who is not an admin gets 403', async () => {
    expect((await new ApiClient(app.baseUrl).get('/api/v1/admin/analytics')).status).toBe(401);
    const { client } = await aReader(app);
    const res = await client.get<Record<string, any>>('/api/v1/admin/analytics');
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('forbidden');
  });

  it('when an admin asks for analytics, then the figures reflect readers, queries, feedback and unanswered questions', async () => {
    const { client } = await anAdmin();
    const advanced = await aReader(app, { software_experience: 'Advanced', hardware_experience: 'Basic' });
    await logQuery(advanced.userId, {
      personalization_applied: true,
      latency_ms: 9000,
      query: 'Slowest question',
      feedback: 1,
    });
    await logQuery(advanced.userId, {
      personalization_applied: true,
      answered: false,
      query: 'What is a flux capacitor?',
      feedback: -1,
    });
    await logQuery(null, { answered: false, query: 'what is a flux capacitor? ' });
    await logQuery(null, { created_at: new Date(Date.now() - 40 * 86_400_000), query: 'Too old' });

    const res = await client.get<Record<string, any>>('/api/v1/admin/analytics?days=7');
    expect(res.status).toBe(200);
    const d = res.body;
    expect(d.days).toBe(7);
    expect(d.queries_per_day).toHaveLength(7);
    expect(d.queries_per_day.at(-1)).toEqual({ day: new Date().toISOString().slice(0, 10), count: 3 });
    expect(d.queries).toMatchObject({ total: 3, personalized: 2 });
    expect(d.queries.share_personalized).toBeCloseTo(2 / 3);
    expect(d.feedback).toEqual({ up: 1, down: 1 });
    expect(d.readers.by_software_level.Advanced).toBeGreaterThanOrEqual(1);
    expect(d.readers.by_hardware_level.Basic).toBeGreaterThanOrEqual(1);
    expect(d.signups_per_day.at(-1).count).toBeGreaterThanOrEqual(2);
    expect(d.active_readers_per_day.at(-1).count).toBeGreaterThanOrEqual(2);
    expect(d.slowest_queries[0]).toMatchObject({ query: 'Slowest question', latency_ms: 9000 });
    expect(d.unanswered_questions).toHaveLength(1);
    expect(d.unanswered_questions[0].times).toBe(2);
    expect(JSON.stringify(d)).not.toContain('Too old');
  });

  it('when days is out of range or unknown parameters are sent, then it is a validation error', async () => {
    const { client } = await anAdmin();
    expect((await client.get('/api/v1/admin/analytics?days=0')).status).toBe(400);
    expect((await client.get('/api/v1/admin/analytics?days=400')).status).toBe(400);
    expect((await client.get('/api/v1/admin/analytics?days=7&x=1')).status).toBe(400);
  });

  it("when a signed-in reader rates their own answer, then it is stored; rating someone else's is 404", async () => {
    const alice = await aReader(app);
    const bob = await aReader(app);
    const aliceQuery = await logQuery(alice.userId);
    expect((await alice.client.post(`/api/v1/query/${aliceQuery}/feedback`, { value: -1 })).status).toBe(204);
    expect((await app.deps.db.knex('chatbot_queries').where({ id: aliceQuery }).first()).feedback).toBe(-1);
    expect((await bob.client.post(`/api/v1/query/${aliceQuery}/feedback`, { value: 1 })).status).toBe(404);
    expect(
      (await new ApiClient(app.baseUrl).post(`/api/v1/query/${aliceQuery}/feedback`, { value: 1 })).status,
    ).toBe(404);
    expect((await app.deps.db.knex('chatbot_queries').where({ id: aliceQuery }).first()).feedback).toBe(-1);
  });

  it('when an anonymous reader rates an anonymous answer, then it is stored; bad values and ids are refused', async () => {
    const anon = new ApiClient(app.baseUrl);
    const id = await logQuery(null);
    expect((await anon.post(`/api/v1/query/${id}/feedback`, { value: 1 })).status).toBe(204);
    expect(
      (await anon.post<Record<string, any>>(`/api/v1/query/${id}/feedback`, { value: 5 })).body.error.code,
    ).toBe('validation_error');
    expect((await anon.post(`/api/v1/query/${id}/feedback`, { value: 1, note: 'x' })).status).toBe(400);
    expect((await anon.post('/api/v1/query/not-a-uuid/feedback', { value: 1 })).status).toBe(404);
  });

  it('when /admin is opened, then the page, its script and Chart.js come from the BFF under a CSP with no inline script', async () => {
    const page = await fetch(`${app.baseUrl}/admin`);
    expect(page.status).toBe(200);
    const html = await page.text();
    const csp = page.headers.get('content-security-policy') ?? '';
    const scriptSrc = csp.split(';').find((d) => d.trim().startsWith('script-src')) ?? '';
    expect(scriptSrc.trim()).toBe("script-src 'self'");
    expect(html).not.toMatch(/<script>(?!<\/script>)/);
    for (const src of html.match(/src="[^"]+"/g) ?? []) {
      const res = await fetch(new URL(src.slice(5, -1), app.baseUrl));
      expect(res.status, src).toBe(200);
      expect(res.headers.get('content-type')).toContain('javascript');
    }
    expect(
      (await fetch(`${app.baseUrl}/admin/assets/chart.umd.min.js`).then((r) => r.text())).length,
    ).toBeGreaterThan(100_000);
    expect((await fetch(`${app.baseUrl}/admin/assets/package.json`)).status).toBe(404);
  });

  it('when `pnpm admin:create` runs for an existing reader, then they become an admin; for a new address an admin is created with a password printed once', async () => {
    const { client, email } = await aReader(app);
    const env = {
      ...process.env,
      NODE_ENV: 'test',
      DATABASE_URL: app.database.url!,
      DATA_DIR: app.config.dataDir,
      BETTER_AUTH_SECRET: TEST_SECRET,
      BCRYPT_COST: '10',
    };
    // `pnpm admin:create` is `tsx bff/src/admin/admin-cli.ts`; calling tsx directly skips pnpm's start-up.
    const cli = (arg: string) => run(TSX, ['bff/src/admin/admin-cli.ts', arg], { cwd: ROOT, env });
    const rootPackage = JSON.parse(await readFile(`${ROOT}package.json`, 'utf8'));
    expect(rootPackage.scripts['admin:create']).toBe('tsx bff/src/admin/admin-cli.ts');
    const promoted = await cli(email);
    expect(promoted.stdout).toContain('is now an administrator');
    expect((await client.get('/api/v1/admin/analytics')).status).toBe(200);

    const created = await cli('new-admin@example.org');
    const password = created.stdout.match(/Password \(shown once, store it now\): (\S+)/)?.[1];
    expect(password).toBeTruthy();
    const admin = new ApiClient(app.baseUrl);
    expect(
      (await admin.post('/api/v1/auth/signin', { email: 'new-admin@example.org', password })).status,
    ).toBe(200);
    expect((await admin.get('/api/v1/admin/analytics')).status).toBe(200);
    const stored = await app.deps.db.knex('users').where({ email: 'new-admin@example.org' }).first();
    expect(stored.hashed_password).not.toContain(password);

    await expect(cli('not-an-email')).rejects.toMatchObject({ code: 2 });
  }, 180_000);
});
