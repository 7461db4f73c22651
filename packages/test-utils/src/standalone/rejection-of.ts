// Standalone: imports nothing of the workspace, so @livedata/core's own tests (which cannot
// depend on this package, since it depends on core) import this file directly, with core's
// error class from its sources.
import { expect } from 'vitest';

/**
 * The error `promise` rejects with, which must be an instance of `errorClass` (the test
 * fails if it resolves or rejects with anything else).
 */
export async function rejectionOf<E>(
  promise: Promise<unknown>,
  errorClass: abstract new (...args: never[]) => E,
): Promise<E> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(errorClass);
    return error as E;
  }
  throw new Error('expected a rejection');
}
