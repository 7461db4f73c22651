import { tokenPhase } from './refresh-window.js';
import type { CacheMissReason, StoredToken } from './types.js';

/**
 * After a successful refresh, a token still inside a window is served as is for this long
 * instead of refreshing again: an identity endpoint that hands back the same (or an almost
 * expired) token must not cause a refresh per call.
 */
export const MIN_REFRESH_INTERVAL_MS = 1_000;

/** What the manager knows when a caller asks for a token (all times in ms, local clock). */
export interface ServeInput {
  /** The cached token, if any. */
  current: StoredToken | undefined;
  now: number;
  /** The instance's soft-window jitter (see `refreshWindows`). */
  jitter: number;
  /** When the last refresh succeeded; `-Infinity` before the first. */
  lastRefreshAt: number;
  /** What is left of the backoff between refresh cycles (0: none). */
  backoffRemainingMs: number;
  /**
   * Whether a credentials cooldown is running (see `CredentialsCooldown`) with no refresh in
   * flight: a caller joins a refresh in flight even during a cooldown.
   */
  coolingDown: boolean;
  /** Whether a token was ever invalidated (names the miss `invalidated` instead of `empty`). */
  invalidated: boolean;
  forceRefresh: boolean;
}

/**
 * What to do with a caller:
 * - `serve`: the cached token is fresh (`cache.hit`);
 * - `serve_stale`: serve the cached token (`cache.stale`), and start a background refresh
 *   when `refresh` (not right after one);
 * - `cooldown`: a miss (`cache.miss`) during a credentials cooldown: serve the still-valid
 *   cached token when `serveCurrent`, else throw the cooldown's error;
 * - `wait`: a miss: wait `delayMs` (the rest of the backoff) and then for the shared refresh.
 */
export type ServeDecision =
  | { action: 'serve' }
  | { action: 'serve_stale'; refresh: boolean }
  | { action: 'cooldown'; reason: CacheMissReason; serveCurrent: boolean }
  | { action: 'wait'; reason: CacheMissReason; delayMs: number };

const SERVE: ServeDecision = Object.freeze({ action: 'serve' });

/**
 * The serve / serve-and-refresh / wait rule, pure so that every combination is testable
 * without a clock or a fetch. The manager's hot path (`getAccessToken` with a fresh token)
 * skips it: it checks the precomputed soft-window start itself, and agrees with `serve` here.
 */
export function serveDecision(input: ServeInput): ServeDecision {
  const { current, now, forceRefresh } = input;
  let reason: CacheMissReason;
  if (forceRefresh) {
    reason = 'forced';
  } else if (!current) {
    reason = input.invalidated ? 'invalidated' : 'empty';
  } else {
    const phase = tokenPhase(current, now, input.jitter);
    if (phase === 'fresh') return SERVE;
    const justRefreshed = now - input.lastRefreshAt < MIN_REFRESH_INTERVAL_MS;
    // After a failed refresh, a still-valid token is served at once until the backoff
    // between refresh cycles has passed, in the hard window too (it never runs past the
    // hard window's start or the expiry: see RefreshBackoff.failed).
    const backingOff = input.backoffRemainingMs > 0;
    if (phase === 'soft' || (phase === 'hard' && (justRefreshed || backingOff))) {
      return { action: 'serve_stale', refresh: !justRefreshed };
    }
    reason = phase === 'hard' ? 'hard_window' : 'expired';
  }
  if (input.coolingDown) {
    const serveCurrent = !forceRefresh && current !== undefined && now < current.expiresAt;
    return { action: 'cooldown', reason, serveCurrent };
  }
  // With no usable token, a caller during the backoff waits for what is left of it and
  // then for the cycle; forceRefresh skips the wait (it still joins a refresh in flight).
  return { action: 'wait', reason, delayMs: forceRefresh ? 0 : input.backoffRemainingMs };
}
