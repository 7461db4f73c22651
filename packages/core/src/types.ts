import type { LiveDataAuthError } from './errors.js';

/** Which kind of Live Data credential a {@link TokenManager} holds. */
export type CredentialKind = 'clientCredentials' | 'password' | 'apiKey';

/**
 * A function that returns a secret when the manager needs it, sync or async: for a secret
 * in a file that a Kubernetes secret mount updates, or in a secret manager. It is asked at
 * every refresh (each identity call, and the store lookup before it), and for an API key
 * each time a token is asked for, so a rotated secret takes effect at the next identity call
 * without a restart; after `invalid_credentials` the next attempt (after the cooldown) asks
 * again. Cache in the provider if asking is expensive.
 *
 * It must return the secret itself: a non-empty string without control characters (trim a
 * value read from a file), and for an API key without whitespace. A provider that throws,
 * rejects, returns anything else or does not settle within `requestTimeoutMs` makes the
 * call fail with `LiveDataAuthError` code `config` (retryable false), whose message never
 * contains the value nor the provider's own error.
 */
export type SecretProvider = () => string | Promise<string>;

/** A service account (OAuth2 client credentials grant). */
export interface ClientCredentials {
  /** The service account's client id: a plain string, it names the credential in store keys. */
  clientId: string;
  /**
   * The service account's secret, or a {@link SecretProvider} that returns it. No control
   * characters. Never logged, serialized or put in an error.
   */
  clientSecret: string | SecretProvider;
}

/** A user session (username/password grant). */
export interface PasswordCredentials {
  /** The user's sign-in name (usually an e-mail address): a plain string. */
  username: string;
  /**
   * The user's password, or a {@link SecretProvider} that returns it. No control characters.
   * Never logged, serialized or put in an error.
   */
  password: string | SecretProvider;
}

/**
 * A long-lived API key (`ldtkey_…`), used as is. Works only on endpoints without
 * customer-specific data (people, company).
 */
export interface ApiKeyCredentials {
  /**
   * The API key, or a {@link SecretProvider} that returns it: visible ASCII with no
   * whitespace or control characters (it is sent in a header as is), else `config` error.
   * Never logged, serialized or put in an error.
   */
  apiKey: string | SecretProvider;
}

/** Exactly one of the three credential kinds. */
export type LiveDataCredentials = ClientCredentials | PasswordCredentials | ApiKeyCredentials;

/** Retry policy of the identity call (exponential backoff with full jitter). */
export interface RetryOptions {
  /** Total attempts including the first one. Default `4`. `1` disables retries. */
  maxAttempts?: number;
  /** Backoff base: attempt `n` waits a random time in `[0, baseDelayMs * 2^(n-1))`. Default `250`. */
  baseDelayMs?: number;
  /** Upper bound of any single wait, including one asked for by `Retry-After`. Default `10_000`. */
  maxDelayMs?: number;
}

/**
 * A logger shaped like `console`, pino or the NestJS logger. Every method is optional.
 * It only ever receives safe messages: never a secret, password, API key or token.
 */
export interface LiveDataLogger {
  /** Routine detail, such as a token obtained or an identity attempt retried. */
  debug?(message: string, context?: Record<string, unknown>): void;
  /** A recovery, such as the token store answering again. */
  info?(message: string, context?: Record<string, unknown>): void;
  /** Degraded but carrying on: a failed refresh, a failing store, a fresh token rejected. */
  warn?(message: string, context?: Record<string, unknown>): void;
  /** Accepted for loggers shaped like `console`; failures reach callers as thrown errors. */
  error?(message: string, context?: Record<string, unknown>): void;
}

/**
 * A token as kept in a {@link TokenStore}. It carries no secret, but the token itself:
 * stores that persist it should protect it (see `@livedata/redis` `encryptionKey`).
 */
export interface StoredToken {
  /** The bearer token. */
  accessToken: string;
  /** When it expires, in ms since epoch on the local clock (already corrected for server clock skew). */
  expiresAt: number;
  /** When it was obtained, in ms since epoch on the local clock. */
  obtainedAt: number;
}

/**
 * Where tokens are shared. The default keeps them in memory ({@link MemoryTokenStore});
 * `@livedata/redis` shares one token across a fleet. Every method may be sync or async.
 * The manager guards each call with a timeout and treats any error as a miss.
 */
export interface TokenStore {
  /** The token stored under `key`, or `undefined`. */
  get(key: string): StoredToken | undefined | Promise<StoredToken | undefined>;
  /** Store `token` under `key`. Implementations may expire it at `token.expiresAt`. */
  set(key: string, token: StoredToken): void | Promise<void>;
  /** Forget the token under `key`. */
  delete(key: string): void | Promise<void>;
  /**
   * Optional cross-process lock so one process of a fleet makes the identity call.
   * Resolves to a release function when acquired, or `undefined` when someone else holds it.
   * The lock must expire on its own after `ttlMs`.
   */
  lock?(key: string, ttlMs: number): Promise<(() => Promise<void>) | undefined>;
}

