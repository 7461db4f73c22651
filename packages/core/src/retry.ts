import { parseRetryAfterHeader } from './errors.js';
import type { RetryOptions } from './types.js';

/** Default attempts of the identity call, including the first. */
export const DEFAULT_MAX_ATTEMPTS = 4;
/** Default backoff base in ms. */
export const DEFAULT_BASE_DELAY_MS = 250;
/** Default cap of any single wait in ms. */
export const DEFAULT_MAX_DELAY_MS = 10_000;

/** A retry policy with every field resolved. */
export type RetryPolicy = Required<RetryOptions>;

/** Fills defaults and clamps nonsense (at least one attempt, no negative delays). */
export function resolveRetryPolicy(options: RetryOptions | undefined): RetryPolicy {
  const maxAttempts = Math.max(1, Math.floor(options?.maxAttempts ?? DEFAULT_MAX_ATTEMPTS));
  const baseDelayMs = Math.max(0, options?.baseDelayMs ?? DEFAULT_BASE_DELAY_MS);
  const maxDelayMs = Math.max(0, options?.maxDelayMs ?? DEFAULT_MAX_DELAY_MS);
  return { maxAttempts, baseDelayMs, maxDelayMs };
}

/**
 * Wait before attempt `attempt + 1` after attempt `attempt` (1-based) failed. Exponential
 * backoff with full jitter: uniform in `[0, min(maxDelayMs, baseDelayMs * 2^(attempt-1)))`.
 * A `Retry-After` wait, when the server sent one, replaces it, capped at `maxDelayMs`.
 */
export function retryDelayMs(
  attempt: number,
  policy: RetryPolicy,
  retryAfterMs: number | undefined,
  random: () => number = Math.random,
): number {
  if (retryAfterMs !== undefined) return Math.min(policy.maxDelayMs, Math.max(0, retryAfterMs));
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.floor(random() * ceiling);
}

export { parseRetryAfterHeader };

/** What {@link withRetry} reports before each wait. */
export interface RetryNotice<E> {
  /** The attempt that failed (1-based). */
  attempt: number;
  delayMs: number;
  error: E;
}

/**
 * Runs `attempt` until it succeeds, throws a non-retryable error, or `policy.maxAttempts`
 * is reached; then rethrows the last error. Waits between attempts with `options.sleep`
 * (the manager's closable wait, which rejects once it is closed).
 */
export async function withRetry<T, E extends { retryable: boolean; retryAfterMs?: number }>(
  attempt: (n: number) => Promise<T>,
  policy: RetryPolicy,
  options: {
    sleep: (ms: number) => Promise<void>;
    isRetryError: (error: unknown) => error is E;
    onRetry?: (notice: RetryNotice<E>) => void;
    random?: () => number;
  },
): Promise<{ value: T; attempts: number }> {
  for (let n = 1; ; n++) {
    try {
      return { value: await attempt(n), attempts: n };
    } catch (error) {
      if (!options.isRetryError(error) || !error.retryable || n >= policy.maxAttempts) throw error;
      const delayMs = retryDelayMs(n, policy, error.retryAfterMs, options.random);
      options.onRetry?.({ attempt: n, delayMs, error });
      await options.sleep(delayMs);
    }
  }
}
