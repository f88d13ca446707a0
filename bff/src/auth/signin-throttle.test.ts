import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../platform/errors.js';
import { createSigninThrottle } from './signin-throttle.js';

const limit = { max: 3, windowMs: 15 * 60_000 };
const lockedError = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => e as AppError,
  );

describe('sign-in throttle (memory store)', () => {
  afterEach(() => vi.useRealTimers());

  it('when an email has used its attempts, then the next is RATE_LIMITED until the window ends', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const throttle = createSigninThrottle({ driver: 'memory' }, limit);
    for (let i = 0; i < 3; i += 1) await throttle.attempt('reader@example.org');
    const err = await lockedError(throttle.attempt('reader@example.org'));
    expect(err).toBeInstanceOf(AppError);
    expect([err!.status, err!.code, err!.headers]).toEqual([429, 'rate_limited', { 'Retry-After': '900' }]);
    vi.advanceTimersByTime(10 * 60_000);
    expect((await lockedError(throttle.attempt('reader@example.org')))?.headers).toEqual({
      'Retry-After': '300',
    });
    vi.advanceTimersByTime(5 * 60_000 + 1);
    await expect(throttle.attempt('reader@example.org')).resolves.toBeUndefined();
  });

  it('when the email differs only in case or surrounding space, then it is the same account', async () => {
    const throttle = createSigninThrottle({ driver: 'memory' }, limit);
    await throttle.attempt('Reader@Example.org');
    await throttle.attempt(' reader@example.org ');
    await throttle.attempt('READER@EXAMPLE.ORG');
    expect(await lockedError(throttle.attempt('reader@example.org'))).toBeInstanceOf(AppError);
    await expect(throttle.attempt('other@example.org')).resolves.toBeUndefined();
  });

  it('when a sign-in succeeds, then the count starts again', async () => {
    const throttle = createSigninThrottle({ driver: 'memory' }, limit);
    await throttle.attempt('a@example.org');
    await throttle.attempt('a@example.org');
    await throttle.succeeded('a@example.org');
    for (let i = 0; i < 3; i += 1) await throttle.attempt('a@example.org');
    expect(await lockedError(throttle.attempt('a@example.org'))).toBeInstanceOf(AppError);
  });
});
