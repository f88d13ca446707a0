import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, aSignup } from '../support/client.js';
import { createTestDatabase, type TestDatabase } from '../support/databases.js';
import { TEST_SECRET } from '../support/test-app.js';
import { startBffProcess, type BffProcess } from './support/bff-process.js';
import { freePort } from './support/own-postgres.js';

// A BFF killed with SIGKILL (no shutdown hooks, connections cut) and started again on the same
// database: the readers' cookies still work, because sessions live in PostgreSQL, and nothing a
// reader was told had succeeded is lost.

describe('a crashed BFF restarted on the same database', () => {
  let database: TestDatabase;
  let bff: BffProcess | undefined;
  let env: Record<string, string>;
  let port: number;

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    port = await freePort();
    env = {
      DATABASE_URL: database.url!,
      DATA_DIR: database.dataDir,
      BETTER_AUTH_SECRET: TEST_SECRET,
      BCRYPT_COST: '10',
      LOG_LEVEL: 'info', // the 'listening' line is how the test knows it is up
    };
  });
  afterAll(async () => {
    if (bff && bff.child.exitCode === null) {
      bff.child.kill('SIGTERM');
      await bff.exited;
    }
    await database.drop();
  });

  it('when the process is SIGKILLed mid-traffic and restarted, then existing sessions, refresh and acknowledged writes survive', async () => {
    bff = await startBffProcess(port, env);
    const client = new ApiClient(bff.baseUrl);
    const body = aSignup();
    expect((await client.post('/api/v1/auth/signup', body)).status).toBe(201);
    expect((await client.put('/api/v1/profile', { interests: ['before the crash'] })).status).toBe(200);
    const tab = new ApiClient(bff.baseUrl);
    for (const [k, v] of client.jar) tab.jar.set(k, { ...v });

    // Traffic in flight when the process dies.
    const inFlight = Array.from({ length: 10 }, () => client.get('/api/v1/profile').catch(() => null));
    bff.child.kill('SIGKILL');
    expect(await bff.exited).toBe('SIGKILL');
    await Promise.all(inFlight);

    bff = await startBffProcess(port, env);
    const profile = await client.get<{ email: string; profile: { interests: string[] } }>('/api/v1/profile');
    expect(profile.status).toBe(200);
    expect(profile.body.email).toBe(body.email);
    expect(profile.body.profile.interests).toEqual(['before the crash']);
    expect((await tab.post('/api/v1/auth/refresh')).status).toBe(200);
    expect((await tab.get('/api/v1/profile')).status).toBe(200);
    const again = new ApiClient(bff.baseUrl);
    expect(
      (await again.post('/api/v1/auth/signin', { email: body.email, password: body.password })).status,
    ).toBe(200);
    expect((await client.post('/api/v1/auth/signout')).status).toBe(204);
    expect((await client.get('/api/v1/profile')).status).toBe(401);
    expect(bff.output()).not.toMatch(/"level":(50|60)/);
  });
});
