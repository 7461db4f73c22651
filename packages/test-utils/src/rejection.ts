import { LiveDataAuthError } from '@livedata/core';
import { expect } from 'vitest';

/** The LiveDataAuthError `promise` rejects with (the test fails if it resolves or throws another). */
export async function rejection(promise: Promise<unknown>): Promise<LiveDataAuthError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(LiveDataAuthError);
    return error as LiveDataAuthError;
  }
  throw new Error('expected a rejection');
}
