import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LiveDataAuthError, MemoryTokenStore } from '../index.js';
import {
  BASE,
  CLIENT,
  eventLog,
  fakeClock,
  fakeIdentity,
  naiveUtc,
  rejection,
  tick,
  USER,
  unitManager,
} from './web-fixtures.js';

/** A manager on a fake identity endpoint and a clock the test moves, with its event log. */
function onFakeClock() {
  const clock = fakeClock();
  const idp = fakeIdentity({ clock });
  const log = eventLog();
  const tokens = unitManager({ fetch: idp.fetch, now: clock.now, onEvent: log.onEvent });
  return { clock, idp, log, tokens };
}

describe('single flight (injected fetch)', () => {
  it('1,000 concurrent cold-start callers share one identity call', async () => {
    const idp = fakeIdentity();
    const tokens = unitManager({ fetch: idp.fetch });
    const got = await Promise.all(Array.from({ length: 1000 }, () => tokens.getAccessToken()));
    expect(idp.calls).toBe(1);
    expect(new Set(got)).toEqual(new Set([idp.tokens[0]]));
    await tokens.close();
  });

  it('sends the client-credentials JSON grant and the password form grant', async () => {
    const idp = fakeIdentity();
    const a = unitManager({ fetch: idp.fetch });
    const b = unitManager({ fetch: idp.fetch, credentials: USER });
    await a.getAccessToken();
    await b.getAccessToken();
    expect(JSON.parse(idp.requests[0]?.body ?? '')).toEqual({
      grantType: 'clientCredentials',
      ...CLIENT,
    });
    expect(idp.requests[1]?.headers.get('content-type')).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(new URLSearchParams(idp.requests[1]?.body))).toEqual(USER);
    expect(b.kind).toBe('password');
    await a.close();
    await b.close();
  });

  it('calls fetch unbound (no "Illegal invocation")', async () => {
    const idp = fakeIdentity();
    const strict = function (this: unknown, input: RequestInfo | URL, init?: RequestInit) {
      if (this !== undefined && this !== globalThis) throw new TypeError('Illegal invocation');
      return idp.fetch(input, init);
    } as typeof fetch;
    const tokens = unitManager({ fetch: strict });
    expect(await tokens.getAccessToken()).toBe(idp.tokens[0]);
    await expect(tokens.fetch('/people/v1/o_1/person/p1')).resolves.toBeInstanceOf(Response);
    await tokens.close();
  });

  it('calls fetch unbound on every path of tokens.fetch: waiting, fresh, redirect, 401 retry', async () => {
    const idp = fakeIdentity();
    const api = `${new URL(BASE).pathname.replace(/\/$/, '')}/people/v1/o_1/person`;
    const seen: string[] = [];
    let refused = false;
    const strict = function (this: unknown, input: RequestInfo | URL, init?: RequestInit) {
      if (this !== undefined && this !== globalThis) throw new TypeError('Illegal invocation');
      const path = new URL(String(input)).pathname;
      seen.push(path);
      if (path.endsWith('/moved')) {
        return Promise.resolve(
          new Response(null, { status: 302, headers: { location: `${api}/p2` } }),
        );
      }
      if (path.endsWith('/refused-once') && !refused) {
        refused = true;
        return Promise.resolve(new Response(null, { status: 401 }));
      }
      return idp.fetch(input, init);
    } as typeof fetch;
    const tokens = unitManager({ fetch: strict });
    // No token yet: this call waits for the sign-in first.
    const statuses = [(await tokens.fetch('/people/v1/o_1/person/p1')).status];
    for (const path of ['p1', 'moved', 'refused-once']) {
      statuses.push((await tokens.fetch(`/people/v1/o_1/person/${path}`)).status);
    }
    expect(statuses).toEqual([200, 200, 200, 200]);
    expect(seen.filter((path) => !path.includes('/identity/'))).toEqual(
      ['p1', 'p1', 'moved', 'p2', 'refused-once', 'refused-once'].map((p) => `${api}/${p}`),
    );
    await tokens.close();
  });
});

