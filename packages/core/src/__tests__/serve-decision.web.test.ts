import { describe, expect, it } from 'vitest';
import { refreshWindows, tokenPhase } from '../refresh-window.js';
import {
  MIN_REFRESH_INTERVAL_MS,
  type ServeDecision,
  type ServeInput,
  serveDecision,
} from '../serve-decision.js';
import type { StoredToken } from '../types.js';

// One hour token minted at 0, jitter 0: soft window 5 min, hard window 30 s before expiry.
const HOUR = 3_600_000;
const token: StoredToken = { accessToken: 'tok', obtainedAt: 0, expiresAt: HOUR };
const FRESH = 60_000;
const SOFT = HOUR - 100_000;
const HARD = HOUR - 10_000;
const EXPIRED = HOUR + 1;

const base: ServeInput = {
  current: token,
  now: FRESH,
  jitter: 0,
  lastRefreshAt: Number.NEGATIVE_INFINITY,
  backoffRemainingMs: 0,
  coolingDown: false,
  invalidated: false,
  forceRefresh: false,
};

const cases: Array<[string, Partial<ServeInput>, ServeDecision]> = [
  ['a fresh token is served', {}, { action: 'serve' }],
  ['a fresh token is served during a backoff', { backoffRemainingMs: 5_000 }, { action: 'serve' }],
  ['a fresh token is served during a cooldown', { coolingDown: true }, { action: 'serve' }],
  [
    'soft window: served, refreshed in the background',
    { now: SOFT },
    { action: 'serve_stale', refresh: true },
  ],
  [
    'soft window right after a refresh: served, not refreshed again',
    { now: SOFT, lastRefreshAt: SOFT - MIN_REFRESH_INTERVAL_MS + 1 },
    { action: 'serve_stale', refresh: false },
  ],
  [
    'soft window a refresh interval after the last one: refreshed again',
    { now: SOFT, lastRefreshAt: SOFT - MIN_REFRESH_INTERVAL_MS },
    { action: 'serve_stale', refresh: true },
  ],
  [
    'soft window during a backoff: served, the background refresh decides itself',
    { now: SOFT, backoffRemainingMs: 5_000 },
    { action: 'serve_stale', refresh: true },
  ],
  [
    'hard window: the caller waits for the refresh',
    { now: HARD },
    { action: 'wait', reason: 'hard_window', delayMs: 0 },
  ],
  [
    'hard window right after a refresh: served as is',
    { now: HARD, lastRefreshAt: HARD - 1 },
    { action: 'serve_stale', refresh: false },
  ],
  [
    'hard window during a backoff: served, refreshed in the background',
    { now: HARD, backoffRemainingMs: 1 },
    { action: 'serve_stale', refresh: true },
  ],
  [
    'hard window during a cooldown: the still-valid token is served',
    { now: HARD, coolingDown: true },
    { action: 'cooldown', reason: 'hard_window', serveCurrent: true },
  ],
  [
    'expired: the caller waits',
    { now: EXPIRED },
    { action: 'wait', reason: 'expired', delayMs: 0 },
  ],
  [
    'expired at the exact expiry instant',
    { now: HOUR },
    { action: 'wait', reason: 'expired', delayMs: 0 },
  ],
  [
    'expired during a backoff: waits for what is left of it',
    { now: EXPIRED, backoffRemainingMs: 750 },
    { action: 'wait', reason: 'expired', delayMs: 750 },
  ],
  [
    'expired right after a refresh: still waits (nothing valid to serve)',
    { now: EXPIRED, lastRefreshAt: EXPIRED - 1 },
    { action: 'wait', reason: 'expired', delayMs: 0 },
  ],
  [
    'expired during a cooldown: the cooldown error',
    { now: EXPIRED, coolingDown: true },
    { action: 'cooldown', reason: 'expired', serveCurrent: false },
  ],
  ['no token: waits', { current: undefined }, { action: 'wait', reason: 'empty', delayMs: 0 }],
  [
    'no token after an invalidation: the miss says so',
    { current: undefined, invalidated: true },
    { action: 'wait', reason: 'invalidated', delayMs: 0 },
  ],
  [
    'no token during a backoff: waits for what is left of it',
    { current: undefined, backoffRemainingMs: 2_000 },
    { action: 'wait', reason: 'empty', delayMs: 2_000 },
  ],
  [
    'no token during a cooldown: the cooldown error',
    { current: undefined, coolingDown: true },
    { action: 'cooldown', reason: 'empty', serveCurrent: false },
  ],
  [
    'forceRefresh with a fresh token: waits for a new one',
    { forceRefresh: true },
    { action: 'wait', reason: 'forced', delayMs: 0 },
  ],
  [
    'forceRefresh skips the backoff',
    { forceRefresh: true, backoffRemainingMs: 9_000 },
    { action: 'wait', reason: 'forced', delayMs: 0 },
  ],
  [
    'forceRefresh during a cooldown: the error, not the cached token',
    { forceRefresh: true, coolingDown: true },
    { action: 'cooldown', reason: 'forced', serveCurrent: false },
  ],
  [
    'forceRefresh names the miss forced even without a token',
    { forceRefresh: true, current: undefined, invalidated: true },
    { action: 'wait', reason: 'forced', delayMs: 0 },
  ],
];

describe('serveDecision', () => {
  it.each(cases)('%s', (_name, input, expected) => {
    expect(serveDecision({ ...base, ...input })).toEqual(expected);
  });

  it('serves exactly while the phase is fresh, whatever the lifetime and jitter', () => {
    // The hot path of getAccessToken checks `expiresAt - now > softMs` instead: both must agree.
    for (const lifetimeMs of [1_000, 20_000, 120_000, HOUR, 24 * HOUR]) {
      for (const jitter of [0, 0.05, 0.099]) {
        const t: StoredToken = {
          accessToken: 't',
          obtainedAt: 1_000,
          expiresAt: 1_000 + lifetimeMs,
        };
        const { softMs } = refreshWindows(lifetimeMs, jitter);
        for (const now of [
          1_000,
          t.expiresAt - softMs - 1,
          t.expiresAt - softMs,
          t.expiresAt - 1,
        ]) {
          const served = serveDecision({ ...base, current: t, now, jitter }).action === 'serve';
          expect(served).toBe(tokenPhase(t, now, jitter) === 'fresh');
          expect(served).toBe(t.expiresAt - now > softMs);
        }
      }
    }
  });
});