/** Why a caller could not be served from the cache. */
export type CacheMissReason = 'empty' | 'expired' | 'hard_window' | 'forced' | 'invalidated';

/**
 * What the manager reports through `onEvent`. No event carries a secret or a token.
 *
 * - `cache.hit`: a fresh cached token was returned.
 * - `cache.stale`: the cached token is inside the soft window; it was returned at once and
 *   a background refresh runs.
 * - `cache.miss`: the caller waits for a token (`reason` says why).
 * - `refresh.started` / `refresh.succeeded` / `refresh.failed`: one shared refresh.
 *   `source` is `'identity'` when the identity endpoint was called, `'store'` when another
 *   process's token was adopted from the store.
 * - `identity.started` / `identity.succeeded` / `identity.failed`: one identity call (every
 *   attempt of one mint, retries included), correlated by `callId`. They say where the call
 *   went (`url`, `method`), with which `credentialKind`, its final HTTP `status` and its
 *   `durationMs`: enough for a tracing span (see `@livedata/opentelemetry`).
 * - `refresh.retry`: an identity attempt failed and another follows after `delayMs`
 *   (`status`: that attempt's HTTP status, when it got an answer; `callId`: its call).
 * - `token.invalidated`: `invalidate()` dropped the current token.
 * - `unauthorized.retry`: `tokens.fetch` got a 401, invalidated the token and retries once.
 * - `unauthorized.rejected_fresh_token`: the API rejected a token minted moments ago to
 *   replace a rejected one; the 401 is returned and no further refresh is made.
 * - `store.error`: a store call failed or timed out; the manager carried on without it.
 */
export type TokenEvent =
  | {
      /** A fresh cached token was returned. */
      type: 'cache.hit';
      /** When the returned token expires, in ms since epoch. */
      expiresAt: number;
    }
  | {
      /** The cached token was returned and a background refresh runs. */
      type: 'cache.stale';
      /** When the returned token expires, in ms since epoch. */
      expiresAt: number;
    }
  | {
      /** The caller waits for a token. */
      type: 'cache.miss';
      /** Why the cache could not serve it. */
      reason: CacheMissReason;
    }
  | {
      /** A shared refresh began. */
      type: 'refresh.started';
      /** `true` when started ahead of expiry while callers keep the current token. */
      background: boolean;
    }
  | {
      /** A shared refresh produced a token. */
      type: 'refresh.succeeded';
      /** `true` when started ahead of expiry while callers keep the current token. */
      background: boolean;
      /** `'identity'`: from the identity endpoint; `'store'`: another process's token, adopted. */
      source: 'identity' | 'store';
      /** When the new token expires, in ms since epoch. */
      expiresAt: number;
      /** The new token's lifetime in ms. */
      lifetimeMs: number;
      /** Identity attempts made, `0` when the token came from the store. */
      attempts: number;
    }
  | {
      /** A shared refresh failed after its retries. */
      type: 'refresh.failed';
      /** `true` when started ahead of expiry; callers then kept the current token. */
      background: boolean;
      /** The failure, as callers waiting on the refresh receive it. */
      error: LiveDataAuthError;
    }
  | {
      /** An identity call began: its first attempt is about to be sent. */
      type: 'identity.started';
      /** Identifies this call in its `refresh.retry` and `identity.succeeded` / `identity.failed` events. */
      callId: number;
      /** The HTTP method of the identity request, always `'POST'`. */
      method: 'POST';
      /** The identity endpoint's URL (`{baseUrl}/identity/v1/session`); never carries credentials. */
      url: string;
      /** The grant used: `'clientCredentials'` or `'password'`. */
      credentialKind: Exclude<CredentialKind, 'apiKey'>;
    }
  | {
      /** An identity call produced a token. */
      type: 'identity.succeeded';
      /** The `callId` of its `identity.started` event. */
      callId: number;
      /** The HTTP status of the answer that carried the token (a 2xx). */
      status: number;
      /** Attempts made, from 1. */
      attempts: number;
      /** From the call's start to the token, retries and their waits included, in ms (the manager's clock). */
      durationMs: number;
    }
  | {
      /** An identity call failed: a non-retryable answer, or its last attempt failed. */
      type: 'identity.failed';
      /** The `callId` of its `identity.started` event. */
      callId: number;
      /** The HTTP status of the last answer, absent when the last attempt got none (network error, timeout). */
      status?: number;
      /** Attempts made, from 1. */
      attempts: number;
      /** From the call's start to the failure, in ms (the manager's clock). */
      durationMs: number;
      /** The failure, as the refresh reports it; its `code` says why. */
      error: LiveDataAuthError;
    }
  | {
      /** An identity attempt failed and another follows. */
      type: 'refresh.retry';
      /** The number of the attempt that failed, from 1. */
      attempt: number;
      /** The wait before the next attempt, in ms. */
      delayMs: number;
      /** Why the attempt failed. */
      code: LiveDataAuthError['code'];
      /** The HTTP status of the failed attempt, absent when it got no answer (network error, timeout). */
      status?: number;
      /** The `callId` of the identity call the attempt belongs to (see `identity.started`). */
      callId?: number;
    }
  | {
      /** `invalidate()` dropped the current token. */
      type: 'token.invalidated';
    }
  | {
      /** A request got a 401: the token was invalidated and the request is retried once. */
      type: 'unauthorized.retry';
      /** The path of the request that got the 401, without the query string. */
      path: string;
    }
  | {
      /** The API rejected a token minted moments ago; the 401 is returned as is. */
      type: 'unauthorized.rejected_fresh_token';
      /** The path of the request that got the 401, without the query string. */
      path: string;
      /** How old the rejected token was, in ms. */
      tokenAgeMs: number;
    }
  | {
      /** A store call failed or timed out; the manager carried on without it. */
      type: 'store.error';
      /** The store method that failed. */
      operation: 'get' | 'set' | 'delete' | 'lock';
      /** Why, without any token or secret. */
      message: string;
    };

