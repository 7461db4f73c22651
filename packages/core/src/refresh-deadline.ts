import { LiveDataAuthError } from './errors.js';
import type { RetryPolicy } from './retry.js';
import { MAX_TIMER_DELAY_MS } from './timers.js';

/** Slack on top of the arithmetic, for the event loop and the store key's digest. */
const REFRESH_DEADLINE_GRACE_MS = 1_000;

/** What bounds one refresh cycle. */
export interface RefreshDeadlineInput {
  retry: RetryPolicy;
  requestTimeoutMs: number;
  storeTimeoutMs: number;
  /** What is left of the backoff before the cycle starts, ms. */
  delayMs: number;
  /** How long a cycle that lost the store lock waits for the holder's token (0: no lock). */
  lockWaitMs: number;
}

/**
 * The longest a refresh cycle can take when every part of it runs into its own limit, the
 * same arithmetic as the store lock TTL but with each wait between attempts at `maxDelayMs`
 * (a `Retry-After` may stretch it that far): the backoff delay, `maxAttempts ×
 * requestTimeoutMs + (maxAttempts − 1) × maxDelayMs`, four store calls (get, lock, set,
 * release) at `storeTimeoutMs`, the wait for another process's lock when there is a lock,
 * and a second of grace. With the defaults and no lock: 4 × 10 s + 3 × 10 s + 4 × 1 s + 1 s
 * = 75 s. A cycle still running after that was left behind by a request that froze or ended
 * (its timers will not fire): its callers stop waiting and the next call starts a new one.
 */
export function refreshDeadlineMs(input: RefreshDeadlineInput): number {
  const { maxAttempts, maxDelayMs } = input.retry;
  const total =
    Math.max(0, input.delayMs) +
    maxAttempts * input.requestTimeoutMs +
    (maxAttempts - 1) * maxDelayMs +
    4 * input.storeTimeoutMs +
    input.lockWaitMs +
    REFRESH_DEADLINE_GRACE_MS;
  return Math.min(MAX_TIMER_DELAY_MS, total);
}

/** What callers of an abandoned refresh get: retryable, like any identity timeout. */
export function abandonedRefreshError(withinMs: number): LiveDataAuthError {
  return new LiveDataAuthError(
    'timeout',
    `A shared token refresh did not settle within ${withinMs} ms, all that its retry policy allows (a frozen or finished request may have left it behind); it was abandoned and the next call starts a new one.`,
    { retryable: true },
  );
}