describe('refresh windows (fake clock)', () => {
  it('soft window: the cached token comes back at once, one background refresh runs', async () => {
    const { clock, idp, log, tokens } = onFakeClock();
    const first = await tokens.getAccessToken();
    clock.advance(15 * 60_000 - 60_000); // 60 s left: soft (<= 4.5 min), not hard (30 s)
    idp.push({ delayMs: 150 }); // slow identity endpoint
    const served = await Promise.all(Array.from({ length: 50 }, () => tokens.getAccessToken()));
    expect(new Set(served)).toEqual(new Set([first]));
    expect(log.count('refresh.succeeded')).toBe(1); // only the first one so far
    expect(log.count('cache.stale')).toBe(50);
    while (log.count('refresh.succeeded') < 2) await tick(10);
    expect(idp.calls).toBe(2);
    expect(await tokens.getAccessToken()).not.toBe(first);
    expect(log.events.filter((e) => e.type === 'refresh.started' && e.background)).toHaveLength(1);
    await tokens.close();
  });

  it('fresh token: a cache hit per call up to the soft window; forceRefresh, abort and close still win', async () => {
    const { clock, idp, log, tokens } = onFakeClock();
    const first = await tokens.getAccessToken();
    // 5 min + 1 s left: fresh whatever the jitter (the soft window is at most 5 min), with a
    // second to spare for anything that reads the clock between the identity call and here.
    clock.advance(10 * 60_000 - 1_000);
    for (let i = 0; i < 3; i++) expect(await tokens.getAccessToken()).toBe(first);
    expect(log.count('cache.hit')).toBe(3);
    expect((await rejection(tokens.getAccessToken({ signal: AbortSignal.abort() }))).code).toBe(
      'aborted',
    );
    const forced = await tokens.getAccessToken({ forceRefresh: true });
    expect(forced).not.toBe(first);
    expect(idp.calls).toBe(2);
    // 4 min 15 s left of the new token: inside the soft window whatever the jitter (at least
    // 5 min × 0.9 = 4.5 min) and the Date header's rounding (up to 1 s longer), not hard (30 s).
    clock.advance(10 * 60_000 + 45_000);
    expect(await tokens.getAccessToken()).toBe(forced);
    expect(log.count('cache.hit')).toBe(3);
    expect(log.count('cache.stale')).toBe(1);
    while (log.count('refresh.succeeded') < 3) await tick(5);
    await tokens.close();
    expect((await rejection(tokens.getAccessToken())).code).toBe('closed');
  });

  it('a throwing clock rejects the call instead of throwing synchronously', async () => {
    const clock = fakeClock();
    const idp = fakeIdentity({ clock });
    let broken = false;
    const now = () => {
      if (broken) throw new Error('clock broke');
      return clock.now();
    };
    const tokens = unitManager({ fetch: idp.fetch, now });
    await tokens.getAccessToken();
    broken = true;
    const call = tokens.getAccessToken();
    await expect(call).rejects.toThrow('clock broke');
    broken = false;
    await tokens.close();
  });

  it('hard window: callers wait for a fresh token', async () => {
    const { clock, idp, log, tokens } = onFakeClock();
    const first = await tokens.getAccessToken();
    clock.advance(15 * 60_000 - 10_000);
    const next = await Promise.all([tokens.getAccessToken(), tokens.getAccessToken()]);
    expect(next[0]).not.toBe(first);
    expect(next[1]).toBe(next[0]);
    expect(idp.calls).toBe(2);
    expect(log.events).toContainEqual({ type: 'cache.miss', reason: 'hard_window' });
    await tokens.close();
  });

  it('a 20-second token does not loop', async () => {
    const clock = fakeClock();
    const idp = fakeIdentity({ clock, ttlMs: 20_000 });
    const tokens = unitManager({ fetch: idp.fetch, now: clock.now });
    for (let i = 0; i < 100; i++) await tokens.getAccessToken();
    expect(idp.calls).toBe(1);
    // One minute of traffic, a call every 500 ms: about one refresh per half lifetime.
    for (let step = 0; step < 120; step++) {
      clock.advance(500);
      await tokens.getAccessToken();
      await tick();
    }
    expect(idp.calls).toBeGreaterThanOrEqual(4);
    expect(idp.calls).toBeLessThanOrEqual(8);
    await tokens.close();
  });
  it('an identity endpoint that hands back the same token does not cause a refresh per call', async () => {
    const clock = fakeClock();
    const fixedExpiry = clock.now() + 60_000;
    let calls = 0;
    const sameToken = (async () => {
      calls++;
      return new Response(
        JSON.stringify({ accessToken: 'same', expiresAt: naiveUtc(fixedExpiry) }),
        {
          headers: { date: new Date(clock.now()).toUTCString() },
        },
      );
    }) as typeof fetch;
    const tokens = unitManager({ fetch: sameToken, now: clock.now });
    await tokens.getAccessToken();
    clock.advance(50_000); // hard window of the re-issued token (L shrinks each time)
    for (let i = 0; i < 200; i++) {
      expect(await tokens.getAccessToken()).toBe('same');
      await tick();
      clock.advance(20);
    }
    // 4 s of calls: at most about one refresh per second, not one per call.
    expect(calls).toBeLessThanOrEqual(7);
    await tokens.close();
  });
});

