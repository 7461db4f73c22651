import type { StoredToken } from './types.js';

/** Upper bound of the soft window: refresh in the background from 5 minutes before expiry. */
export const MAX_SOFT_WINDOW_MS = 5 * 60 * 1000;
/** Upper bound of the hard window: callers wait for a new token in the last 30 seconds. */
export const MAX_HARD_WINDOW_MS = 30 * 1000;
/** The soft window is shortened by up to this fraction, per manager instance. */
export const SOFT_WINDOW_JITTER = 0.1;

/** Where a token stands: use it, use it and refresh in the background, or wait for a new one. */
export type TokenPhase = 'fresh' | 'soft' | 'hard' | 'expired';

/** The two windows for a token of lifetime `lifetimeMs`, in ms before expiry. */
export interface RefreshWindows {
  /** Inside this many ms before expiry the token is still used, and refreshed in the background. */
  softMs: number;
  /** Inside this many ms before expiry callers wait for a new token. Never more than `softMs`. */
  hardMs: number;
}

/**
 * Soft window `min(5 min, L/2)` shortened by `jitter` (a fraction in `[0, SOFT_WINDOW_JITTER)`,
 * fixed per instance so a fleet does not refresh in lockstep); hard window `min(30 s, L/10)`.
 * Both shrink with L, so a short token is never "always due": a 20 s token is fresh for
 * about its first 10 s.
 */
export function refreshWindows(lifetimeMs: number, jitter: number): RefreshWindows {
  const L = Math.max(0, lifetimeMs);
  const softMs = Math.min(MAX_SOFT_WINDOW_MS, L / 2) * (1 - jitter);
  const hardMs = Math.min(MAX_HARD_WINDOW_MS, L / 10);
  return { softMs: Math.max(softMs, hardMs), hardMs };
}

/** The phase of `token` at `nowMs` (lifetime taken as `expiresAt - obtainedAt`). */
export function tokenPhase(token: StoredToken, nowMs: number, jitter: number): TokenPhase {
  const remaining = token.expiresAt - nowMs;
  if (remaining <= 0) return 'expired';
  const { softMs, hardMs } = refreshWindows(token.expiresAt - token.obtainedAt, jitter);
  if (remaining <= hardMs) return 'hard';
  if (remaining <= softMs) return 'soft';
  return 'fresh';
}
