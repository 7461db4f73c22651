import { createApiUrlResolver } from './api-url.js';
import { asyncDispose } from './async-dispose.js';
import { type AuthenticatedFetchContext, authenticatedFetch } from './authenticated-fetch.js';
import { CloseHooks } from './close-hooks.js';
import { CredentialsCooldown } from './cooldown.js';
import { type CredentialConfig, type ResolvedCredentials, withSecret } from './credentials.js';
import { Diagnostics } from './diagnostics.js';
import { asLiveDataAuthError, LiveDataAuthError } from './errors.js';
import { FRESH_ACCESS_TOKEN } from './fresh-token.js';
import { GuardedStore } from './guarded-store.js';
import { isHeaderSafeToken } from './header-safe-token.js';
import { IdentityCallReport } from './identity-call.js';
import { IDENTITY_PATH, requestIdentityToken } from './identity-client.js';
import { MemoryTokenStore } from './memory-store.js';
import { inspectSymbol } from './redaction.js';
import { RefreshBackoff } from './refresh-backoff.js';
import { abandonedRefreshError, refreshDeadlineMs } from './refresh-deadline.js';
import { refreshWindows, SOFT_WINDOW_JITTER, tokenPhase } from './refresh-window.js';
import { type RetryPolicy, withRetry } from './retry.js';
import { resolveSecret } from './secret-provider.js';
import { serveDecision } from './serve-decision.js';
import { type FlightLimit, SingleFlight } from './single-flight.js';
import { tokenStoreKey } from './store-key.js';
import {
  lockWaitMs,
  type MintedToken,
  type ObtainedToken,
  obtainUnderStoreLock,
  storeLockTtlMs,
} from './store-lock.js';
import { resolveTokenManagerOptions } from './token-manager-options.js';
import type {
  CredentialKind,
  GetAccessTokenOptions,
  LiveDataFetchOptions,
  StoredToken,
  TokenManagerOptions,
} from './types.js';
import { RejectedTokens, unauthorizedDecision } from './unauthorized-policy.js';
import { createUrlScope } from './url-scope.js';
import { abortedError, closedError, Waiters } from './waiters.js';

// Public names, kept where they were always exported from.
export {
  DEFAULT_INVALID_CREDENTIALS_COOLDOWN_MS,
  DEFAULT_REQUEST_TIMEOUT_MS,
  DEFAULT_STORE_TIMEOUT_MS,
} from './token-manager-options.js';
export { FRESH_TOKEN_REJECTION_MS } from './unauthorized-policy.js';

/** The credentials of one refresh cycle, secret in hand, and the store key of that secret. */
type KeyedSecret = { credentials: Exclude<ResolvedCredentials, { kind: 'apiKey' }>; key: string };

function bearer(token: string): string {
  return `Bearer ${token}`;
}

function accessTokenOf(token: StoredToken): string {
  return token.accessToken;
}

/** Options that leave a fresh cached token to be served as is (and that getToken would accept). */
function isPlainRequest(options: GetAccessTokenOptions): boolean {
  const { waitUntil } = options;
  return (
    !options.forceRefresh &&
    !options.signal?.aborted &&
    (waitUntil === undefined || typeof waitUntil === 'function')
  );
}

function isStoredToken(value: unknown): value is StoredToken {
  if (value === null || typeof value !== 'object') return false;
  const t = value as Record<string, unknown>;
  return (
    typeof t.accessToken === 'string' &&
    t.accessToken.length > 0 &&
    typeof t.expiresAt === 'number' &&
    Number.isFinite(t.expiresAt) &&
    typeof t.obtainedAt === 'number' &&
    Number.isFinite(t.obtainedAt)
  );
}

/**
 * Gives every caller a valid Live Data credential with one identity call per token
 * lifetime. Refreshes ahead of expiry in the background, retries identity outages with
 * backoff, and never exposes the secret or token in logs, errors or serialization.
 * The class is also the NestJS injection token.
 *
 * @throws LiveDataAuthError code `config` when the options are invalid (the `setting`
 * property names the option).
 */
