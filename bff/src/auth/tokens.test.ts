import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTokenService } from './tokens.js';

const SECRET = 'a-secret-of-at-least-thirty-two-bytes!!';
const claims = {
  userId: '0b9f6c5e-8a57-4a55-9d53-1c3d7f3c2a11',
  sessionId: '6f1d2c4b-3e5a-4b7c-8d9e-0a1b2c3d4e5f',
};

describe('access tokens: verified once, then checked for their time only', () => {
  afterEach(() => vi.restoreAllMocks());
  afterEach(() => vi.useRealTimers());

  it('when the same token comes again, then its signature is not checked again and the claims are the same', async () => {
    const tokens = createTokenService(SECRET, 900);
    const token = await tokens.signAccess(claims);
    const verify = vi.spyOn(crypto.subtle, 'verify');
    expect(await tokens.verifyAccess(token)).toEqual(claims);
    expect(await tokens.verifyAccess(token)).toEqual(claims);
    expect(verify).toHaveBeenCalledTimes(1);
  });

  it('when a verified token expires, then it is refused, cached or not', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const tokens = createTokenService(SECRET, 60);
    const token = await tokens.signAccess(claims);
    expect(await tokens.verifyAccess(token)).toEqual(claims);
    vi.advanceTimersByTime(59_000);
    expect(await tokens.verifyAccess(token)).toEqual(claims);
    vi.advanceTimersByTime(1_000);
    expect(await tokens.verifyAccess(token)).toBeNull();
    expect(await tokens.verifyAccess(token)).toBeNull();
  });

  it('when a caller changes the claims it got, then the next verification of the token is unaffected', async () => {
    const tokens = createTokenService(SECRET, 900);
    const token = await tokens.signAccess(claims);
    const first = (await tokens.verifyAccess(token))!;
    first.userId = 'someone-else';
    expect(await tokens.verifyAccess(token)).toEqual(claims);
  });

  it('when a token differs from a verified one by its signature or payload, then it is refused', async () => {
    const tokens = createTokenService(SECRET, 900);
    const token = await tokens.signAccess(claims);
    expect(await tokens.verifyAccess(token)).toEqual(claims);
    const [h, p, s] = token.split('.') as [string, string, string];
    const otherSig = `${h}.${p}.${s.slice(0, -2)}${s.endsWith('AA') ? 'BB' : 'AA'}`;
    const payload = JSON.parse(Buffer.from(p, 'base64url').toString()) as Record<string, unknown>;
    const otherPayload = `${h}.${Buffer.from(JSON.stringify({ ...payload, sub: claims.sessionId })).toString('base64url')}.${s}`;
    expect(await tokens.verifyAccess(otherSig)).toBeNull();
    expect(await tokens.verifyAccess(otherPayload)).toBeNull();
    expect(await tokens.verifyAccess(`${token}x`)).toBeNull();
  });

  it('when another service instance has a different secret, then a token verified here is refused there', async () => {
    const here = createTokenService(SECRET, 900);
    const there = createTokenService('another-secret-of-at-least-32-bytes!!', 900);
    const token = await here.signAccess(claims);
    expect(await here.verifyAccess(token)).toEqual(claims);
    expect(await there.verifyAccess(token)).toBeNull();
  });
});
