import { describe, expect, it } from 'vitest';
import { GuardedStore } from '../guarded-store.js';
import { resolveRetryPolicy } from '../retry.js';
import {
  LOCK_RETRY_INTERVAL_MS,
  lockWaitMs,
  MAX_LOCK_TTL_MS,
  type MintedToken,
  mintUnderLock,
  obtainUnderStoreLock,
  type StoreLockContext,
  storeLockTtlMs,
} from '../store-lock.js';
import type { StoredToken, TokenStore } from '../types.js';

describe('the store lock TTL', () => {
  it('is 43.75 s with the defaults: 4 × 10 s + (0.25 + 0.5 + 1) s + 2 × 1 s', () => {
    expect(storeLockTtlMs(resolveRetryPolicy(undefined), 10_000, 1_000)).toBe(43_750);
  });

  it('covers every attempt, the backoff ceilings between them and two store calls', () => {
    expect(storeLockTtlMs(resolveRetryPolicy({ maxAttempts: 1 }), 5_000, 500)).toBe(6_000);
    const policy = resolveRetryPolicy({ maxAttempts: 6, baseDelayMs: 1_000, maxDelayMs: 3_000 });
    // ceilings 1 + 2 + 3 + 3 + 3 s
    expect(storeLockTtlMs(policy, 1_000, 100)).toBe(6_000 + 12_000 + 200);
  });

  it('is capped at 15 minutes and stays finite for any maxAttempts', () => {
    expect(MAX_LOCK_TTL_MS).toBe(900_000);
    for (const maxAttempts of [1_000, 1e9, Number.MAX_SAFE_INTEGER]) {
      const ttl = storeLockTtlMs(resolveRetryPolicy({ maxAttempts }), 10_000, 1_000);
      expect(ttl).toBe(MAX_LOCK_TTL_MS);
    }
    // Past 40 attempts each further gap counts maxDelayMs: 41 attempts, 40 gaps of 1 ms.
    expect(storeLockTtlMs(resolveRetryPolicy({ maxAttempts: 41, maxDelayMs: 1 }), 1, 1)).toBe(
      41 + 40 + 2,
    );
  });

  it('a waiter waits one TTL, one lock retry and one identity attempt', () => {
    expect(lockWaitMs(43_750, 10_000)).toBe(43_750 + LOCK_RETRY_INTERVAL_MS + 10_000);
  });
});

/** A lockable store on a fake clock; its locks expire on their own, as the contract says. */
function lockableStore(clock: { now: number }) {
  const values = new Map<string, StoredToken>();
  const locks = new Map<string, { until: number; owner: symbol }>();
  const log: string[] = [];
  const store: TokenStore = {
    async get(key) {
      return values.get(key);
    },
    async set(key, token) {
      log.push(`set ${token.accessToken}`);
      values.set(key, token);
    },
    async delete(key) {
      values.delete(key);
    },
    async lock(key, ttlMs) {
      const held = locks.get(key);
      if (held && held.until > clock.now) return undefined;
      const owner = Symbol('owner');
      locks.set(key, { until: clock.now + ttlMs, owner });
      log.push('locked');
      return async () => {
        if (locks.get(key)?.owner === owner) locks.delete(key);
        log.push('released');
      };
    },
  };
  return { store, values, locks, log };
}

/** Diagnostics that nobody listens to (typed from GuardedStore, not imported by name). */
const silent = {
  listening: false,
  emit() {},
  log() {},
} as unknown as ConstructorParameters<typeof GuardedStore>[2];