describe('failures (injected fetch)', () => {
  it('invalid_credentials: not retried, and a cooldown stops 100 callers hammering', async () => {
    const clock = fakeClock();
    const idp = fakeIdentity({ clock, script: [{ status: 401, body: '{"error":"nope"}' }] });
    const tokens = unitManager({
      fetch: idp.fetch,
      now: clock.now,
      retry: { maxAttempts: 4, baseDelayMs: 1 },
    });
    const errors = await Promise.all(
      Array.from({ length: 100 }, () => rejection(tokens.getAccessToken())),
    );
    expect(idp.calls).toBe(1);
    expect(new Set(errors.map((e) => e.code))).toEqual(new Set(['invalid_credentials']));
    expect(errors[0]).toMatchObject({ status: 401, retryable: false });
    // Within the cooldown: same error, no new identity call.
    clock.advance(4_000);
    expect((await rejection(tokens.getAccessToken())).code).toBe('invalid_credentials');
    expect(idp.calls).toBe(1);
    // After it: a new attempt (the failure was not cached).
    clock.advance(2_000);
    expect(await tokens.getAccessToken()).toBe(idp.tokens[0]);
    expect(idp.calls).toBe(2);
    await tokens.close();
  });

  it('network errors and 5xx are retried until success', async () => {
    const idp = fakeIdentity({ script: ['network-error', { status: 502 }, { status: 500 }] });
    const log = eventLog();
    const tokens = unitManager({ fetch: idp.fetch, onEvent: log.onEvent });
    expect(await tokens.getAccessToken()).toBe(idp.tokens[0]);
    expect(idp.calls).toBe(4);
    expect(
      log.events.filter((e) => e.type === 'refresh.retry').map((e) => 'code' in e && e.code),
    ).toEqual(['unavailable', 'unavailable', 'unavailable']);
    await tokens.close();
  });

  it('gives up after maxAttempts with a retryable code, and caches no failure', async () => {
    const idp = fakeIdentity({ script: [{ status: 429 }, { status: 429 }, { status: 429 }] });
    const tokens = unitManager({ fetch: idp.fetch, retry: { maxAttempts: 3, baseDelayMs: 1 } });
    const error = await rejection(tokens.getAccessToken());
    expect(error).toMatchObject({ code: 'rate_limited', retryable: true, status: 429 });
    expect(idp.calls).toBe(3);
    expect(await tokens.getAccessToken()).toBe(idp.tokens[0]);
    await tokens.close();
  });

  it('a hung identity endpoint ends in timeout', async () => {
    const idp = fakeIdentity({ script: ['hang', 'hang'] });
    const tokens = unitManager({
      fetch: idp.fetch,
      requestTimeoutMs: 30,
      retry: { maxAttempts: 2, baseDelayMs: 1 },
    });
    expect(await rejection(tokens.getAccessToken())).toMatchObject({
      code: 'timeout',
      retryable: true,
    });
    expect(idp.calls).toBe(2);
    await tokens.close();
  });

  it('a failed refresh keeps serving a token that is still valid', async () => {
    const clock = fakeClock();
    const idp = fakeIdentity({ clock });
    const log = eventLog();
    const tokens = unitManager({
      fetch: idp.fetch,
      now: clock.now,
      onEvent: log.onEvent,
      retry: { maxAttempts: 2, baseDelayMs: 1 },
    });
    const first = await tokens.getAccessToken();
    // Soft window: background refresh fails, no unhandled rejection, token still served.
    clock.advance(14 * 60_000);
    idp.push({ status: 503 }, { status: 503 });
    expect(await tokens.getAccessToken()).toBe(first);
    while (log.count('refresh.failed') < 1) await tick(5);
    // Hard window: the caller waits, the refresh fails, the valid token is served.
    clock.advance(50_000);
    idp.push({ status: 503 }, { status: 503 });
    expect(await tokens.getAccessToken()).toBe(first);
    // Expired: now the failure reaches the caller.
    clock.advance(20_000);
    idp.push({ status: 503 }, { status: 503 });
    expect((await rejection(tokens.getAccessToken())).code).toBe('unavailable');
    // And it was not cached.
    expect(await tokens.getAccessToken()).toBe(idp.tokens[1]);
    await tokens.close();
  });

  it('property: arbitrary identity bodies give a valid token or invalid_response, never a crash', async () => {
    const unhandled: unknown[] = [];
    const proc = (globalThis as { process?: NodeJS.Process }).process;
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    proc?.on?.('unhandledRejection', onUnhandled);
    const body = fc.oneof(
      fc.string(),
      fc.json(),
      fc
        .record(
          {
            accessToken: fc.oneof(
              fc.string(),
              fc.integer(),
              fc.constant(null),
              fc.stringMatching(/^[A-Za-z0-9._-]{1,40}$/),
            ),
            access_token: fc.oneof(fc.string(), fc.constant(undefined)),
            expiresAt: fc.oneof(
              fc.string(),
              fc.integer(),
              fc.double(),
              fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, -1)),
            ),
            expires_in: fc.oneof(fc.integer(), fc.string(), fc.double()),
          },
          { requiredKeys: [] },
        )
        .map((o) => JSON.stringify(o)),
    );
    await fc.assert(
      fc.asyncProperty(body, async (text) => {
        const idp = fakeIdentity({
          script: [{ status: 200, body: text, headers: { date: new Date().toUTCString() } }],
        });
        const tokens = unitManager({ fetch: idp.fetch, retry: { maxAttempts: 1 } });
        try {
          const token = await tokens.getAccessToken();
          expect(typeof token).toBe('string');
          expect(text).toContain(JSON.stringify(token).slice(1, -1));
        } catch (error) {
          expect(error).toBeInstanceOf(LiveDataAuthError);
          expect((error as LiveDataAuthError).code).toBe('invalid_response');
        } finally {
          await tokens.close();
        }
      }),
      { numRuns: 300 },
    );
    await tick(10);
    proc?.off?.('unhandledRejection', onUnhandled);
    expect(unhandled).toEqual([]);
  });
});

