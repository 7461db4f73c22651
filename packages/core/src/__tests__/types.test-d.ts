import { describe, expectTypeOf, it } from 'vitest';
import {
  type CredentialKind,
  createTokenManager,
  LiveDataApiError,
  type LiveDataApiErrorCode,
  LiveDataAuthError,
  type LiveDataAuthErrorCode,
  type LiveDataCredentials,
  MemoryTokenStore,
  type SecretProvider,
  type StoredToken,
  type TokenEvent,
  TokenManager,
  type TokenManagerOptions,
  type TokenStore,
  tokenManagerFromEnv,
} from '../index.js';

describe('public types', () => {
  it('credentials are exactly one of three shapes', () => {
    expectTypeOf<{ clientId: string; clientSecret: string }>().toExtend<LiveDataCredentials>();
    expectTypeOf<{ username: string; password: string }>().toExtend<LiveDataCredentials>();
    expectTypeOf<{ apiKey: string }>().toExtend<LiveDataCredentials>();
    expectTypeOf<{ clientId: string }>().not.toExtend<LiveDataCredentials>();
    expectTypeOf<TokenManagerOptions['credentials']>().toEqualTypeOf<LiveDataCredentials>();
  });

  it('each secret may be a provider, sync or async; identities stay strings', () => {
    expectTypeOf<SecretProvider>().toEqualTypeOf<() => string | Promise<string>>();
    expectTypeOf<{
      clientId: string;
      clientSecret: () => string;
    }>().toExtend<LiveDataCredentials>();
    expectTypeOf<{
      username: string;
      password: () => Promise<string>;
    }>().toExtend<LiveDataCredentials>();
    expectTypeOf<{ apiKey: SecretProvider }>().toExtend<LiveDataCredentials>();
    expectTypeOf<{
      clientId: () => string;
      clientSecret: string;
    }>().not.toExtend<LiveDataCredentials>();
    expectTypeOf<{
      username: () => string;
      password: string;
    }>().not.toExtend<LiveDataCredentials>();
    expectTypeOf<{ apiKey: () => number }>().not.toExtend<LiveDataCredentials>();
  });

  it('the manager surface', () => {
    const tokens = createTokenManager({ credentials: { apiKey: 'k' } });
    expectTypeOf(tokens).toEqualTypeOf<TokenManager>();
    expectTypeOf(tokenManagerFromEnv).returns.toEqualTypeOf<TokenManager>();
    expectTypeOf(tokens.getAccessToken).returns.toEqualTypeOf<Promise<string>>();
    expectTypeOf(tokens.getAuthorizationHeader).returns.toEqualTypeOf<Promise<string>>();
    expectTypeOf(tokens.getAccessToken).parameter(0).toEqualTypeOf<
      | {
          signal?: AbortSignal;
          forceRefresh?: boolean;
          waitUntil?: (promise: Promise<unknown>) => void;
        }
      | undefined
    >();
    expectTypeOf(tokens.fetch)
      .parameter(2)
      .toEqualTypeOf<{ waitUntil?: (promise: Promise<unknown>) => void } | undefined>();
    expectTypeOf(tokens.invalidate).toEqualTypeOf<(token: string) => void>();
    expectTypeOf(tokens.fetch).returns.toEqualTypeOf<Promise<Response>>();
    expectTypeOf(tokens.close).returns.toEqualTypeOf<Promise<void>>();
    expectTypeOf(tokens.kind).toEqualTypeOf<CredentialKind>();
    expectTypeOf(tokens.baseUrl).toEqualTypeOf<string>();
    expectTypeOf(tokens).toExtend<AsyncDisposable>();
  });

  it('errors', () => {
    expectTypeOf<LiveDataAuthError['code']>().toEqualTypeOf<LiveDataAuthErrorCode>();
    expectTypeOf<'invalid_credentials' | 'config' | 'closed'>().toExtend<LiveDataAuthErrorCode>();
    expectTypeOf<LiveDataAuthError['retryable']>().toEqualTypeOf<boolean>();
    expectTypeOf<LiveDataAuthError['status']>().toEqualTypeOf<number | undefined>();
    expectTypeOf(LiveDataApiError.fromResponse).returns.toEqualTypeOf<LiveDataApiError>();
    expectTypeOf<LiveDataApiError['code']>().toEqualTypeOf<LiveDataApiErrorCode>();
    expectTypeOf<LiveDataApiError['credits']>().toEqualTypeOf<
      { used?: number; remaining?: number } | undefined
    >();
  });

  it('stores may be sync or async; lock is optional', () => {
    expectTypeOf<MemoryTokenStore>().toExtend<TokenStore>();
    const asyncStore: TokenStore = {
      get: async () => undefined,
      set: async () => {},
      delete: async () => {},
      lock: async () => async () => {},
    };
    expectTypeOf(asyncStore).toExtend<TokenStore>();
    expectTypeOf<StoredToken>().toEqualTypeOf<{
      accessToken: string;
      expiresAt: number;
      obtainedAt: number;
    }>();
  });

  it('events are a discriminated union', () => {
    expectTypeOf<
      Extract<TokenEvent, { type: 'refresh.failed' }>['error']
    >().toEqualTypeOf<LiveDataAuthError>();
    expectTypeOf<'cache.hit' | 'cache.stale' | 'cache.miss' | 'unauthorized.retry'>().toExtend<
      TokenEvent['type']
    >();
  });
});