function setup(options: { lockTtlMs?: number } = {}) {
  const clock = { now: 0 };
  const fake = lockableStore(clock);
  const guarded = new GuardedStore(fake.store, 1_000, silent);
  let mints = 0;
  const token = (name: string): StoredToken => ({
    accessToken: name,
    obtainedAt: clock.now,
    expiresAt: clock.now + 3_600_000,
  });
  const context: StoreLockContext = {
    store: guarded,
    key: 'k',
    lockTtlMs: options.lockTtlMs ?? 1_000,
    requestTimeoutMs: 500,
    sleep: async (ms) => {
      clock.now += ms;
    },
    read: async (key) => fake.values.get(key),
    mint: async (): Promise<MintedToken> => {
      mints += 1;
      return { token: token(`minted-${mints}`), source: 'identity', attempts: 1 };
    },
  };
  return { clock, fake, guarded, context, token, mints: () => mints };
}

describe('obtainUnderStoreLock', () => {
  it('a free lock: mints, writes, then releases (a waiter that takes it next finds the token)', async () => {
    const { fake, guarded, context, mints } = setup();
    const got = await obtainUnderStoreLock(context);
    await guarded.settled();
    expect(got?.source).toBe('identity');
    expect(mints()).toBe(1);
    expect(fake.log).toEqual(['locked', 'set minted-1', 'released']);
    expect(fake.locks.size).toBe(0);
  });

  it('a held lock: adopts the holder’s token once it is stored, without minting', async () => {
    const { clock, fake, context, token, mints } = setup();
    await fake.store.lock?.('k', 60_000); // another process holds it
    const read = context.read;
    context.read = async (key) => {
      if (clock.now >= 300) fake.values.set('k', token('theirs'));
      return read(key);
    };
    const got = await obtainUnderStoreLock(context);
    expect(got).toMatchObject({ source: 'store', attempts: 0, token: { accessToken: 'theirs' } });
    expect(mints()).toBe(0);
  });

  it('a holder that died: one waiter takes the expired lock and mints once', async () => {
    const { clock, fake, guarded, context, mints } = setup({ lockTtlMs: 1_000 });
    await fake.store.lock?.('k', 1_000); // held until 1 000, never released
    const got = await obtainUnderStoreLock(context);
    await guarded.settled();
    expect(got?.source).toBe('identity');
    expect(mints()).toBe(1);
    // Taken at the first lock retry at or after the expiry, not before it.
    expect(clock.now).toBeGreaterThanOrEqual(1_000);
    expect(clock.now).toBeLessThan(1_000 + LOCK_RETRY_INTERVAL_MS);
  });

  it('gives up (undefined) after the wait when the lock never frees and no token comes', async () => {
    const { clock, fake, context, mints } = setup({ lockTtlMs: 1_000 });
    await fake.store.lock?.('k', 10 ** 9);
    expect(await obtainUnderStoreLock(context)).toBeUndefined();
    expect(mints()).toBe(0);
    expect(clock.now).toBe(lockWaitMs(1_000, 500));
  });

  it('a failing lock call: undefined at once, so the refresh goes on without the store', async () => {
    const { fake, context, mints } = setup();
    fake.store.lock = async () => {
      throw new Error('down');
    };
    expect(await obtainUnderStoreLock(context)).toBeUndefined();
    expect(mints()).toBe(0);
  });
});

describe('mintUnderLock', () => {
  it('re-reads first: the previous holder’s token is adopted, and the lock released', async () => {
    const { fake, guarded, context, token, mints } = setup();
    const release = await fake.store.lock?.('k', 1_000);
    fake.values.set('k', token('previous'));
    const got = await mintUnderLock(context, release as () => Promise<void>);
    await guarded.settled();
    expect(got.token.accessToken).toBe('previous');
    expect(mints()).toBe(0);
    expect(fake.locks.size).toBe(0);
  });

  it('a failed mint still releases the lock', async () => {
    const { fake, guarded, context } = setup();
    const release = await fake.store.lock?.('k', 1_000);
    context.mint = async () => {
      throw new Error('identity down');
    };
    await expect(mintUnderLock(context, release as () => Promise<void>)).rejects.toThrow(
      'identity down',
    );
    await guarded.settled();
    expect(fake.locks.size).toBe(0);
    expect(fake.log).toEqual(['locked', 'released']);
  });
});
