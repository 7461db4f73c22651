import { describe, expect, it } from 'vitest';
import { DEFAULT_BASE_URL } from '../base-url.js';
import { LiveDataAuthError } from '../errors.js';
import { MemoryTokenStore } from '../memory-store.js';
import { resolveRetryPolicy } from '../retry.js';
import * as fromManager from '../token-manager.js';
import {
  DEFAULT_INVALID_CREDENTIALS_COOLDOWN_MS,
  DEFAULT_REQUEST_TIMEOUT_MS,
  DEFAULT_STORE_TIMEOUT_MS,
  resolveTokenManagerOptions,
} from '../token-manager-options.js';
import type { TokenManagerOptions } from '../types.js';
import { thrownConfigError } from './web-fixtures.js';

const credentials = { clientId: 'id', clientSecret: 'secret' };

function configError(options: unknown): LiveDataAuthError {
  return thrownConfigError(() => resolveTokenManagerOptions(options as TokenManagerOptions));
}

describe('resolveTokenManagerOptions', () => {
  it('fills every default, in a frozen object', () => {
    const resolved = resolveTokenManagerOptions({ credentials });
    expect(Object.isFrozen(resolved)).toBe(true);
    expect(resolved).toMatchObject({
      kind: 'clientCredentials',
      baseUrl: DEFAULT_BASE_URL,
      fetch: undefined,
      now: Date.now,
      requestTimeoutMs: DEFAULT_REQUEST_TIMEOUT_MS,
      retry: resolveRetryPolicy(undefined),
      cooldownMs: DEFAULT_INVALID_CREDENTIALS_COOLDOWN_MS,
      storeTimeoutMs: DEFAULT_STORE_TIMEOUT_MS,
      store: undefined,
      logger: undefined,
      onEvent: undefined,
    });
    expect([DEFAULT_REQUEST_TIMEOUT_MS, DEFAULT_INVALID_CREDENTIALS_COOLDOWN_MS]).toEqual([
      10_000, 5_000,
    ]);
    expect(DEFAULT_STORE_TIMEOUT_MS).toBe(1_000);
  });

  it('keeps what was given, normalized', () => {
    const store = new MemoryTokenStore();
    const now = () => 42;
    const fetch = (() => Promise.reject(new Error('unused'))) as typeof globalThis.fetch;
    const resolved = resolveTokenManagerOptions({
      credentials,
      baseUrl: 'http://127.0.0.1:8080/api/',
      fetch,
      now,
      store,
      requestTimeoutMs: 2_000,
      storeTimeoutMs: 300,
      invalidCredentialsCooldownMs: -5,
      retry: { maxAttempts: 0 },
    });
    expect(resolved.baseUrl).toBe('http://127.0.0.1:8080/api');
    expect(resolved.fetch).toBe(fetch);
    expect(resolved.now).toBe(now);
    expect(resolved.store).toBe(store);
    expect(resolved.requestTimeoutMs).toBe(2_000);
    expect(resolved.storeTimeoutMs).toBe(300);
    expect(resolved.cooldownMs).toBe(0); // a negative cooldown is no cooldown
    expect(resolved.retry.maxAttempts).toBe(1);
  });

  it('names the bad setting', () => {
    expect(configError(undefined).setting).toBe('credentials');
    expect(configError(null).setting).toBe('credentials');
    expect(configError({ credentials, fetch: 'nope' }).setting).toBe('fetch');
    for (const bad of [0, -1, Number.NaN, Number.POSITIVE_INFINITY, '100']) {
      expect(configError({ credentials, requestTimeoutMs: bad }).setting).toBe('requestTimeoutMs');
      expect(configError({ credentials, storeTimeoutMs: bad }).setting).toBe('storeTimeoutMs');
    }
  });

  it('reports the first bad setting in the order they were always checked', () => {
    const allBad = { credentials: {}, baseUrl: 'ftp://x', fetch: 1, requestTimeoutMs: 0 };
    expect(configError(allBad).setting).toBe('credentials');
    const { credentials: _, ...rest } = allBad;
    expect(configError({ credentials, ...rest }).setting).toBe('baseUrl');
    expect(configError({ credentials, fetch: 1, requestTimeoutMs: 0 }).setting).toBe('fetch');
  });

  it('the defaults are still exported from the manager module', () => {
    expect(fromManager.DEFAULT_REQUEST_TIMEOUT_MS).toBe(DEFAULT_REQUEST_TIMEOUT_MS);
    expect(fromManager.DEFAULT_STORE_TIMEOUT_MS).toBe(DEFAULT_STORE_TIMEOUT_MS);
    expect(fromManager.DEFAULT_INVALID_CREDENTIALS_COOLDOWN_MS).toBe(
      DEFAULT_INVALID_CREDENTIALS_COOLDOWN_MS,
    );
    expect(fromManager.FRESH_TOKEN_REJECTION_MS).toBe(10_000);
  });
});
