// A dead store costs a refresh one timeout, not one per store call, and never delays a
// caller for a write. Fake timers: the store's calls never settle, and the test moves time
// by exactly one store timeout to see what a caller is still waiting for.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MemoryTokenStore, type StoredToken, TokenManager, type TokenStore } from '../index.js';
import { BASE, CLIENT, eventLog, fakeIdentity } from './web-fixtures.js';

const STORE_TIMEOUT_MS = 1_000;

beforeEach(() => {
  // setImmediate stays real: it is how the test lets real async work (SHA-256 of the store
  // key) finish without moving the fake clock.
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
});
afterEach(() => {
  vi.useRealTimers();
});

// Captured before the fake timers are installed: real waits for real work only.
const realSetTimeout = globalThis.setTimeout;
const realNow = Date.now;

/**
 * Lets pending promises and real I/O settle until `condition` holds, without moving fake
 * time. The real-time bound only ends a test that fails (a caller still waiting for a store
 * timer that fake time never fires); a passing run stops as soon as the condition holds.
 */
async function until(condition: () => boolean, what: string): Promise<void> {
  const giveUpAt = realNow() + 10_000;
  for (let i = 0; realNow() < giveUpAt; i++) {
    if (condition()) return;
    if (i % 200 === 199) await new Promise<void>((r) => realSetTimeout(r, 2));
    else await new Promise<void>((r) => setImmediate(r));
  }
  if (condition()) return;
  throw new Error(`still waiting for ${what} (fake time did not move)`);
}

type Mode = 'hang' | 'answer';

/**
 * A store with a lock whose calls never settle while `mode.get`/`mode.set`/… is `'hang'`,
 * and answer from memory otherwise. Counts calls and releases.
 */
function controllableStore() {
  const inner = new MemoryTokenStore();
  const mode: Record<'get' | 'set' | 'delete' | 'lock', Mode> = {
    get: 'hang',
    set: 'hang',
    delete: 'hang',
    lock: 'hang',
  };
  const calls = { get: 0, set: 0, delete: 0, lock: 0, released: 0, key: '' };
  const never = new Promise<never>(() => {});
  const store: TokenStore = {
    async get(key) {
      calls.get++;
      calls.key = key;
      return mode.get === 'hang' ? never : inner.get(key);
    },
    async set(key, token: StoredToken) {
      calls.set++;
      if (mode.set === 'hang') return never;
      inner.set(key, token);
    },
    async delete(key) {
      calls.delete++;
      if (mode.delete === 'hang') return never;
      inner.delete(key);
    },
    async lock() {
      calls.lock++;
      if (mode.lock === 'hang') return never;
      return async () => {
        calls.released++;
      };
    },
  };
  return { store, inner, mode, calls };
}

function setup(store: TokenStore) {
  const idp = fakeIdentity();
  const log = eventLog();
  const infos: string[] = [];
  const tokens = new TokenManager({
    credentials: CLIENT,
    baseUrl: BASE,
    fetch: idp.fetch,
    store,
    storeTimeoutMs: STORE_TIMEOUT_MS,
    onEvent: log.onEvent,
    logger: { info: (m: string) => infos.push(m), warn: () => {} },
  });
  const timeouts = () =>
    log.events.filter((e) => e.type === 'store.error' && /took longer/.test(e.message)).length;
  return { idp, log, tokens, timeouts, infos };
}

/** close() waits for background store writes: with the store hung, that is one store timeout. */
async function closeWithin(tokens: TokenManager, ms: number): Promise<void> {
  const closed = caller(tokens.close().then(() => 'closed'));
  await vi.advanceTimersByTimeAsync(ms);
  await until(() => closed.settled, 'close() to settle after the store timeout');
}

/** Starts a caller and reports whether it has its token yet. */
function caller(promise: Promise<string>) {
  const state = { settled: false, value: undefined as string | undefined };
  promise.then((v) => {
    state.settled = true;
    state.value = v;
  });
  return state;
}

