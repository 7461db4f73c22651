import { DEFAULT_BASE_URL, normalizeBaseUrl } from './base-url.js';
import { type CredentialConfig, resolveCredentials } from './credentials.js';
import { LiveDataAuthError } from './errors.js';
import { type RetryPolicy, resolveRetryPolicy } from './retry.js';
import type { CredentialKind, LiveDataLogger, TokenManagerOptions, TokenStore } from './types.js';

/** Default timeout of one identity attempt. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;
/**
 * Default cooldown after an identity failure that retrying cannot fix (`retryable: false`:
 * `invalid_credentials`, and `invalid_response` such as a 404, a redirect, an HTML page or an
 * unusable expiry): callers get the same error without a new identity call.
 */
export const DEFAULT_INVALID_CREDENTIALS_COOLDOWN_MS = 5_000;
/** Default timeout of one store call. */
export const DEFAULT_STORE_TIMEOUT_MS = 1_000;

/** {@link TokenManagerOptions} validated, with every default filled in. */
export interface ResolvedTokenManagerOptions {
  readonly credentials: CredentialConfig;
  readonly kind: CredentialKind;
  /** Normalized: no trailing slash. */
  readonly baseUrl: string;
  /** `undefined`: `globalThis.fetch`, looked up at call time (tests and polyfills swap it). */
  readonly fetch: typeof globalThis.fetch | undefined;
  readonly now: () => number;
  readonly requestTimeoutMs: number;
  readonly retry: RetryPolicy;
  /** 0 or more; 0 turns the cooldown off. */
  readonly cooldownMs: number;
  readonly storeTimeoutMs: number;
  /** `undefined`: the manager makes its own `MemoryTokenStore` (it needs the clock). */
  readonly store: TokenStore | undefined;
  readonly logger: LiveDataLogger | undefined;
  readonly onEvent: TokenManagerOptions['onEvent'];
}

function positive(value: number | undefined, fallback: number, setting: string): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new LiveDataAuthError('config', `${setting} must be a positive number of milliseconds.`, {
      setting,
    });
  }
  return value;
}

/**
 * Validates `options` and fills the defaults, in the order the settings were always checked
 * (credentials, baseUrl, fetch, timeouts), so the first bad setting is the one reported.
 *
 * @throws LiveDataAuthError code `config` naming the bad setting.
 */
export function resolveTokenManagerOptions(
  options: TokenManagerOptions,
): ResolvedTokenManagerOptions {
  if (options === null || typeof options !== 'object') {
    throw new LiveDataAuthError(
      'config',
      'TokenManager needs an options object with credentials.',
      {
        setting: 'credentials',
      },
    );
  }
  const credentials = resolveCredentials(options.credentials);
  const baseUrl = normalizeBaseUrl(options.baseUrl ?? DEFAULT_BASE_URL, 'baseUrl');
  if (options.fetch !== undefined && typeof options.fetch !== 'function') {
    throw new LiveDataAuthError('config', 'fetch must be a function.', { setting: 'fetch' });
  }
  const requestTimeoutMs = positive(
    options.requestTimeoutMs,
    DEFAULT_REQUEST_TIMEOUT_MS,
    'requestTimeoutMs',
  );
  const retry = resolveRetryPolicy(options.retry);
  const cooldownMs = Math.max(
    0,
    options.invalidCredentialsCooldownMs ?? DEFAULT_INVALID_CREDENTIALS_COOLDOWN_MS,
  );
  const storeTimeoutMs = positive(
    options.storeTimeoutMs,
    DEFAULT_STORE_TIMEOUT_MS,
    'storeTimeoutMs',
  );
  return Object.freeze({
    credentials,
    kind: credentials.kind,
    baseUrl,
    fetch: options.fetch,
    now: options.now ?? Date.now,
    requestTimeoutMs,
    retry,
    cooldownMs,
    storeTimeoutMs,
    store: options.store,
    logger: options.logger,
    onEvent: options.onEvent,
  });
}
