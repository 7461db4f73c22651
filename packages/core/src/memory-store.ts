import { inspectSymbol } from './redaction.js';
import type { StoredToken, TokenStore } from './types.js';

/**
 * The default {@link TokenStore}: a map in this process's memory. Each `TokenManager`
 * gets its own unless one is passed as `store`. Expired entries are dropped when read.
 */
export class MemoryTokenStore implements TokenStore {
  readonly #tokens = new Map<string, StoredToken>();
  readonly #now: () => number;

  /**
   * Creates an empty store.
   *
   * @param options.now - clock in ms since epoch, default `Date.now`.
   */
  constructor(options: { now?: () => number } = {}) {
    this.#now = options.now ?? Date.now;
  }

  /** The token under `key`, or `undefined` when absent or expired. */
  get(key: string): StoredToken | undefined {
    const token = this.#tokens.get(key);
    if (token && token.expiresAt <= this.#now()) {
      this.#tokens.delete(key);
      return undefined;
    }
    return token;
  }

  /** Keeps a copy of `token` under `key`. */
  set(key: string, token: StoredToken): void {
    this.#tokens.set(key, { ...token });
  }

  /** Forgets the token under `key`. */
  delete(key: string): void {
    this.#tokens.delete(key);
  }

  /** Number of tokens held. */
  get size(): number {
    return this.#tokens.size;
  }

  /** A safe summary: never the tokens. */
  toJSON(): Record<string, unknown> {
    return { type: 'MemoryTokenStore', size: this.#tokens.size };
  }

  /** What `util.inspect` and `console.log` show: the entry count, never a token. */
  [inspectSymbol](): string {
    return `MemoryTokenStore { size: ${this.#tokens.size} }`;
  }
}
