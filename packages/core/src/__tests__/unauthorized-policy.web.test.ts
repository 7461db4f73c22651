import { describe, expect, it } from 'vitest';
import type { StoredToken } from '../types.js';
import {
  FRESH_TOKEN_REJECTION_MS,
  freshRejectionLimitMs,
  REMEMBERED_REJECTIONS,
  RejectedTokens,
  unauthorizedDecision,
} from '../unauthorized-policy.js';

const minted = (obtainedAt: number, lifetimeMs: number): StoredToken => ({
  accessToken: 'new',
  obtainedAt,
  expiresAt: obtainedAt + lifetimeMs,
});
const never = () => {
  throw new Error('the clock is read only for the current token');
};

describe('the fresh-token rule', () => {
  it('is min(10 s, lifetime / 4)', () => {
    expect(freshRejectionLimitMs(minted(0, 3_600_000))).toBe(FRESH_TOKEN_REJECTION_MS);
    expect(freshRejectionLimitMs(minted(0, 40_000))).toBe(10_000);
    expect(freshRejectionLimitMs(minted(0, 20_000))).toBe(5_000);
    expect(freshRejectionLimitMs(minted(500, 2_000))).toBe(500);
  });
});

describe('unauthorizedDecision', () => {
  const hour = minted(10_000, 3_600_000);

  it('a token that is no longer current: retry, without reading the clock', () => {
    expect(unauthorizedDecision('old', hour, never, 5_000)).toEqual({ action: 'replaced' });
    expect(unauthorizedDecision('new', undefined, never, 5_000)).toEqual({ action: 'replaced' });
  });

  it('the current token, never a replacement: invalidate it', () => {
    const now = () => 10_001;
    expect(unauthorizedDecision('new', hour, now, Number.NEGATIVE_INFINITY)).toEqual({
      action: 'invalidate',
    });
  });

  it('a replacement rejected within the limit: reported, not refreshed (no 401 loop)', () => {
    expect(unauthorizedDecision('new', hour, () => 19_999, 9_000)).toEqual({
      action: 'rejected_fresh',
      tokenAgeMs: 9_999,
    });
    // Minted in the same millisecond as the invalidation still counts as its replacement.
    expect(unauthorizedDecision('new', hour, () => 10_000, 10_000).action).toBe('rejected_fresh');
  });

  it('a replacement rejected at or after the limit: invalidated (it likely expired)', () => {
    expect(unauthorizedDecision('new', hour, () => 20_000, 9_000).action).toBe('invalidate');
    const short = minted(10_000, 8_000); // limit 2 s
    expect(unauthorizedDecision('new', short, () => 11_999, 9_000).action).toBe('rejected_fresh');
    expect(unauthorizedDecision('new', short, () => 12_000, 9_000).action).toBe('invalidate');
  });

  it('a token minted before the last invalidation is no replacement', () => {
    expect(unauthorizedDecision('new', hour, () => 10_001, 10_001).action).toBe('invalidate');
  });
});

describe('RejectedTokens', () => {
  it('remembers the last REMEMBERED_REJECTIONS tokens, each once', () => {
    const rejected = new RejectedTokens();
    for (let i = 0; i < REMEMBERED_REJECTIONS; i++) rejected.remember(`t${i}`);
    rejected.remember('t0'); // already known: does not push the others out
    expect(rejected.has('t0')).toBe(true);
    rejected.remember('one more');
    expect(rejected.has('t0')).toBe(false);
    expect(rejected.has('t1')).toBe(true);
    expect(rejected.has('one more')).toBe(true);
    expect(rejected.has('never seen')).toBe(false);
  });
});
