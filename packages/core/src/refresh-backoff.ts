import type { RetryPolicy } from './retry.js';

/**
 * Wait before the next refresh cycle after `failedCycles` (≥ 1) consecutive cycles failed.
 * It continues the exponential schedule of the attempts inside a cycle instead of starting it
 * over: the ceiling is `min(maxDelayMs, baseDelayMs · 2^(maxAttempts - 2 + failedCycles))`
 * (the defaults give 2 s, 4 s, 8 s, then 10 s) and the wait is uniform below it (full jitter).
 * A `Retry-After` from the last failure is a floor, capped at `maxDelayMs` like every wait.
 */
export function crossCycleDelayMs(
  failedCycles: number,
  policy: RetryPolicy,
  retryAfterMs: number | undefined,
  random: () => number = Math.random,
): number {
  // Past ~40 doublings every ceiling is maxDelayMs; the cap keeps 2^n finite.
  const exponent = Math.min(40, Math.max(0, policy.maxAttempts - 2 + failedCycles));
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** exponent);
  const backoff = Math.floor(random() * ceiling);
  if (retryAfterMs === undefined) return backoff;
  return Math.max(backoff, Math.min(policy.maxDelayMs, Math.max(0, retryAfterMs)));
}

/**
 * When the next refresh cycle may start, across cycles. Without it every caller after a
 * failed cycle would start a new one at once, and an outage would see the first steps of
 * the retry schedule over and over (a retry storm). After a cycle fails with a retryable
 * error, no cycle starts before {@link crossCycleDelayMs}; the delay keeps growing while
 * failures continue, and a success resets it. A non-retryable failure has its own cooldown
 * and does not arm it.
 */
export class RefreshBackoff {
  readonly #policy: RetryPolicy;
  readonly #random: () => number;
  #failedCycles = 0;
  #until = Number.NEGATIVE_INFINITY;

  constructor(policy: RetryPolicy, random: () => number = Math.random) {
    this.#policy = policy;
    this.#random = random;
  }

  /** Consecutive failed cycles since the last success. */
  get failedCycles(): number {
    return this.#failedCycles;
  }

  /** How long before the next cycle may start (0: now). */
  remainingMs(now: number): number {
    return Math.max(0, this.#until - now);
  }

  /**
   * Identity attempts for the next cycle. A background cycle during an outage makes one: the
   * cached token is still served, so the growing delay between cycles is its retry schedule.
   * A cycle someone waits for gets the whole `maxAttempts`.
   */
  attempts(background: boolean): number {
    return background && this.#failedCycles > 0 ? 1 : this.#policy.maxAttempts;
  }

  /**
   * Records a failed cycle at `now` and returns the chosen delay. `notAfter` is when the
   * cached token stops being served without a refresh (it enters the hard window, or
   * expires): the delay never runs past it, so a recovered endpoint is tried by then.
   */
  failed(now: number, retryAfterMs: number | undefined, notAfter?: number): number {
    this.#failedCycles += 1;
    let delayMs = crossCycleDelayMs(this.#failedCycles, this.#policy, retryAfterMs, this.#random);
    if (notAfter !== undefined && notAfter > now) delayMs = Math.min(delayMs, notAfter - now);
    this.#until = now + delayMs;
    return delayMs;
  }

  /** A cycle succeeded: the next failure starts the schedule over. */
  succeeded(): void {
    this.#failedCycles = 0;
    this.#until = Number.NEGATIVE_INFINITY;
  }
}
