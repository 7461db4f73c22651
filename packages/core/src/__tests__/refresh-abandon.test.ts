// A shared refresh that a frozen or finished request left behind (its timers never fire)
// is abandoned at the deadline its retry policy allows. Fake timers stand in for "the
// request's timers are gone" (vi.clearAllTimers), so this file runs in Node only.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TokenManager } from '../index.js';
import { BASE, CLIENT, fakeClock, fakeIdentity, rejection } from './web-fixtures.js';

/** Whether `promise` has settled, without waiting for it. */
function watch(promise: Promise<unknown>): { settled: () => boolean } {
  let settled = false;
  promise.then(
    () => {
      settled = true;
    },
    () => {
      settled = true;
    },
  );
  return { settled: () => settled };
}

/**
 * Lets real I/O (the store key's digest runs off the event loop) finish without moving the
 * fake timers: setImmediate is not faked. Bounded: fails the test instead of hanging.
 */
async function until(condition: () => boolean): Promise<void> {
  // Bounded by real time (performance.now is not faked), not by a count of turns: the store
  // key's PBKDF2 takes tens of ms, and far longer on a loaded machine.
  const deadline = performance.now() + 60_000;
  while (!condition() && performance.now() < deadline) {
    await new Promise((resolve) => setImmediate(resolve));
  }
  expect(condition()).toBe(true);
}

afterEach(() => {
  vi.useRealTimers();
});

describe('a shared refresh left behind by a frozen or finished request', () => {
  // 2 attempts × 1 s + 1 × 100 ms + 4 store calls × 100 ms + 1 s of grace.
  const DEADLINE_MS = 3_500;

  /** The first identity call never settles and ignores abort; later ones answer. */
  function stuckFirstIdentity() {
    const idp = fakeIdentity();
    let stuck = true;
    const fetch = ((input: RequestInfo | URL, init?: RequestInit) => {
      if (String(input).endsWith('/identity/v1/session') && stuck) {
        stuck = false;
        idp.calls++;
        return new Promise<Response>(() => {});
      }
      return idp.fetch(input, init);
    }) as typeof globalThis.fetch;
    return { idp, fetch };
  }

  function stuckManager() {
    vi.useFakeTimers({
      toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'],
    });
    const clock = fakeClock();
    const { idp, fetch } = stuckFirstIdentity();
    const tokens = new TokenManager({
      credentials: CLIENT,
      baseUrl: BASE,
      fetch,
      now: clock.now,
      requestTimeoutMs: 1_000,
      storeTimeoutMs: 100,
      retry: { maxAttempts: 2, baseDelayMs: 10, maxDelayMs: 100 },
    });
    /** Moves the clock and the timers together. */
    const advance = async (ms: number) => {
      clock.advance(ms);
      await vi.advanceTimersByTimeAsync(ms);
    };
    return { idp, tokens, clock, advance };
  }

  it('a caller of a later request stops waiting at the deadline, and the next call starts anew', async () => {
    const { idp, tokens, advance } = stuckManager();
    const dead = watch(tokens.getAccessToken()); // request 1
    await until(() => idp.calls === 1);
    // Request 1 answered and was ended: its timers (the attempt's timeout) never fire.
    vi.clearAllTimers();
    await advance(500);
    const later = tokens.getAccessToken(); // request 2 joins the stuck refresh
    const watched = watch(later);
    await advance(DEADLINE_MS - 500 - 1);
    expect(watched.settled()).toBe(false);
    expect(idp.calls).toBe(1);
    await advance(1);
    const error = await rejection(later);
    expect(error.code).toBe('timeout');
    expect(error.retryable).toBe(true);
    expect(error.message).toMatch(/did not settle within 3500 ms.*abandoned/);
    const next = tokens.getAccessToken(); // request 3: a new refresh
    const token = await next;
    expect(token).toBe(idp.tokens[0]);
    expect(idp.calls).toBe(2);
    expect(dead.settled()).toBe(false); // request 1's own wait is gone with its request
    await tokens.close();
  });

  it('a caller that comes after the deadline, when no timer fired, starts a new refresh at once', async () => {
    const { idp, tokens, clock } = stuckManager();
    watch(tokens.getAccessToken());
    await until(() => idp.calls === 1);
    vi.clearAllTimers(); // the request that started it is gone, and its timers with it
    clock.advance(DEADLINE_MS); // the isolate was idle (or frozen) meanwhile
    vi.setSystemTime(Date.now() + DEADLINE_MS);
    const next = tokens.getAccessToken();
    const token = await next;
    expect(token).toBe(idp.tokens[0]);
    expect(idp.calls).toBe(2);
    await tokens.close();
  });

  it('while its timers run, the retry policy ends it first, with a typed error', async () => {
    const { idp, tokens, advance } = stuckManager();
    const waiting = tokens.getAccessToken();
    await until(() => idp.calls === 1);
    await advance(1_000); // the first attempt times out; the second answers after its backoff
    await advance(100);
    await until(() => idp.calls === 2);
    const token = await waiting;
    expect(token).toBe(idp.tokens[0]);
    expect(idp.calls).toBe(2);
    await tokens.close();
  });
});