describe('cancellation and close', () => {
  it('a signal cancels one caller, not the shared refresh', async () => {
    const idp = fakeIdentity({ script: [{ delayMs: 80 }] });
    const tokens = unitManager({ fetch: idp.fetch });
    const controller = new AbortController();
    const cancelled = tokens.getAccessToken({ signal: controller.signal });
    const other = tokens.getAccessToken();
    controller.abort();
    expect((await rejection(cancelled)).code).toBe('aborted');
    expect(await other).toBe(idp.tokens[0]);
    expect(idp.calls).toBe(1);
    expect((await rejection(tokens.getAccessToken({ signal: AbortSignal.abort() }))).code).toBe(
      'aborted',
    );
    await tokens.close();
  });

  it('close(): waiting and later calls reject with closed; idempotent; asyncDispose', async () => {
    const idp = fakeIdentity({ script: ['hang'] });
    const tokens = unitManager({ fetch: idp.fetch });
    const waiting = tokens.getAccessToken();
    await tick(5);
    await tokens.close();
    await tokens.close();
    expect((await rejection(waiting)).code).toBe('closed');
    expect((await rejection(tokens.getAccessToken())).code).toBe('closed');
    expect((await rejection(tokens.fetch('/x'))).code).toBe('closed');
    const other = unitManager({ fetch: fakeIdentity().fetch });
    await other[Symbol.asyncDispose]();
    expect((await rejection(other.getAuthorizationHeader())).code).toBe('closed');
  });
});

describe('API keys', () => {
  it('returns the key as is, without an identity call', async () => {
    const idp = fakeIdentity();
    const tokens = unitManager({ fetch: idp.fetch, credentials: { apiKey: 'ldtkey_unit123' } });
    expect(tokens.kind).toBe('apiKey');
    await expect(tokens.getAuthorizationHeader()).resolves.toBe('Bearer ldtkey_unit123');
    const res = await tokens.fetch('people/v1/o_1/person/x');
    expect(res.status).toBe(200);
    expect(idp.requests[0]?.headers.get('authorization')).toBe('Bearer ldtkey_unit123');
    expect(idp.calls).toBe(0);
    expect(JSON.stringify(tokens)).not.toContain('ldtkey_unit123');
    await tokens.close();
  });
});

