import { describe, expect, it } from 'vitest';
import {
  type LiveDataLogger,
  MemoryTokenStore,
  STORE_KEY_PREFIX,
  type StoredToken,
  TokenManager,
  type TokenStore,
  tokenStoreKey,
} from '../index.js';
import { BASE, CLIENT, eventLog, fakeIdentity, tick } from './web-fixtures.js';

/** The store key of the unit service account at `BASE`. */
const unitStoreKey = () =>
  tokenStoreKey(BASE, 'clientCredentials', CLIENT.clientId, CLIENT.clientSecret);

/** A shared async store with a lock, as a fleet would use (e.g. Redis). */
class LockingStore implements TokenStore {
  readonly inner = new MemoryTokenStore();
  readonly locks = new Map<string, number>();
  lockCalls = 0;
  async get(key: string) {
    await tick(1);
    return this.inner.get(key);
  }
  async set(key: string, token: StoredToken) {
    await tick(1);
    this.inner.set(key, token);
  }
  async delete(key: string) {
    this.inner.delete(key);
  }
  async lock(key: string, ttlMs: number) {
    this.lockCalls++;
    await tick(1);
    const held = this.locks.get(key);
    if (held !== undefined && held > Date.now()) return undefined;
    this.locks.set(key, Date.now() + ttlMs);
    return async () => {
      this.locks.delete(key);
    };
  }
}

function warnCounter() {
  const warnings: string[] = [];
  const logger: LiveDataLogger = { warn: (m: string) => warnings.push(m) };
  return { warnings, logger };
}