/** The `type` of every {@link TokenEvent}. */
export type TokenEventType = TokenEvent['type'];

/** Options of {@link TokenManager}. Only `credentials` is required. */
export interface TokenManagerOptions {
  /** Exactly one credential kind: `{ clientId, clientSecret }`, `{ username, password }` or `{ apiKey }`. */
  credentials: LiveDataCredentials;
  /**
   * Base URL of the Live Data API, default `'https://gotlivedata.io/api'`. Must be `https:`,
   * except loopback hosts (`localhost`, `127.0.0.0/8`, `[::1]`) which may use `http:`.
   */
  baseUrl?: string;
  /** The fetch implementation, default `globalThis.fetch`. Called unbound. */
  fetch?: typeof globalThis.fetch;
  /** Clock in ms since epoch, default `Date.now`. Tests inject a fake clock. */
  now?: () => number;
  /** Where tokens are kept and shared, default a new {@link @livedata/core!MemoryTokenStore | MemoryTokenStore}. */
  store?: TokenStore;
  /** Timeout of each identity request attempt in ms (headers and body). Default `10_000`. */
  requestTimeoutMs?: number;
  /** Retry policy of the identity call. */
  retry?: RetryOptions;
  /** Receives safe diagnostic messages. Default: none. */
  logger?: LiveDataLogger;
  /** Receives {@link TokenEvent}s. A throwing listener is ignored. */
  onEvent?: (event: TokenEvent) => void;
  /**
   * After an identity failure that retrying cannot fix (`retryable: false`: the credentials
   * rejected with 400/401/403, or an `invalid_response` such as a 404, a redirect, an HTML
   * page or an unusable expiry), callers get the same error without a new identity call for
   * this long. Default `5_000`; `0` turns the cooldown off. The name is historical: it covers
   * every non-retryable identity failure.
   */
  invalidCredentialsCooldownMs?: number;
  /** Timeout of each store call in ms; a slower store is treated as a miss. Default `1_000`. */
  storeTimeoutMs?: number;
}

/** Options of {@link TokenManager.getAccessToken}. */
export interface GetAccessTokenOptions {
  /** Cancels this caller's wait only (rejects with code `aborted`); a shared refresh goes on. */
  signal?: AbortSignal;
  /** Skip the cache and obtain a new token (joins a refresh already running). */
  forceRefresh?: boolean;
  /**
   * The platform's way to keep a request alive for work that outlives its response:
   * Cloudflare `(p) => ctx.waitUntil(p)`, Vercel `waitUntil` from `@vercel/functions`,
   * Next.js `after`. A background refresh this call starts (the cached token is inside its
   * soft window) is handed to it; the promise it gets never rejects. Without it, a Workers
   * request that has answered may be ended before that refresh settles (then a later
   * request starts a new one once the refresh's time is up). Pass a function that is
   * already bound (`ctx.waitUntil` alone throws "Illegal invocation" in Workers).
   */
  waitUntil?: (promise: Promise<unknown>) => void;
}

/** Options of `tokens.fetch`'s third argument (the manager's own, not the request's). */
export interface LiveDataFetchOptions {
  /** As {@link GetAccessTokenOptions.waitUntil}: receives a background refresh this request starts. */
  waitUntil?: (promise: Promise<unknown>) => void;
}
