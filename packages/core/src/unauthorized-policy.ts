import type { StoredToken } from './types.js';

/**
 * A token minted to replace a rejected one and itself rejected within this long is reported
 * and not refreshed again (no 401 loops). The limit is `min(10 s, lifetime / 4)` of that
 * token: a short-lived token rejected later in its life has likely just expired, and gets
 * refreshed. This is the upper bound.
 */
export const FRESH_TOKEN_REJECTION_MS = 10_000;
/** Rejected tokens remembered so a store never hands one back. */
export const REMEMBERED_REJECTIONS = 16;

/**
 * The last {@link REMEMBERED_REJECTIONS} tokens the API rejected: another process may still
 * have one in the shared store, and adopting it would earn the next 401.
 */
export class RejectedTokens {
  readonly #tokens: string[] = [];

  remember(token: string): void {
    if (this.#tokens.includes(token)) return;
    this.#tokens.push(token);
    if (this.#tokens.length > REMEMBERED_REJECTIONS) this.#tokens.shift();
  }

  has(token: string): boolean {
    return this.#tokens.includes(token);
  }
}

/**
 * How long after its mint a replacement token's rejection means "the credential is refused"
 * rather than "it expired": `min(10 s, lifetime / 4)`. With short tokens a fixed 10 s would
 * cover most of the life of the replacement, so one that simply expired (or expired early by
 * the API's clock) would be reported instead of refreshed and the API call would fail. A
 * quarter of its lifetime still catches "rejected at once" without mistaking expiry for it.
 */
export function freshRejectionLimitMs(token: StoredToken): number {
  return Math.min(FRESH_TOKEN_REJECTION_MS, (token.expiresAt - token.obtainedAt) / 4);
}

/**
 * What a 401 for `token` means:
 * - `replaced`: it is no longer the current token (already invalidated or refreshed): retry;
 * - `invalidate`: it is the current token: drop it and retry with a new one;
 * - `rejected_fresh`: it is the current token, minted `tokenAgeMs` ago to replace a rejected
 *   one: refreshing again would loop, so report instead of retrying.
 */
export type UnauthorizedDecision =
  | { action: 'replaced' }
  | { action: 'invalidate' }
  | { action: 'rejected_fresh'; tokenAgeMs: number };

/**
 * The 401 rule, pure. `now` is a function: it is read only when `token` is the current one.
 * `lastInvalidationAt` is `-Infinity` when no token was ever invalidated.
 */
export function unauthorizedDecision(
  token: string,
  current: StoredToken | undefined,
  now: () => number,
  lastInvalidationAt: number,
): UnauthorizedDecision {
  if (!current || current.accessToken !== token) return { action: 'replaced' };
  const tokenAgeMs = now() - current.obtainedAt;
  const isReplacement =
    lastInvalidationAt !== Number.NEGATIVE_INFINITY && current.obtainedAt >= lastInvalidationAt;
  if (isReplacement && tokenAgeMs < freshRejectionLimitMs(current)) {
    return { action: 'rejected_fresh', tokenAgeMs };
  }
  return { action: 'invalidate' };
}
