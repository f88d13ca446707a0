import { generateKeyPair, exportJWK, SignJWT } from 'jose';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { ApiClient } from '../support/client.js';
import { runCommand } from '../support/run-command.js';
import { derivedAccessKey, expectErrorShape, forge, signedUp, withAccess, type Reader } from './helpers.js';

// ASVS 5.0 V9 (self-contained tokens): every way an access cookie can be wrong is a 401 in the
// error shape with WWW-Authenticate, never a 5xx. And V13: the BFF refuses a short signing secret.

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');

describe('V9 self-contained tokens', () => {
  let app: TestApp;
  let reader: Reader;
  let secret: string;
  const now = () => Math.floor(Date.now() / 1000);

  beforeAll(async () => {
    app = await startTestApp({ env: { BCRYPT_COST: '10' } });
    reader = await signedUp(app);
    secret = app.config.secret;
  });
  afterAll(() => app.close());

  async function expectRefused(token: string, label: string) {
    const res = await withAccess(app.baseUrl, token).get('/api/v1/profile');
    expect(res.status, label).toBe(401);
    expect(res.headers.get('www-authenticate'), label).toContain('Cookie');
    expectErrorShape(res);
  }

  it('9.1.1 when a forged token of ours is well-formed, then it is accepted (the probes below are not refused by accident)', async () => {
    const res = await withAccess(app.baseUrl, await forge(secret, reader.userId, reader.sessionId)).get(
      '/api/v1/profile',
    );
    expect(res.status).toBe(200);
  });

  it('9.1.1 when the payload, header or signature is tampered with, then it is 401', async () => {
    const real = reader.client.cookie('ta_access')!;
    const [h, p, s] = real.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString());
    const flipped = s.slice(0, -2) + (s.at(-2) === 'A' ? 'B' : 'A') + s.at(-1);
    const probes = {
      'other sub': `${h}.${b64({ ...claims, sub: '00000000-0000-4000-8000-000000000000' })}.${s}`,
      'longer exp': `${h}.${b64({ ...claims, exp: claims.exp + 3600 })}.${s}`,
      'flipped signature': `${h}.${p}.${flipped}`,
      'no signature': `${h}.${p}.`,
      'extra segment': `${real}.x`,
      'header rewritten': `${b64({ alg: 'HS256', typ: 'JWT', cty: 'x' })}.${p}.${s}`,
      empty: '',
      garbage: 'not-a-jwt',
      oversized: `${h}.${'A'.repeat(6000)}.${s}`,
    };
    for (const [label, token] of Object.entries(probes)) await expectRefused(token, label);
  });

  it('9.1.2 when the algorithm is none, HS384 or HS512 (even signed with the same derived key), then it is 401', async () => {
    const key = derivedAccessKey(secret);
    const p = reader.client.cookie('ta_access')!.split('.')[1]!;
    await expectRefused(`${b64({ alg: 'none', typ: 'JWT' })}.${p}.`, 'none');
    await expectRefused(`${b64({ alg: 'None', typ: 'JWT' })}.${p}.`, 'None');
    for (const alg of ['HS384', 'HS512']) {
      await expectRefused(
        await forge(secret, reader.userId, reader.sessionId, { header: { alg }, key }),
        alg,
      );
    }
  });

  it('9.1.3 when the header names a key (unknown kid, embedded jwk, jku, x5u), then it is 401 even with a valid signature', async () => {
    const { userId, sessionId } = reader;
    for (const header of [
      { kid: 'unknown' },
      { kid: '../../etc/passwd' },
      { jku: 'https://evil.example/jwks.json' },
      { x5u: 'https://evil.example/cert.pem' },
    ]) {
      await expectRefused(await forge(secret, userId, sessionId, { header }), JSON.stringify(header));
    }
    // A token signed by the attacker's own key, carrying that key in its header.
    const { privateKey, publicKey } = await generateKeyPair('RS256');
    const jwk = await exportJWK(publicKey);
    const token = await new SignJWT({ sid: sessionId, type: 'access' })
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT', jwk })
      .setSubject(userId)
      .setIssuer('textbook-assistant')
      .setAudience('textbook-assistant')
      .setIssuedAt()
      .setExpirationTime('15m')
      .sign(privateKey);
    await expectRefused(token, 'embedded jwk');
  });

  it('9.2.1 when the token is expired, not yet valid (nbf) or issued in the future (iat), then it is 401', async () => {
    const { userId, sessionId } = reader;
    const t = now();
    await expectRefused(await forge(secret, userId, sessionId, { iat: t - 1000, exp: t - 100 }), 'expired');
    await expectRefused(await forge(secret, userId, sessionId, { exp: t }), 'expires now');
    await expectRefused(await forge(secret, userId, sessionId, { claims: { nbf: t + 600 } }), 'nbf future');
    await expectRefused(
      await forge(secret, userId, sessionId, { iat: t + 3600, exp: t + 3600 + 900 }),
      'iat future',
    );
    await expectRefused(
      await forge(secret, userId, sessionId, { exp: t + 86_400 * 365 }),
      'lifetime beyond the configured one',
    );
  });

  it('9.2.2 when the token is not an access token (type refresh, reset, missing) or is the raw refresh token, then it is 401', async () => {
    const { userId, sessionId } = reader;
    for (const type of ['refresh', 'reset', 'verify_email', undefined, 1]) {
      await expectRefused(
        await forge(secret, userId, sessionId, { claims: { type } }),
        `type ${String(type)}`,
      );
    }
    await expectRefused(reader.client.cookie('ta_refresh')!, 'raw refresh token');
  });

  it('9.2.3 when the audience or issuer is another service’s, or sub/sid are missing or malformed, then it is 401', async () => {
    const { userId, sessionId } = reader;
    await expectRefused(await forge(secret, userId, sessionId, { claims: { aud: 'other-service' } }), 'aud');
    await expectRefused(await forge(secret, userId, sessionId, { claims: { iss: 'someone-else' } }), 'iss');
    await expectRefused(await forge(secret, userId, 'not-a-uuid'), 'sid');
    await expectRefused(await forge(secret, "x' OR 1=1 --", sessionId), 'sub');
    await expectRefused(await forge(secret, userId, sessionId, { claims: { sid: undefined } }), 'no sid');
  });

  it('9.1.1 when the refresh cookie is tampered with or swapped for the access token, then refresh is 401 and clears the cookies', async () => {
    for (const value of [
      reader.client.cookie('ta_access')!,
      `${reader.client.cookie('ta_refresh')!}x`,
      '%00',
      'a'.repeat(4000),
    ]) {
      const client = new ApiClient(app.baseUrl);
      client.jar.set('ta_refresh', { name: 'ta_refresh', value, attributes: { path: '/api/v1/auth' } });
      const res = await client.post('/api/v1/auth/refresh');
      expect(res.status).toBe(401);
      expectErrorShape(res);
    }
    expect((await reader.client.get('/api/v1/profile')).status).toBe(200);
  });
});

