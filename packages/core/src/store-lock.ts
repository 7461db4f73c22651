import type { GuardedStore } from './guarded-store.js';
import type { RetryPolicy } from './retry.js';
import type { StoredToken } from './types.js';

/** How often a process that lost the store lock looks for the winner's token. */
export const STORE_POLL_INTERVAL_MS = 50;
/**
 * How often a process that lost the store lock asks for it again, so that when the holder
 * dies (its lock expires unreleased) one waiter takes over and the others adopt its token.
 */
export const LOCK_RETRY_INTERVAL_MS = 250;
/** Upper bound of the store lock TTL, however generous the retry policy (15 minutes). */
export const MAX_LOCK_TTL_MS = 15 * 60 * 1000;

/** A token a refresh obtained: where from, and after how many identity attempts. */
export interface ObtainedToken {
  token: StoredToken;
  source: 'identity' | 'store';
  attempts: number;
}

/** A token minted by identity. */
export type MintedToken = ObtainedToken & { source: 'identity' };

/**
 * TTL of the store lock: long enough for a whole mint under it, so the lock does not expire
 * (letting a second process mint) while its holder is still retrying. That is every
 * identity attempt's timeout, the backoff ceilings between them, and the store re-read and
 * write: `maxAttempts × requestTimeoutMs + Σ min(maxDelayMs, baseDelayMs·2^(n-1)) +
 * 2 × storeTimeoutMs`; with the defaults 4 × 10 s + (0.25 + 0.5 + 1) s + 2 × 1 s = 43.75 s.
 * Capped at 15 minutes. A `Retry-After` longer than the backoff can still outlast it; then
 * one more process may mint. It is also about how long a waiter waits for a holder that died.
 */
export function storeLockTtlMs(
  retry: RetryPolicy,
  requestTimeoutMs: number,
  storeTimeoutMs: number,
): number {
  const { maxAttempts, baseDelayMs, maxDelayMs } = retry;
  let backoffMs = 0;
  // Past ~40 doublings every ceiling is maxDelayMs; the cap keeps huge maxAttempts finite.
  for (let n = 1; n < Math.min(maxAttempts, 40); n++) {
    backoffMs += Math.min(maxDelayMs, baseDelayMs * 2 ** (n - 1));
  }
  if (maxAttempts > 40) backoffMs += (maxAttempts - 40) * maxDelayMs;
  const ttlMs = maxAttempts * requestTimeoutMs + backoffMs + 2 * storeTimeoutMs;
  return Math.min(MAX_LOCK_TTL_MS, ttlMs);
}

/**
 * How long a process that lost the lock waits for the holder's token: one lock TTL (by then
 * the lock has expired or been taken over) plus the time a successor needs to take the
 * expired lock and mint (one lock retry and one identity attempt). A waiter that gave up at
 * the TTL itself would race the successor and make a second call.
 */
export function lockWaitMs(lockTtlMs: number, requestTimeoutMs: number): number {
  return lockTtlMs + LOCK_RETRY_INTERVAL_MS + requestTimeoutMs;
}

/** What the lock protocol needs from the manager. */
export interface StoreLockContext {
  store: GuardedStore;
  /** The store key of this refresh cycle's secret. */
  key: string;
  lockTtlMs: number;
  requestTimeoutMs: number;
  /** The manager's closable wait: rejects once it is closed. */
  sleep: (ms: number) => Promise<void>;
  /** A stored token worth adopting, or `undefined`. */
  read: (key: string) => Promise<StoredToken | undefined>;
  /** One identity call (with its retries), with this cycle's secret. */
  mint: () => Promise<MintedToken>;
}

/**
 * Obtains the token under the store lock (the store must have one and be healthy). Returns
 * `undefined` when the lock protocol gave up (the store failed, or the holder's token never
 * came): the caller then mints without the lock.
 */
export async function obtainUnderStoreLock(
  context: StoreLockContext,
): Promise<ObtainedToken | undefined> {
  const { store, key, lockTtlMs } = context;
  const lock = await store.lock(key, lockTtlMs);
  if (lock.ok && typeof lock.value === 'function') {
    return mintUnderLock(context, lock.value as () => Promise<void>);
  }
  if (!lock.ok) return undefined;
  // Someone else holds the lock: poll for their token, and ask for the lock again now and
  // then, so that if the holder died one waiter takes over when its lock expires (and the
  // rest adopt that token) instead of every waiter calling identity. Only after the wait
  // (see lockWaitMs) do we make our own call.
  const polls = Math.ceil(lockWaitMs(lockTtlMs, context.requestTimeoutMs) / STORE_POLL_INTERVAL_MS);
  const pollsPerLockRetry = LOCK_RETRY_INTERVAL_MS / STORE_POLL_INTERVAL_MS;
  for (let i = 1; i <= polls; i++) {
    await context.sleep(STORE_POLL_INTERVAL_MS);
    const polled = await context.read(key);
    if (polled) return { token: polled, source: 'store', attempts: 0 };
    if (!store.healthy) break; // the store failed meanwhile: carry on without it
    if (i % pollsPerLockRetry !== 0) continue;
    const retried = await store.lock(key, lockTtlMs);
    if (!retried.ok) break;
    if (typeof retried.value === 'function') {
      return mintUnderLock(context, retried.value as () => Promise<void>);
    }
  }
  return undefined;
}

/**
 * Holding the store lock: re-read the store (the previous holder may have finished), else
 * mint and store. The lock is released in the background, after the write: a waiter that
 * takes it next must find the token.
 */
export async function mintUnderLock(
  context: StoreLockContext,
  release: () => Promise<void>,
): Promise<ObtainedToken> {
  const { store, key } = context;
  let releasedAfterWrite = false;
  try {
    const again = await context.read(key);
    if (again) return { token: again, source: 'store', attempts: 0 };
    const minted = await context.mint();
    releasedAfterWrite = true;
    store.background(store.set(key, minted.token).then(() => store.release(release)));
    return minted;
  } finally {
    if (!releasedAfterWrite) store.background(store.release(release));
  }
}
