import { inspect } from 'node:util';
import {
  MemoryTokenStore,
  type StoredToken,
  type TokenEvent,
  type TokenStore,
} from '@livedata/core';
import { demoCredentials } from '@livedata/mock-server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  overridesSlot,
  singletonSlot,
  useMockServerEnv,
  useServiceAccount,
} from './live-data-env.js';

// Before useMockServerEnv, so it runs after the reset (the order afterEach hooks run in is the reverse).
afterEach(() => {
  vi.resetModules();
});
const api = useMockServerEnv();

/** A store that records what the manager does with it (a stand-in for RedisTokenStore). */
class RecordingStore implements TokenStore {
  readonly inner = new MemoryTokenStore();
  readonly calls: string[] = [];
  get(key: string): StoredToken | undefined {
    this.calls.push('get');
    return this.inner.get(key);
  }
  set(key: string, token: StoredToken): void {
    this.calls.push('set');
    this.inner.set(key, token);
  }
  delete(key: string): void {
    this.calls.push('delete');
    this.inner.delete(key);
  }
  async lock(): Promise<() => Promise<void>> {
    this.calls.push('lock');
    return async () => {
      this.calls.push('unlock');
    };
  }
}

describe('configureTokenManager', () => {
  it('passes a store and onEvent to the process-wide manager, with credentials from env', async () => {
    useServiceAccount(api.url, demoCredentials);
    const { configureTokenManager, getLiveDataToken, getTokenManager } = await import(
      '../index.js'
    );
    const store = new RecordingStore();
    const events: TokenEvent['type'][] = [];
    configureTokenManager({ store, onEvent: (event) => events.push(event.type) });
    expect(api.count('identity')).toBe(0); // nothing happens at configure time

    const token = await getLiveDataToken();
    expect(store.calls).toEqual(['get', 'lock', 'get', 'set', 'unlock']);
    expect(store.inner.size).toBe(1);
    expect(events).toContain('refresh.succeeded');
    expect(getTokenManager().baseUrl).toBe(api.url);
    expect(api.count('identity')).toBe(1);
    expect(token.length).toBeGreaterThan(0);
  });

  it('a token already in the shared store is used without an identity call', async () => {
    useServiceAccount(api.url, demoCredentials);
    const { configureTokenManager, getLiveDataToken, getTokenManager } = await import(
      '../index.js'
    );
    const store = new RecordingStore();
    configureTokenManager({ store });
    const first = await getLiveDataToken();
    // Another server process (here: a rebuilt manager) shares the store: no new identity call.
    await getTokenManager().close();
    delete (globalThis as Record<symbol, unknown>)[Symbol.for('@livedata/nextjs.tokenManager')];
    expect(await getLiveDataToken()).toBe(first);
    expect(api.count('identity')).toBe(1);
  });

  it('survives HMR: options set by one copy of the module are used by a re-evaluated copy', async () => {
    useServiceAccount(api.url, demoCredentials);
    const before = await import('../index.js');
    const store = new RecordingStore();
    before.configureTokenManager({ store, requestTimeoutMs: 4_321 });
    vi.resetModules();
    const after = await import('../index.js');
    expect(after.configureTokenManager).not.toBe(before.configureTokenManager);
    await after.getLiveDataToken();
    expect(store.calls).toContain('set');
    expect(before.getTokenManager()).toBe(after.getTokenManager());
    // The same options again (an HMR re-run of the configuring module) keep the manager.
    const manager = after.getTokenManager();
    after.configureTokenManager({ store, requestTimeoutMs: 4_321 });
    expect(after.getTokenManager()).toBe(manager);
    expect(api.count('identity')).toBe(1);
  });

  it('called after the manager exists: closes it, and the next use builds one with the new options', async () => {
    useServiceAccount(api.url, demoCredentials);
    const { configureTokenManager, getLiveDataToken, getTokenManager } = await import(
      '../index.js'
    );
    const old = getTokenManager();
    await getLiveDataToken();
    const store = new RecordingStore();
    configureTokenManager({ store });
    expect(singletonSlot()).toBeUndefined();
    await expect(old.getAccessToken()).rejects.toMatchObject({ code: 'closed' });

    const next = getTokenManager();
    expect(next).not.toBe(old);
    await getLiveDataToken();
    expect(store.calls).toContain('set');
    // Each call replaces the options as a whole: without a store, back to memory.
    configureTokenManager({});
    await getLiveDataToken();
    expect(store.calls.filter((c) => c === 'set')).toHaveLength(1);
  });

  it('rejects a non-object with a config error, and never shows a secret on globalThis', async () => {
    useServiceAccount(api.url, demoCredentials);
    const { configureTokenManager, getLiveDataToken } = await import('../index.js');
    expect(() => configureTokenManager(null as never)).toThrow(
      expect.objectContaining({ name: 'LiveDataAuthError', code: 'config' }),
    );
    configureTokenManager({
      credentials: {
        clientId: demoCredentials.clientId,
        clientSecret: demoCredentials.clientSecret,
      },
    });
    const token = await getLiveDataToken();
    const shown = inspect(overridesSlot(), { depth: 10, showHidden: true });
    expect(shown).not.toContain(demoCredentials.clientSecret);
    expect(shown).not.toContain(token);
  });
});
