import { inspectSymbol } from './redaction.js';
import type { StoredToken, TokenStore } from './types.js';

/**
 * The default {@link TokenStore}: a map in this process's memory. Each `TokenManager`
 * gets its own unless one is passed as `store`. Expired entries are dropped when read.
 */
export class MemoryTokenStore implements TokenStore {
  readonly #tokens = new Map<string, StoredToken>();
  readonly #now: () => number;

  /** @param now clock in ms since epoch, default `Date.now`. */
  constructor(options: { now?: () => number } = {}) {
    this.#now = options.now ?? Date.now;
  }

  get(key: string): StoredToken | undefined {
    const token = this.#tokens.get(key);
    if (token && token.expiresAt <= this.#now()) {
      this.#tokens.delete(key);
      return undefined;
    }
    return token;
  }

  set(key: string, token: StoredToken): void {
    this.#tokens.set(key, { ...token });
  }

  delete(key: string): void {
    this.#tokens.delete(key);
  }

  /** Number of tokens held. */
  get size(): number {
    return this.#tokens.size;
  }

  toJSON(): Record<string, unknown> {
    return { type: 'MemoryTokenStore', size: this.#tokens.size };
  }

  [inspectSymbol](): string {
    return `MemoryTokenStore { size: ${this.#tokens.size} }`;
  }
}
