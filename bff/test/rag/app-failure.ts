import { expect } from 'vitest';
import { AppError } from '../../src/platform/errors.js';

/** Runs a call that must fail with an AppError; returns the error and how long failing took. */
export async function appFailure(run: () => Promise<unknown>): Promise<{ error: AppError; ms: number }> {
  const started = performance.now();
  const error = await run().then(
    () => expect.fail('expected a rejection'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return { error: error as AppError, ms: performance.now() - started };
}
