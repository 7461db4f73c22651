export { isUnderBaseUrl, resolveApiUrl } from './api-url.js';
export { DEFAULT_BASE_URL, isLoopbackHost } from './base-url.js';
export {
  LiveDataApiError,
  type LiveDataApiErrorCode,
  type LiveDataApiErrorOptions,
  LiveDataAuthError,
  type LiveDataAuthErrorCode,
  type LiveDataAuthErrorOptions,
  type LiveDataCredits,
  parseRetryAfterHeader,
  readCredits,
} from './errors.js';
export { DEFAULT_LIFETIME_MS, parseUtcDateTime } from './expiry.js';
export {
  classifyLiveDataFailure,
  type LiveDataFailure,
  type LiveDataFailureCode,
} from './failure-classification.js';
export {
  LIVEDATA_ENV,
  type LiveDataEnv,
  tokenManagerFromEnv,
  tokenManagerOptionsFromEnv,
} from './from-env.js';
export { MemoryTokenStore } from './memory-store.js';
export { concealProperty, REDACTED, redactSecrets } from './redaction.js';
export { type RefreshWindows, refreshWindows } from './refresh-window.js';
export { DEFAULT_BASE_DELAY_MS, DEFAULT_MAX_ATTEMPTS, DEFAULT_MAX_DELAY_MS } from './retry.js';
export { STORE_KEY_PREFIX, tokenStoreKey } from './store-key.js';
export {
  createTokenManager,
  DEFAULT_INVALID_CREDENTIALS_COOLDOWN_MS,
  DEFAULT_REQUEST_TIMEOUT_MS,
  DEFAULT_STORE_TIMEOUT_MS,
  FRESH_TOKEN_REJECTION_MS,
  TokenManager,
} from './token-manager.js';
export type {
  ApiKeyCredentials,
  CacheMissReason,
  ClientCredentials,
  CredentialKind,
  GetAccessTokenOptions,
  LiveDataCredentials,
  LiveDataFetchOptions,
  LiveDataLogger,
  PasswordCredentials,
  RetryOptions,
  SecretProvider,
  StoredToken,
  TokenEvent,
  TokenEventType,
  TokenManagerOptions,
  TokenStore,
} from './types.js';
export { createUrlScope, type UrlScope } from './url-scope.js';
