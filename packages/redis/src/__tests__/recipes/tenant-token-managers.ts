import {
  type ClientCredentials,
  createTokenManager,
  LiveDataAuthError,
  type TokenManager,
  type TokenManagerOptions,
} from '@livedata/core';

/** Options of {@link TenantTokenManagers}. */
export interface TenantTokenManagersOptions {
  /**
   * A customer's service account, e.g. from your database. Called when the tenant has no
   * live manager. Return a provider as `clientSecret` to read the secret at each refresh.
   */
  credentialsOf(tenantId: string): ClientCredentials | Promise<ClientCredentials>;
  /** What every manager shares: `store` (one RedisTokenStore for all), `baseUrl`, `logger`… */
  shared: Omit<TokenManagerOptions, 'credentials'>;
  /** The most managers kept at once; past it the least recently used one is closed. */
  maxLive: number;
}

/** A tenant's manager and how many calls are using it right now. */
interface LiveManager {
  tokens: Promise<TokenManager>;
  busy: number;
}

/**
 * One TokenManager per customer credential, sharing one store, with at most `maxLive` of
 * them kept: past that, the least recently used idle one is closed. A manager in use is
 * never closed under a caller, so while more than `maxLive` tenants have a call in progress
 * at once the count goes over, and comes back down as their calls finish. A tenant whose
 * manager was closed gets a new one at its next call, which adopts the token still in the
 * store: eviction costs no identity call.
 *
 * @example
 * const tenants = new TenantTokenManagers({
 *   credentialsOf: (id) => db.serviceAccountOf(id),
 *   shared: { store: new RedisTokenStore({ client: redis, encryptionKey }) },
 *   maxLive: 500,
 * });
 * const res = await tenants.fetch('acme', `/people/v1/${org}/find`, { method: 'POST', body });
 */
export class TenantTokenManagers {
  readonly #options: TenantTokenManagersOptions;
  /** Insertion order is recency: the first entry is the least recently used. */
  readonly #live = new Map<string, LiveManager>();
  #closed = false;

  constructor(options: TenantTokenManagersOptions) {
    if (!Number.isInteger(options.maxLive) || options.maxLive < 1) {
      throw new RangeError('maxLive must be a positive integer.');
    }
    this.#options = options;
  }

  /** How many managers are live now. */
  get size(): number {
    return this.#live.size;
  }

  /**
   * Runs `use` with the tenant's manager (created on first use). If that manager was closed
   * meanwhile (`forget`), runs it again with a new one: `closed` means no request was sent.
   */
  async use<T>(tenantId: string, use: (tokens: TokenManager) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      if (this.#closed) throw new Error('TenantTokenManagers is closed.');
      const live = this.#touch(tenantId);
      live.busy++;
      try {
        return await use(await live.tokens);
      } catch (error) {
        const closed = error instanceof LiveDataAuthError && error.code === 'closed';
        if (!closed || this.#closed || attempt >= 3) throw error;
      } finally {
        live.busy--;
        this.#evictIdle();
      }
    }
  }

  /** `tokens.fetch` as the tenant. */
  fetch(tenantId: string, pathOrUrl: string | URL, init?: RequestInit): Promise<Response> {
    return this.use(tenantId, (tokens) => tokens.fetch(pathOrUrl, init));
  }

  /** A token of the tenant. */
  getAccessToken(tenantId: string): Promise<string> {
    return this.use(tenantId, (tokens) => tokens.getAccessToken());
  }

  /** Closes the tenant's manager, e.g. when its credentials were replaced or deleted. */
  async forget(tenantId: string): Promise<void> {
    const live = this.#live.get(tenantId);
    this.#live.delete(tenantId);
    await live?.tokens.then((tokens) => tokens.close()).catch(() => {});
  }

  /** Closes every manager; later calls reject. The shared store is left as is. */
  async close(): Promise<void> {
    this.#closed = true;
    const all = [...this.#live.values()];
    this.#live.clear();
    await Promise.all(all.map((l) => l.tokens.then((tokens) => tokens.close()).catch(() => {})));
  }

  /** The tenant's entry, created if needed, moved to most recently used. */
  #touch(tenantId: string): LiveManager {
    const known = this.#live.get(tenantId);
    if (known !== undefined) {
      this.#live.delete(tenantId);
      this.#live.set(tenantId, known);
      return known;
    }
    const live: LiveManager = {
      tokens: (async () =>
        createTokenManager({
          ...this.#options.shared,
          credentials: await this.#options.credentialsOf(tenantId),
        }))(),
      busy: 0,
    };
    this.#live.set(tenantId, live);
    // A failed lookup or bad configuration is not kept: the next call tries again.
    live.tokens.catch(() => {
      if (this.#live.get(tenantId) === live) this.#live.delete(tenantId);
    });
    return live;
  }

  /** Closes the least recently used idle managers until at most `maxLive` are left. */
  #evictIdle(): void {
    for (const [tenantId, live] of this.#live) {
      if (this.#live.size <= this.#options.maxLive) return;
      if (live.busy > 0) continue;
      this.#live.delete(tenantId);
      live.tokens.then((tokens) => tokens.close()).catch(() => {});
    }
  }
}