export class TokenManager {
  /** The normalized base URL (no trailing slash), e.g. `'https://gotlivedata.io/api'`. */
  readonly baseUrl: string;
  /** The credential kind this manager holds. */
  readonly kind: CredentialKind;

  readonly #credentials: CredentialConfig;
  readonly #fetchOption: typeof globalThis.fetch | undefined;
  readonly #now: () => number;
  readonly #store: GuardedStore;
  readonly #requestTimeoutMs: number;
  readonly #retry: RetryPolicy;
  readonly #backoff: RefreshBackoff;
  readonly #cooldown: CredentialsCooldown;
  readonly #storeTimeoutMs: number;
  /** The store lock's TTL, fixed by the options (see storeLockTtlMs). */
  readonly #lockTtlMs: number;
  readonly #diag: Diagnostics;
  /**
   * Drawn on first use, not at construction: Workers refuse random values at module scope,
   * where a manager shared by every request of an isolate is created.
   */
  #jitterDrawn: number | undefined;
  readonly #flight = new SingleFlight<StoredToken>();
  readonly #flightKey: string;
  readonly #closeHooks = new CloseHooks();
  /**
   * The secret of the refresh cycle in progress (asked for once per cycle) and its store key,
   * so the token minted in a cycle is stored under the key of the secret that minted it.
   */
  #cycle: KeyedSecret | undefined;
  #current: StoredToken | undefined;
  /**
   * The soft window of {@link #current} in ms before its expiry, computed once when the token
   * is stored: while more than this is left the token is fresh, which the hot path checks
   * with one subtraction instead of recomputing the windows per call.
   */
  #currentSoftMs = 0;
  /** `#current`'s token as a resolved promise, made once and handed to every cached call. */
  #currentResolved: Promise<string> | undefined;
  /** `'Bearer '` + {@link #currentResolved}'s token, made on first use. */
  #currentHeader: Promise<string> | undefined;
  /** The API key as a resolved promise, when it is a plain string (not a provider). */
  #apiKeyResolved: Promise<string> | undefined;
  /** Whether anyone listens to events, fixed at construction (see {@link Diagnostics.listening}). */
  readonly #listening: boolean;
  /** What `tokens.fetch` needs, built once (a URL resolver that remembers, the scope). */
  readonly #fetchContext: AuthenticatedFetchContext;
  readonly #rejected = new RejectedTokens();
  #lastInvalidationAt = Number.NEGATIVE_INFINITY;
  #lastRefreshAt = Number.NEGATIVE_INFINITY;
  #lifetimeWarned = false;
  #closed = false;
  readonly #waiters = new Waiters();

  /**
   * Validates the options; no request is made until the first token is needed.
   * `createTokenManager()` is the same without `new`.
   *
   * @param options - credentials (required), base URL, store, timeouts, logger and hooks.
   * @throws LiveDataAuthError code `config` when the options are invalid.
   */
  constructor(options: TokenManagerOptions) {
    const resolved = resolveTokenManagerOptions(options);
    this.#credentials = resolved.credentials;
    this.kind = resolved.kind;
    this.baseUrl = resolved.baseUrl;
    this.#fetchOption = resolved.fetch;
    this.#now = resolved.now;
    this.#requestTimeoutMs = resolved.requestTimeoutMs;
    this.#retry = resolved.retry;
    this.#backoff = new RefreshBackoff(this.#retry);
    this.#cooldown = new CredentialsCooldown(resolved.cooldownMs, this.#now);
    this.#storeTimeoutMs = resolved.storeTimeoutMs;
    this.#lockTtlMs = storeLockTtlMs(this.#retry, this.#requestTimeoutMs, this.#storeTimeoutMs);
    this.#diag = new Diagnostics(resolved.logger, resolved.onEvent);
    this.#store = new GuardedStore(
      resolved.store ?? new MemoryTokenStore({ now: this.#now }),
      this.#storeTimeoutMs,
      this.#diag,
    );
    this.#flightKey = `${this.baseUrl}\n${this.kind}\n${this.#credentials.identity}`;
    this.#listening = this.#diag.listening;
    if (this.#credentials.kind === 'apiKey' && typeof this.#credentials.secret === 'string') {
      this.#apiKeyResolved = Promise.resolve(this.#credentials.secret);
    }
    this.#fetchContext = {
      resolve: createApiUrlResolver(this.baseUrl),
      scope: createUrlScope(this.baseUrl),
      freshToken: () => this.#freshToken(),
      getToken: (signal, waitUntil) =>
        this.getToken({ ...(signal ? { signal } : {}), ...(waitUntil ? { waitUntil } : {}) }),
      handleUnauthorized: (token, path) => this.handleUnauthorized(token, path),
      canRetryUnauthorized: this.kind !== 'apiKey',
    };
  }

