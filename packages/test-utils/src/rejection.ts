import { LiveDataAuthError } from '@livedata/core';
import { rejectionOf } from './standalone/rejection-of.js';

/** The LiveDataAuthError `promise` rejects with (the test fails if it resolves or throws another). */
export function rejection(promise: Promise<unknown>): Promise<LiveDataAuthError> {
  return rejectionOf(promise, LiveDataAuthError);
}