describe('a store that stops answering', () => {
  it('a blocking refresh waits for the get timeout only: no lock, no set timeout after it', async () => {
    const { store, calls } = controllableStore();
    const { idp, tokens, timeouts } = setup(store);
    const first = caller(tokens.getAccessToken());
    await until(() => calls.get === 1, 'the store get');
    await vi.advanceTimersByTimeAsync(STORE_TIMEOUT_MS - 1);
    expect(first.settled).toBe(false); // it does wait for the get, up to its timeout
    await vi.advanceTimersByTimeAsync(1);
    await until(() => first.settled, 'the caller to get its token');
    expect(first.value).toBe(idp.tokens[0]);
    expect(timeouts()).toBe(1);
    expect(calls.lock).toBe(0);
    // The write was started and has not finished (nor timed out): the caller did not wait for it.
    expect(calls.set).toBe(1);
    await closeWithin(tokens, STORE_TIMEOUT_MS);
  });

  it('while the store is failing, later refreshes skip it, probe it in the background, and use it again once it answers', async () => {
    const { store, inner, mode, calls } = controllableStore();
    const { idp, log, tokens, timeouts, infos } = setup(store);
    const first = caller(tokens.getAccessToken());
    await until(() => calls.get === 1, 'the store get');
    await vi.advanceTimersByTimeAsync(STORE_TIMEOUT_MS);
    await until(() => first.settled, 'the first token');

    // Still dead: a forced refresh waits for no store call at all, and probes it once.
    const second = caller(tokens.getAccessToken({ forceRefresh: true }));
    await until(() => second.settled, 'the second token, with no store timeout');
    expect(second.value).toBe(idp.tokens[1]);
    expect(calls.get).toBe(2); // the background probe
    expect(calls.lock).toBe(0);
    const third = caller(tokens.getAccessToken({ forceRefresh: true }));
    await until(() => third.settled, 'the third token');
    expect(calls.get).toBe(2); // one probe at a time
    expect(timeouts()).toBe(1); // nobody has waited for any other store call

    // The store recovers: the pending probe times out, the next one succeeds...
    mode.get = 'answer';
    mode.set = 'answer';
    mode.lock = 'answer';
    await vi.advanceTimersByTimeAsync(STORE_TIMEOUT_MS);
    const fourth = caller(tokens.getAccessToken({ forceRefresh: true }));
    await until(() => fourth.settled, 'the fourth token');
    await until(() => infos.some((m) => /answers again/.test(m)), 'the store to be healthy');
    // ...and the next refresh reads it again: another process's newer token is adopted.
    const now = Date.now();
    inner.set(calls.key, {
      accessToken: 'from-the-fleet',
      obtainedAt: now,
      expiresAt: now + 3_600_000,
    });
    const identityCalls = idp.calls;
    const fifth = caller(tokens.getAccessToken({ forceRefresh: true }));
    await until(() => fifth.settled, 'the fifth token');
    expect(fifth.value).toBe('from-the-fleet');
    expect(idp.calls).toBe(identityCalls);
    expect(log.events.filter((e) => e.type === 'refresh.succeeded').at(-1)).toMatchObject({
      source: 'store',
    });
    await closeWithin(tokens, STORE_TIMEOUT_MS);
  });

  it('a write that hangs does not delay callers; the lock is released only after the write settles', async () => {
    const { store, mode, calls } = controllableStore();
    mode.get = 'answer';
    mode.lock = 'answer';
    const { idp, tokens, timeouts } = setup(store);
    const first = caller(tokens.getAccessToken());
    await until(() => first.settled, 'the token, with no fake time passing');
    expect(first.value).toBe(idp.tokens[0]);
    expect(calls).toMatchObject({ lock: 1, set: 1, released: 0 });
    expect(timeouts()).toBe(0);
    // A waiter taking the lock next must find the token, so the lock outlives the write; and
    // close() waits for both, so a store client can be closed right after it.
    const closed = caller(tokens.close().then(() => 'closed'));
    for (let i = 0; i < 50; i++) await new Promise<void>((r) => setImmediate(r));
    expect(closed.settled).toBe(false); // the write is still pending
    await vi.advanceTimersByTimeAsync(STORE_TIMEOUT_MS);
    await until(() => closed.settled, 'close()');
    expect(calls.released).toBe(1);
  });

  it('the store dying while this process waits for another lock holder costs one timeout', async () => {
    const { store, mode, calls } = controllableStore();
    mode.get = 'answer';
    mode.lock = 'answer';
    const held: TokenStore = {
      ...store,
      lock: async (k, ttl) => (await store.lock?.(k, ttl)) && undefined,
    };
    const { idp, tokens, timeouts } = setup(held);
    const first = caller(tokens.getAccessToken());
    await until(() => calls.lock === 1, 'the lock attempt');
    mode.get = 'hang'; // the store dies while we poll for the holder's token
    await vi.advanceTimersByTimeAsync(50); // one poll interval
    await until(() => calls.get === 2, 'the poll');
    await vi.advanceTimersByTimeAsync(STORE_TIMEOUT_MS);
    await until(() => first.settled, 'the token after one store timeout');
    expect(first.value).toBe(idp.tokens[0]);
    expect(timeouts()).toBe(1);
    await closeWithin(tokens, STORE_TIMEOUT_MS);
  });
});
