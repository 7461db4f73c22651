import type { Diagnostics } from './diagnostics.js';
import { unrefTimer } from './timers.js';
import type { StoredToken, TokenStore } from './types.js';

/** The store calls the manager makes, as named in `store.error` events. */
export type StoreOperation = 'get' | 'set' | 'delete' | 'lock';
/** A store call's outcome: its value, or a miss (it failed or timed out). */
export type StoreResult<T> = { ok: true; value: T } | { ok: false };

/**
 * The manager's view of a {@link TokenStore}: every call bounded by a timeout, every error
 * a miss, and a health flag so that a dead store costs a refresh one timeout, not one per
 * call. After a call fails, {@link healthy} is false until a call succeeds again; a refresh
 * then skips the store and {@link probe}s it in the background instead of waiting on it.
 */
export class GuardedStore {
  readonly #store: TokenStore;
  readonly #timeoutMs: number;
  readonly #diag: Diagnostics;
  #healthy = true;
  #probing = false;
  readonly #background = new Set<Promise<unknown>>();

  constructor(store: TokenStore, timeoutMs: number, diag: Diagnostics) {
    this.#store = store;
    this.#timeoutMs = timeoutMs;
    this.#diag = diag;
  }

  /** False from a failed call until one succeeds: refreshes do not wait on the store meanwhile. */
  get healthy(): boolean {
    return this.#healthy;
  }

  /** Whether the store offers a cross-process lock. */
  get hasLock(): boolean {
    return typeof this.#store.lock === 'function';
  }

  get(key: string): Promise<StoreResult<unknown>> {
    return this.#call('get', () => this.#store.get(key));
  }

  set(key: string, token: StoredToken): Promise<StoreResult<void>> {
    return this.#call('set', () => this.#store.set(key, token));
  }

  delete(key: string): Promise<StoreResult<void>> {
    return this.#call('delete', () => this.#store.delete(key));
  }

  lock(key: string, ttlMs: number): Promise<StoreResult<unknown>> {
    return this.#call('lock', () => this.#store.lock?.(key, ttlMs));
  }

  /** Releases a lock; a release is a store call like any other (timeout, miss). */
  release(release: () => Promise<void>): Promise<StoreResult<void>> {
    return this.#call('lock', () => release());
  }

  /**
   * While the store is failing: one background `get` at a time, so that once the store
   * answers again the next refresh uses it. Nobody waits for it.
   */
  probe(key: string): void {
    if (this.#healthy || this.#probing) return;
    this.#probing = true;
    this.get(key).then(() => {
      this.#probing = false;
    });
  }

  /**
   * Runs `work` (store writes nobody waits for) in the background; {@link settled} waits for
   * it. `work` never rejects: every store call here resolves to a result.
   */
  background(work: Promise<unknown>): void {
    this.#background.add(work);
    work.then(() => this.#background.delete(work));
  }

  /** Resolves once every background write has settled (each is bounded by the timeout). */
  async settled(): Promise<void> {
    while (this.#background.size > 0) await Promise.all([...this.#background]);
  }

  /** Runs one store call with a timeout; any error or timeout is a miss, warned about once. */
  async #call<T>(operation: StoreOperation, call: () => T | Promise<T>): Promise<StoreResult<T>> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timedOut = Symbol('timeout');
    const timeout = new Promise<typeof timedOut>((resolve) => {
      timer = setTimeout(() => resolve(timedOut), this.#timeoutMs);
      unrefTimer(timer);
    });
    try {
      const value = await Promise.race([Promise.resolve().then(call), timeout]);
      if (value === timedOut) throw timedOut;
      if (!this.#healthy) {
        this.#healthy = true;
        this.#diag.log('info', 'The token store answers again.');
      }
      return { ok: true, value: value as T };
    } catch (error) {
      // Only our own words: a store's error message may echo a key, a value or a token.
      const message =
        error === timedOut
          ? `store ${operation} took longer than ${this.#timeoutMs} ms`
          : `store ${operation} failed${error instanceof Error ? ` (${error.name})` : ''}`;
      this.#diag.emit({ type: 'store.error', operation, message });
      if (this.#healthy) {
        this.#healthy = false;
        this.#diag.log(
          'warn',
          `The token store failed (${message}); carrying on without it until it recovers.`,
          { operation },
        );
      }
      return { ok: false };
    } finally {
      clearTimeout(timer);
    }
  }
}