function startBff(env: Record<string, string>) {
  return runCommand(['node_modules/.bin/tsx', 'bff/src/main.ts'], { PORT: '0', DATA_DIR: tmpdir(), ...env });
}

describe('V13 signing secret', () => {
  it(
    '13.3 when BETTER_AUTH_SECRET is shorter than 32 bytes, then the BFF does not start and names the variable',
    { timeout: 90_000 },
    async () => {
      // 31 bytes, and 16 characters that are 32 bytes would pass: the rule counts bytes.
      const res = await startBff({ BETTER_AUTH_SECRET: 'x'.repeat(31), NODE_ENV: 'production' });
      expect(res.code).toBe(1);
      expect(res.out.trim().split('\n')).toHaveLength(1);
      expect(res.out).toMatch(/BETTER_AUTH_SECRET.*32 bytes/);
      expect(res.out).not.toContain('x'.repeat(31));
    },
  );

  it(
    '13.3 when BETTER_AUTH_SECRET is missing in production, then the BFF does not start',
    { timeout: 90_000 },
    async () => {
      const res = await startBff({ BETTER_AUTH_SECRET: '', NODE_ENV: 'production' });
      expect(res.code).toBe(1);
      expect(res.out).toContain('BETTER_AUTH_SECRET is required in production');
    },
  );
});