describe('invalidate and store', () => {
  it('invalidate drops only the current token; the next caller gets a new one', async () => {
    const idp = fakeIdentity();
    const store = new MemoryTokenStore();
    const tokens = unitManager({ fetch: idp.fetch, store });
    const first = await tokens.getAccessToken();
    tokens.invalidate('some-old-token');
    expect(await tokens.getAccessToken()).toBe(first);
    tokens.invalidate(first);
    await tick();
    expect(store.size).toBe(0);
    const second = await tokens.getAccessToken();
    expect(second).not.toBe(first);
    expect(idp.calls).toBe(2);
    await tokens.close();
  });

  it('adopts a token another process stored, without an identity call', async () => {
    const clock = fakeClock();
    const idp = fakeIdentity({ clock });
    const store = new MemoryTokenStore({ now: clock.now });
    const a = unitManager({ fetch: idp.fetch, store, now: clock.now });
    const b = unitManager({ fetch: idp.fetch, store, now: clock.now });
    const token = await a.getAccessToken();
    expect(await b.getAccessToken()).toBe(token);
    expect(idp.calls).toBe(1);
    await a.close();
    await b.close();
  });
});

describe('401 handling (fake clock)', () => {
  it('a short-lived replacement token that simply expired is refreshed, not reported', async () => {
    const clock = fakeClock();
    const idp = fakeIdentity({ clock, ttlMs: 8_000 }); // lifetime 7 s (Date header + 1 s)
    const log = eventLog();
    // The API rejects the first token, and any token older than 3 s (its idea of expiry).
    const minted = new Map<string, number>();
    const api: typeof globalThis.fetch = async (input, init) => {
      const url = String(input);
      if (url.endsWith('/identity/v1/session')) {
        const res = await idp.fetch(input, init);
        minted.set(idp.tokens.at(-1) ?? '', clock.now());
        return res;
      }
      const token = new Headers(init?.headers).get('authorization')?.slice('Bearer '.length) ?? '';
      const age = clock.now() - (minted.get(token) ?? 0);
      const ok = token !== idp.tokens[0] && age < 3_000;
      return new Response(ok ? '{}' : 'expired', { status: ok ? 200 : 401 });
    };
    const tokens = unitManager({ fetch: api, now: clock.now, onEvent: log.onEvent });

    // First token rejected: one retry with a replacement, which works.
    expect((await tokens.fetch('/people/v1/o_3daf8872/find')).status).toBe(200);
    expect(idp.calls).toBe(2);
    // The replacement, now 3.5 s old (half its 7 s life), is rejected as expired: the
    // manager must refresh it and retry, not take it for a freshly minted token rejected.
    clock.advance(3_500);
    expect((await tokens.fetch('/people/v1/o_3daf8872/find')).status).toBe(200);
    expect(idp.calls).toBe(3);
    expect(log.count('unauthorized.rejected_fresh_token')).toBe(0);
    await tokens.close();
  });

  it('a replacement rejected within a quarter of its lifetime is still reported (no loop)', async () => {
    const clock = fakeClock();
    const idp = fakeIdentity({ clock, ttlMs: 9_000 }); // lifetime 8 s: the limit is 2 s
    const log = eventLog();
    const tokens = unitManager({ fetch: idp.fetch, now: clock.now, onEvent: log.onEvent });
    const first = await tokens.getAccessToken();
    expect(tokens.handleUnauthorized(first)).toBe(true);
    const replacement = await tokens.getAccessToken();
    clock.advance(1_900);
    expect(tokens.handleUnauthorized(replacement)).toBe(false);
    expect(log.count('unauthorized.rejected_fresh_token')).toBe(1);
    clock.advance(200); // 2.1 s old: past a quarter of its life, so it may simply have expired
    expect(tokens.handleUnauthorized(replacement)).toBe(true);
    expect(await tokens.getAccessToken()).not.toBe(replacement);
    expect(idp.calls).toBe(3);
    await tokens.close();
  });
});