describe('token store protocol', () => {
  it('keys are prefixed 64 hex digits, one per base URL, kind, identity and secret', async () => {
    const a = await tokenStoreKey(BASE, 'clientCredentials', 'id', 'secret');
    expect(a).toMatch(new RegExp(`^${STORE_KEY_PREFIX}[0-9a-f]{64}$`));
    expect(await tokenStoreKey(BASE, 'clientCredentials', 'id', 'secret')).toBe(a);
    expect(await tokenStoreKey(BASE, 'password', 'id', 'secret')).not.toBe(a);
    expect(await tokenStoreKey(`${BASE}2`, 'clientCredentials', 'id', 'secret')).not.toBe(a);
    expect(await tokenStoreKey(BASE, 'clientCredentials', 'id2', 'secret')).not.toBe(a);
    expect(await tokenStoreKey(BASE, 'clientCredentials', 'id', 'secret2')).not.toBe(a);
  });

  it('a fleet sharing a locking store makes one identity call', async () => {
    const idp = fakeIdentity();
    const store = new LockingStore();
    const fleet = Array.from(
      { length: 5 },
      () => new TokenManager({ credentials: CLIENT, baseUrl: BASE, fetch: idp.fetch, store }),
    );
    const got = await Promise.all(
      fleet.flatMap((m) => Array.from({ length: 20 }, () => m.getAccessToken())),
    );
    expect(new Set(got).size).toBe(1);
    expect(idp.calls).toBe(1);
    expect(store.lockCalls).toBeGreaterThanOrEqual(1);
    await Promise.all(fleet.map((m) => m.close()));
  });

  it('a failing store: the manager carries on with its own identity call and warns once', async () => {
    const idp = fakeIdentity();
    const { warnings, logger } = warnCounter();
    const log = eventLog();
    const broken: TokenStore = {
      get: () => Promise.reject(new Error('ECONNREFUSED')),
      set: () => {
        throw new Error('ECONNREFUSED');
      },
      delete: () => Promise.reject(new Error('ECONNREFUSED')),
      lock: () => Promise.reject(new Error('ECONNREFUSED')),
    };
    const tokens = new TokenManager({
      credentials: CLIENT,
      baseUrl: BASE,
      fetch: idp.fetch,
      store: broken,
      logger,
      onEvent: log.onEvent,
    });
    const first = await tokens.getAccessToken();
    tokens.invalidate(first);
    await tokens.getAccessToken();
    await tokens.getAccessToken({ forceRefresh: true });
    expect(idp.calls).toBe(3);
    expect(log.count('store.error')).toBeGreaterThanOrEqual(4);
    expect(warnings.filter((w) => w.includes('store'))).toHaveLength(1);
    await tokens.close();
  });

  it('a store that never answers is bounded by storeTimeoutMs', async () => {
    const idp = fakeIdentity();
    const { warnings, logger } = warnCounter();
    const hung: TokenStore = {
      get: () => new Promise(() => {}),
      set: () => new Promise(() => {}),
      delete: () => new Promise(() => {}),
    };
    const tokens = new TokenManager({
      credentials: CLIENT,
      baseUrl: BASE,
      fetch: idp.fetch,
      store: hung,
      logger,
      storeTimeoutMs: 20,
    });
    expect(typeof (await tokens.getAccessToken())).toBe('string');
    expect(idp.calls).toBe(1);
    expect(warnings).toHaveLength(1);
    await tokens.close();
  });

  it('a lock held elsewhere: waits for the holder token, then falls back to its own call', async () => {
    const idp = fakeIdentity();
    const store = new LockingStore();
    const key = await unitStoreKey();
    store.locks.set(key, Date.now() + 60_000); // another process holds it and never finishes
    const tokens = new TokenManager({
      credentials: CLIENT,
      baseUrl: BASE,
      fetch: idp.fetch,
      store,
      requestTimeoutMs: 200,
    });
    const pending = tokens.getAccessToken();
    await tick(60);
    expect(idp.calls).toBe(0); // still waiting for the holder
    const now = Date.now();
    store.inner.set(key, {
      accessToken: 'from-other-process',
      obtainedAt: now,
      expiresAt: now + 900_000,
    });
    expect(await pending).toBe('from-other-process');
    expect(idp.calls).toBe(0);
    // A holder that never writes: bounded wait, then our own identity call.
    const other = new TokenManager({
      credentials: { clientId: 'other', clientSecret: 'x' },
      baseUrl: BASE,
      fetch: idp.fetch,
      store,
      requestTimeoutMs: 100,
      retry: { maxAttempts: 2, baseDelayMs: 10, maxDelayMs: 10 },
      storeTimeoutMs: 50,
    });
    store.locks.set(
      await tokenStoreKey(BASE, 'clientCredentials', 'other', CLIENT.clientSecret),
      Date.now() + 60_000,
    );
    expect(typeof (await other.getAccessToken())).toBe('string');
    expect(idp.calls).toBe(1);
    await tokens.close();
    await other.close();
  });

  it('a lock holder that dies: N waiting managers make exactly 1 identity call, after its lock TTL', async () => {
    const store = new LockingStore();
    const key = await unitStoreKey();
    const options = {
      credentials: CLIENT,
      baseUrl: BASE,
      requestTimeoutMs: 100,
      retry: { maxAttempts: 3, baseDelayMs: 20, maxDelayMs: 1_000 },
      storeTimeoutMs: 50,
    };
    // The holder takes the lock, its identity call hangs, and it dies: it never releases.
    let holderTtlMs = 0;
    const holderIdp = fakeIdentity({ script: ['hang', 'hang', 'hang'] });
    const holder = new TokenManager({
      ...options,
      fetch: holderIdp.fetch,
      store: {
        get: (k) => store.get(k),
        set: (k, t) => store.set(k, t),
        delete: (k) => store.delete(k),
        lock: async (k, ttlMs) => {
          holderTtlMs = ttlMs;
          return (await store.lock(k, ttlMs)) ? async () => {} : undefined;
        },
      },
    });
    holder.getAccessToken().catch(() => {});
    while (holderIdp.calls === 0) await tick(5);
    await holder.close();
    const lockExpiresAt = store.locks.get(key) ?? 0;
    // The TTL covers a whole mint: every attempt's timeout plus the backoff between them.
    expect(holderTtlMs).toBeGreaterThanOrEqual(3 * 100 + 20 + 40);

    const idp = fakeIdentity();
    let identityCalledAt = 0;
    const fetchAfterTtl: typeof globalThis.fetch = (input, init) => {
      identityCalledAt = Date.now();
      return idp.fetch(input, init);
    };
    const waiters = Array.from(
      { length: 8 },
      () => new TokenManager({ ...options, fetch: fetchAfterTtl, store }),
    );
    const got = await Promise.all(waiters.map((m) => m.getAccessToken()));
    expect(idp.calls).toBe(1);
    expect(new Set(got).size).toBe(1);
    expect(identityCalledAt).toBeGreaterThanOrEqual(lockExpiresAt);
    await Promise.all(waiters.map((m) => m.close()));
  });

  it('a rejected token in the store is never adopted again', async () => {
    const idp = fakeIdentity();
    const store = new MemoryTokenStore();
    const key = await unitStoreKey();
    const tokens = new TokenManager({
      credentials: CLIENT,
      baseUrl: BASE,
      fetch: idp.fetch,
      store,
    });
    const first = await tokens.getAccessToken();
    tokens.invalidate(first);
    // Another process writes the same rejected token back before we refresh.
    store.set(key, { accessToken: first, obtainedAt: Date.now(), expiresAt: Date.now() + 900_000 });
    const second = await tokens.getAccessToken();
    expect(second).not.toBe(first);
    expect(idp.calls).toBe(2);
    await tokens.close();
  });
});