  /**
   * A valid access token (for API keys: the key). Served from the cache when fresh; inside
   * the soft window the cached token comes back at once and one background refresh runs;
   * inside the hard window or after expiry the caller waits for the shared refresh.
   *
   * @throws LiveDataAuthError `aborted` (this caller's `signal`), `closed`, or the identity
   * failure (`invalid_credentials`, `rate_limited`, `unavailable`, `timeout`, `invalid_response`)
   * when no valid token is left to serve.
   */
  getAccessToken(options?: GetAccessTokenOptions): Promise<string> {
    // Fast path, the common case: a fresh cached token (or a plain API key) comes back as a
    // promise made once, with one clock read and no await chain or copy of the token object.
    // Anything else (closed, aborted signal, forceRefresh, no token, soft/hard window,
    // expiry) takes the full path in getToken.
    try {
      if (options === undefined || isPlainRequest(options)) {
        if (this.kind === 'apiKey' && !this.#closed) return this.#apiKeyResolved ?? this.#apiKey();
        if (this.#freshToken() !== undefined) {
          this.#currentResolved ??= Promise.resolve((this.#current as StoredToken).accessToken);
          return this.#currentResolved;
        }
      }
      return this.getToken(options).then(accessTokenOf);
    } catch (error) {
      // A throwing clock or options getter rejects, as it did when this was an async function.
      return Promise.reject(error);
    }
  }

  /**
   * The cached token when it is fresh, synchronously, with the `cache.hit` event a fresh
   * `getAccessToken()` emits; `undefined` when the caller must take the full path (closed,
   * no token, a window or expiry reached, or an API key). Adapters use it through the
   * `FRESH_ACCESS_TOKEN` method to send without waiting for a promise.
   */
  #freshToken(): string | undefined {
    const current = this.#current;
    if (
      current === undefined ||
      this.#closed ||
      current.expiresAt - this.#now() <= this.#currentSoftMs
    ) {
      return undefined;
    }
    if (this.#listening) this.#diag.emit({ type: 'cache.hit', expiresAt: current.expiresAt });
    return current.accessToken;
  }

  /**
   * The fresh cached token, synchronously, for `@livedata/axios` (see `fresh-token.ts`).
   *
   * @internal Not part of the public API.
   */
  [FRESH_ACCESS_TOKEN](): string | undefined {
    return this.#freshToken();
  }

  /** `'Bearer <token>'`, for an `Authorization` header. Same rules as {@link getAccessToken}. */
  getAuthorizationHeader(options?: GetAccessTokenOptions): Promise<string> {
    const token = this.getAccessToken(options);
    // A fresh cached token's header is made once, like the token's promise.
    if (token === this.#currentResolved) {
      this.#currentHeader ??= token.then(bearer);
      return this.#currentHeader;
    }
    return token.then(bearer);
  }

  /**
   * The current token with its expiry and mint time (ms, local clock). Same rules as
   * {@link getAccessToken}; adapters use `obtainedAt` to tell a fresh token from a stale one.
   */
  async getToken(options: GetAccessTokenOptions = {}): Promise<StoredToken> {
    const { signal, forceRefresh = false, waitUntil } = options;
    if (this.#closed) throw closedError();
    if (signal?.aborted) throw abortedError(signal);
    if (waitUntil !== undefined && typeof waitUntil !== 'function') {
      throw new LiveDataAuthError(
        'config',
        'waitUntil must be a function, e.g. (promise) => ctx.waitUntil(promise).',
        { setting: 'waitUntil' },
      );
    }
    const credentials = this.#credentials;
    if (credentials.kind === 'apiKey') {
      return {
        accessToken: await this.#apiKey(),
        expiresAt: Number.POSITIVE_INFINITY,
        obtainedAt: 0,
      };
    }
    const now = this.#now();
    const current = this.#current;
    const decision = serveDecision({
      current,
      now,
      // Only a token's windows use the jitter, and it was drawn when that token was stored:
      // a manager without a token draws none here.
      jitter: current ? this.#jitter : 0,
      lastRefreshAt: this.#lastRefreshAt,
      backoffRemainingMs: this.#backoff.remainingMs(now),
      // A refresh in flight is joined even during a cooldown; only looked up in one.
      coolingDown: this.#cooldown.errorAt(now) !== undefined && !this.#flight.get(this.#flightKey),
      invalidated: this.#lastInvalidationAt > Number.NEGATIVE_INFINITY,
      forceRefresh,
    });
    if (decision.action === 'serve') {
      if (this.#listening) {
        this.#diag.emit({ type: 'cache.hit', expiresAt: (current as StoredToken).expiresAt });
      }
      return { ...(current as StoredToken) };
    }
    if (decision.action === 'serve_stale') {
      if (this.#listening) {
        this.#diag.emit({ type: 'cache.stale', expiresAt: (current as StoredToken).expiresAt });
      }
      if (decision.refresh) this.#refreshInBackground(now, waitUntil);
      return { ...(current as StoredToken) };
    }
    if (this.#listening) this.#diag.emit({ type: 'cache.miss', reason: decision.reason });
    if (decision.action === 'cooldown') {
      if (decision.serveCurrent) return { ...(current as StoredToken) };
      throw this.#cooldown.errorAt(now) as LiveDataAuthError;
    }

    try {
      return { ...(await this.#waiters.wait(this.#refresh(false, decision.delayMs), signal)) };
    } catch (error) {
      if (
        error instanceof LiveDataAuthError &&
        (error.code === 'aborted' || error.code === 'closed')
      ) {
        throw error;
      }
      // A refresh that failed while the cached token is still valid keeps serving it.
      const still = this.#current;
      if (!forceRefresh && still && this.#now() < still.expiresAt) return { ...still };
      throw error;
    }
  }

  /**
   * Tells the manager the API rejected `token`. If it is still the current token it is
   * dropped (also from the store) and the next caller gets a new one; otherwise nothing
   * happens, so many concurrent 401s cause one refresh. No-op for API keys.
   */
  invalidate(token: string): void {
    if (this.#closed || this.kind === 'apiKey' || typeof token !== 'string') return;
    this.#rejected.remember(token);
    if (this.#current?.accessToken !== token) return;
    this.#setCurrent(undefined);
    this.#lastInvalidationAt = this.#now();
    this.#diag.emit({ type: 'token.invalidated' });
    this.#store.background(this.#deleteFromStore(token).catch(() => {}));
  }

  /**
   * What to do after the API answered 401 to a request that carried `token`: returns
   * `true` when the caller should retry once with a new token (the token was invalidated,
   * or was already replaced), `false` when `token` was minted moments ago (within
   * `min(10 s, its lifetime / 4)`) to replace a rejected one, so refreshing again would loop
   * (reported via event and logger instead).
   * `tokens.fetch` uses this; adapters (Axios, …) should too.
   */
  handleUnauthorized(token: string, path = ''): boolean {
    if (this.#closed || this.kind === 'apiKey') return false;
    const decision = unauthorizedDecision(
      token,
      this.#current,
      this.#now,
      this.#lastInvalidationAt,
    );
    if (decision.action === 'rejected_fresh') {
      const tokenAgeMs = decision.tokenAgeMs;
      this.#diag.emit({ type: 'unauthorized.rejected_fresh_token', path, tokenAgeMs });
      this.#diag.log(
        'warn',
        "The API rejected a token minted moments ago to replace a rejected one; not refreshing again. Check the credential's roles and the API base URL.",
        { path, tokenAgeMs },
      );
      return false;
    }
    if (decision.action === 'invalidate') this.invalidate(token);
    this.#diag.emit({ type: 'unauthorized.retry', path });
    return true;
  }

  /**
   * `fetch` against the Live Data API: joins `pathOrUrl` onto {@link baseUrl}, attaches
   * the token only to URLs under it (same origin and path prefix), follows redirects itself
   * (dropping `Authorization` when leaving `baseUrl`), and retries once on 401 with a new
   * token. Returns the `Response` as is; non-2xx answers do not throw (see
   * `LiveDataApiError.fromResponse`).
   *
   * @param options - `waitUntil`: receives a background refresh this request starts (see
   * {@link GetAccessTokenOptions.waitUntil}).
   * @throws LiveDataAuthError `config` for an absolute URL outside `baseUrl`, or a token failure.
   */
  fetch(
    pathOrUrl: string | URL,
    init: RequestInit = {},
    options: LiveDataFetchOptions = {},
  ): Promise<Response> {
    if (this.#closed) return Promise.reject(closedError());
    let fetchImpl: typeof globalThis.fetch;
    try {
      fetchImpl = this.#fetchImpl();
    } catch (error) {
      return Promise.reject(error);
    }
    return authenticatedFetch(this.#fetchContext, fetchImpl, pathOrUrl, init, options?.waitUntil);
  }

  /**
   * Stops the manager: waiting callers and later calls reject with code `closed`, timers
   * and in-flight identity requests are cancelled. Resolves once the store writes still
   * running in the background have settled (each within `storeTimeoutMs`), so a store
   * client can be closed right after. Idempotent. Does not clear a shared store.
   */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#setCurrent(undefined);
    this.#closeHooks.close(closedError());
    this.#waiters.closeAll();
    await this.#store.settled();
  }

  /**
   * Same as {@link close}, for `await using tokens = …`: `tokens[Symbol.asyncDispose]()`.
   * Typed only where the program's lib declares `Symbol.asyncDispose`.
   */
  [asyncDispose](): Promise<void> {
    return this.close();
  }

  /** A safe summary: kind, base URL and token state. Never the secret or token. */
  toJSON(): Record<string, unknown> {
    return {
      type: 'TokenManager',
      kind: this.kind,
      baseUrl: this.baseUrl,
      hasToken: this.#current !== undefined,
      expiresAt: this.#current?.expiresAt,
      closed: this.#closed,
    };
  }

  /** What `util.inspect` / `console.log` prints. */
  [inspectSymbol](): string {
    const state = this.#closed ? 'closed' : this.#current ? 'has token' : 'no token';
    return `TokenManager { kind: '${this.kind}', baseUrl: '${this.baseUrl}', ${state} }`;
  }

  // ---------------------------------------------------------------------------------------

  /** This instance's soft-window jitter, fixed once drawn (see {@link #jitterDrawn}). */
  get #jitter(): number {
    this.#jitterDrawn ??= Math.random() * SOFT_WINDOW_JITTER;
    return this.#jitterDrawn;
  }

  /** The one place the cached token changes, so its precomputed soft window never goes stale. */
  #setCurrent(token: StoredToken | undefined): void {
    this.#current = token;
    this.#currentResolved = undefined;
    this.#currentHeader = undefined;
    this.#currentSoftMs = token
      ? refreshWindows(token.expiresAt - token.obtainedAt, this.#jitter).softMs
      : 0;
  }

  #fetchImpl(): typeof globalThis.fetch {
    const f = this.#fetchOption ?? globalThis.fetch;
    if (typeof f !== 'function') {
      throw new LiveDataAuthError('config', 'No fetch available; pass options.fetch.', {
        setting: 'fetch',
      });
    }
    return f;
  }

  /** Starts the shared refresh unless one runs or a cooldown or backoff holds; `now` as just read. */
  #refreshInBackground(now: number, waitUntil?: (promise: Promise<unknown>) => void): void {
    if (this.#cooldown.errorAt(now)) return;
    if (this.#flight.get(this.#flightKey)) return;
    if (this.#backoff.remainingMs(now) > 0) return;
    // Its failure is reported inside #refresh; nobody awaits it, so it must not reject unhandled.
    const settled = this.#refresh(true).then(
      () => {},
      () => {},
    );
    if (waitUntil) this.#handOff(waitUntil, settled);
  }

  /** Gives the platform a background refresh to keep the request alive for. */
  #handOff(waitUntil: (promise: Promise<unknown>) => void, promise: Promise<void>): void {
    try {
      waitUntil(promise);
    } catch (error) {
      // The refresh goes on regardless; the caller already has its token.
      this.#diag.log(
        'warn',
        `waitUntil threw${error instanceof Error ? ` (${error.name})` : ''}; pass a bound function such as (promise) => ctx.waitUntil(promise).`,
      );
    }
  }

  /** One shared refresh cycle, after `delayMs` (what is left of the backoff). */
  #refresh(background: boolean, delayMs = 0): Promise<StoredToken> {
    return this.#flight.run(this.#flightKey, this.#flightLimit(delayMs), async () => {
      try {
        if (delayMs > 0) await this.#closeHooks.sleep(delayMs);
        this.#diag.emit({ type: 'refresh.started', background });
        const { token, source, attempts } = await this.#obtain(this.#backoff.attempts(background));
        if (this.#closed) throw closedError();
        this.#setCurrent(token);
        this.#cooldown.succeeded();
        this.#backoff.succeeded();
        this.#lastRefreshAt = this.#now();
        const lifetimeMs = token.expiresAt - token.obtainedAt;
        this.#diag.emit({
          type: 'refresh.succeeded',
          background,
          source,
          expiresAt: token.expiresAt,
          lifetimeMs,
          attempts,
        });
        this.#diag.log(
          'debug',
          `Obtained a token from the ${source === 'identity' ? 'identity endpoint' : 'store'}.`,
          { lifetimeMs, attempts },
        );
        return token;
      } catch (thrown) {
        const error = asLiveDataAuthError(thrown, 'Refreshing the token failed unexpectedly.', {
          withCause: true,
        });
        this.#cooldown.failed(error);
        let nextCycleInMs: number | undefined;
        if (error.retryable && error.code !== 'closed') {
          const now = this.#now();
          nextCycleInMs = this.#backoff.failed(now, error.retryAfterMs, this.#servedUntil(now));
        }
        if (error.code !== 'closed') {
          this.#diag.emit({ type: 'refresh.failed', background, error });
          this.#diag.log('warn', `Token refresh failed (${error.code}): ${error.message}`, {
            code: error.code,
            status: error.status,
            background,
            nextCycleInMs,
          });
        }
        throw error;
      }
    });
  }

  /** How long a refresh may run before it is abandoned (see refreshDeadlineMs). */
  #flightLimit(delayMs: number): FlightLimit {
    const lockWait = this.#store.hasLock ? lockWaitMs(this.#lockTtlMs, this.#requestTimeoutMs) : 0;
    return {
      withinMs: refreshDeadlineMs({
        retry: this.#retry,
        requestTimeoutMs: this.#requestTimeoutMs,
        storeTimeoutMs: this.#storeTimeoutMs,
        delayMs,
        lockWaitMs: lockWait,
      }),
      // Real time, not options.now: the deadline bounds how long a request has really been
      // running, and an injected clock that jumps (a test's fake clock moving hours ahead
      // while a refresh is in flight) must not abandon a refresh that is about to answer.
      now: Date.now,
      abandoned: abandonedRefreshError,
    };
  }

  /**
   * When the cached token stops being served without a refresh: the start of its hard window,
   * then its expiry. `undefined` when there is no valid token.
   */
  #servedUntil(now: number): number | undefined {
    const current = this.#current;
    if (!current || now >= current.expiresAt) return undefined;
    const { hardMs } = refreshWindows(current.expiresAt - current.obtainedAt, this.#jitter);
    const hardStart = current.expiresAt - hardMs;
    return now < hardStart ? hardStart : current.expiresAt;
  }

  /**
   * Store first (another process may have refreshed), under the store lock when there is one.
   * `maxAttempts`: identity attempts if it comes to minting. A store that fails or times out
   * costs this refresh that one call: the rest of it goes without the store. While the store
   * is failing, refreshes skip it altogether and probe it in the background. The write of a
   * new token never delays the callers (see {@link #mintAndStore}).
   */
  async #obtain(maxAttempts: number): Promise<ObtainedToken> {
    // The cycle's secret travels with it, down to #mint: a later cycle (after this one was
    // abandoned, or a rotation) must never make this one mint with another secret than the
    // one its store key was derived from.
    const cycle = await this.#beginCycle();
    const { key } = cycle;
    const store = this.#store;
    if (!store.healthy) {
      store.probe(key);
      return this.#mintAndStore(cycle, maxAttempts);
    }
    const cached = await this.#readStore(key);
    if (cached) return { token: cached, source: 'store', attempts: 0 };
    if (store.healthy && store.hasLock) {
      const underLock = await obtainUnderStoreLock({
        store,
        key,
        lockTtlMs: this.#lockTtlMs,
        requestTimeoutMs: this.#requestTimeoutMs,
        sleep: (ms) => this.#closeHooks.sleep(ms),
        read: (k) => this.#readStore(k),
        mint: () => this.#mint(cycle.credentials, maxAttempts),
      });
      if (underLock) return underLock;
    }
    return this.#mintAndStore(cycle, maxAttempts);
  }

  /**
   * Mints and writes the token to the store in the background: callers get it as soon as
   * identity answered, a slow or dead store only delays the write (`close()` waits for it).
   */
  async #mintAndStore(cycle: KeyedSecret, maxAttempts: number): Promise<MintedToken> {
    const minted = await this.#mint(cycle.credentials, maxAttempts);
    this.#store.background(this.#store.set(cycle.key, minted.token));
    return minted;
  }

  async #mint(credentials: KeyedSecret['credentials'], maxAttempts: number): Promise<MintedToken> {
    const fetchImpl = this.#fetchImpl();
    const identityUrl = `${this.baseUrl}${IDENTITY_PATH}`;
    const report = new IdentityCallReport(this.#diag, this.#now, identityUrl, credentials.kind);
    const retried = withRetry(
      async () => {
        // A signal of this attempt's own (see CloseHooks): none outlives the call that made it.
        const close = this.#closeHooks.scope();
        try {
          return await requestIdentityToken({
            fetch: fetchImpl,
            baseUrl: this.baseUrl,
            credentials,
            timeoutMs: this.#requestTimeoutMs,
            now: this.#now,
            closeSignal: close.signal,
          });
        } finally {
          close.release();
        }
      },
      { ...this.#retry, maxAttempts },
      {
        sleep: (ms) => this.#closeHooks.sleep(ms),
        isRetryError: (e): e is LiveDataAuthError => e instanceof LiveDataAuthError,
        onRetry: ({ attempt, delayMs, error }) => {
          report.retried(attempt, delayMs, error);
          this.#diag.log('debug', `Identity attempt ${attempt} failed (${error.code}); retrying.`, {
            attempt,
            delayMs,
          });
        },
      },
    );
    const { value, attempts } = await report.settle(retried);
    if (value.warning !== undefined && !this.#lifetimeWarned) {
      this.#lifetimeWarned = true;
      this.#diag.log('warn', value.warning, { lifetimeMs: value.lifetimeMs });
    }
    const obtainedAt = this.#now();
    return {
      token: {
        accessToken: value.accessToken,
        obtainedAt,
        expiresAt: obtainedAt + value.lifetimeMs,
      },
      source: 'identity',
      attempts,
    };
  }

  /** The API key: the configured string, or what its provider returns now. */
  #apiKey(): Promise<string> {
    const { secret } = this.#credentials;
    return typeof secret === 'string'
      ? Promise.resolve(secret)
      : resolveSecret(secret, 'apiKey', this.#requestTimeoutMs);
  }

  /** The secret now (its provider asked, if any) and the store key derived from it. */
  async #keyedSecret(): Promise<KeyedSecret> {
    const config = this.#credentials;
    if (config.kind === 'apiKey') throw new Error('unreachable: API keys use no store');
    const secret = await resolveSecret(config.secret, config.field, this.#requestTimeoutMs);
    const key = await tokenStoreKey(this.baseUrl, this.kind, config.identity, secret);
    return { credentials: withSecret(config, secret), key };
  }

  /** Starts a refresh cycle (only #obtain, inside the single flight): its secret and key. */
  async #beginCycle(): Promise<KeyedSecret> {
    const cycle = await this.#keyedSecret();
    this.#cycle = cycle;
    return cycle;
  }

  /**
   * The store key of the last cycle's secret, where the current token was read or written.
   * (After a rotation whose cycle failed it is the new secret's key: deleting there is a
   * harmless miss.)
   */
  async #storeKey(): Promise<string> {
    return this.#cycle?.key ?? (await this.#keyedSecret()).key;
  }

  /**
   * A stored token worth adopting: well-formed, sendable in a header, not rejected, outside
   * the hard window, newer than ours.
   */
  async #readStore(key: string): Promise<StoredToken | undefined> {
    const result = await this.#store.get(key);
    if (!result.ok || !isStoredToken(result.value)) return undefined;
    const candidate = result.value;
    if (!isHeaderSafeToken(candidate.accessToken)) {
      // Corrupted, or written by something else: `Headers` would throw on it (or send
      // another token). A miss like any other, and dropped so no process reads it again.
      this.#diag.log(
        'warn',
        'The token store held a token that cannot be sent in a header; dropped it.',
      );
      await this.#store.delete(key);
      return undefined;
    }
    if (this.#rejected.has(candidate.accessToken)) return undefined;
    const phase = tokenPhase(candidate, this.#now(), this.#jitter);
    if (phase === 'hard' || phase === 'expired') return undefined;
    const current = this.#current;
    if (current && candidate.expiresAt <= current.expiresAt) return undefined;
    return {
      accessToken: candidate.accessToken,
      expiresAt: candidate.expiresAt,
      obtainedAt: candidate.obtainedAt,
    };
  }

  async #deleteFromStore(token: string): Promise<void> {
    const key = await this.#storeKey();
    const stored = await this.#store.get(key);
    // Another process may already have stored a newer token: only delete the rejected one.
    if (stored.ok && isStoredToken(stored.value) && stored.value.accessToken !== token) return;
    await this.#store.delete(key);
  }
}

/** Same as `new TokenManager(options)`. */
export function createTokenManager(options: TokenManagerOptions): TokenManager {
  return new TokenManager(options);
}
