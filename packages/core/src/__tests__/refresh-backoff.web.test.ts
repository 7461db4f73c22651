import { describe, expect, it } from 'vitest';
import { crossCycleDelayMs, RefreshBackoff } from '../refresh-backoff.js';
import { resolveRetryPolicy } from '../retry.js';

const defaults = resolveRetryPolicy(undefined);
const almostOne = () => 0.999_999;

describe('backoff between refresh cycles', () => {
  it('continues the in-cycle schedule (2 s, 4 s, 8 s) up to maxDelayMs, with full jitter', () => {
    const ceilings = [1, 2, 3, 4, 5, 60].map((k) =>
      crossCycleDelayMs(k, defaults, undefined, almostOne),
    );
    expect(ceilings).toEqual([1_999, 3_999, 7_999, 9_999, 9_999, 9_999]);
    expect(crossCycleDelayMs(3, defaults, undefined, () => 0)).toBe(0);
    expect(crossCycleDelayMs(3, defaults, undefined, () => 0.5)).toBe(4_000);
    // One attempt per cycle: the schedule starts at baseDelayMs.
    const single = resolveRetryPolicy({ maxAttempts: 1 });
    expect(crossCycleDelayMs(1, single, undefined, almostOne)).toBe(249);
    // A zero base never produces NaN, however many cycles failed.
    expect(crossCycleDelayMs(1_000, resolveRetryPolicy({ baseDelayMs: 0 }), undefined)).toBe(0);
  });

  it('takes Retry-After as a floor, capped at maxDelayMs', () => {
    expect(crossCycleDelayMs(1, defaults, 3_000, () => 0)).toBe(3_000);
    expect(crossCycleDelayMs(4, defaults, 3_000, () => 0.9)).toBe(9_000);
    expect(crossCycleDelayMs(1, defaults, 60_000, () => 0)).toBe(10_000);
  });

  it('holds cycles back until the delay passed, never past notAfter, and resets on success', () => {
    const backoff = new RefreshBackoff(defaults, () => 0.5);
    expect(backoff.remainingMs(0)).toBe(0);
    expect(backoff.attempts(true)).toBe(4);
    expect(backoff.failed(1_000, undefined)).toBe(1_000);
    expect(backoff.remainingMs(1_500)).toBe(500);
    expect(backoff.remainingMs(2_000)).toBe(0);
    // While failures continue a background cycle is one attempt; a waited-for one is whole.
    expect(backoff.attempts(true)).toBe(1);
    expect(backoff.attempts(false)).toBe(4);
    expect(backoff.failed(2_000, undefined)).toBe(2_000);
    // The cached token leaves its soft window in 300 ms: the delay stops there.
    expect(backoff.failed(4_000, undefined, 4_300)).toBe(300);
    expect(backoff.failedCycles).toBe(3);
    backoff.succeeded();
    expect(backoff.failedCycles).toBe(0);
    expect(backoff.remainingMs(4_000)).toBe(0);
    expect(backoff.failed(5_000, undefined)).toBe(1_000);
  });
});
