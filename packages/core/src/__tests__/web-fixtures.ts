// Test fixtures that use web-standard APIs only, so tests built on them also run in the
// edge-runtime project (no node: imports here). The helpers that are not core's own come
// from @livedata/test-utils' standalone files (core cannot depend on that package, which
// depends on core).
import { expect } from 'vitest';
import {
  type FakeClock,
  fakeClock as manualClock,
} from '../../../test-utils/src/standalone/fake-clock.js';
import { rejectionOf } from '../../../test-utils/src/standalone/rejection-of.js';
import {
  LiveDataAuthError,
  type TokenEvent,
  TokenManager,
  type TokenManagerOptions,
} from '../index.js';

export const CLIENT = { clientId: 'unit-client', clientSecret: 'unit-secret-s3cr3t-9b1f' } as const;
export const USER = { username: 'unit@example.test', password: 'unit-password-p4ss-2c7e' } as const;
export const BASE = 'http://127.0.0.1:9/api';

/**
 * A manager with the unit credentials at `BASE` and retries that keep failures fast, plus
 * `options`; `fetch` is required, so no test reaches the network by accident.
 */
export function unitManager(
  options: Partial<TokenManagerOptions> & Pick<TokenManagerOptions, 'fetch'>,
): TokenManager {
  return new TokenManager({
    credentials: CLIENT,
    baseUrl: BASE,
    retry: { baseDelayMs: 1, maxDelayMs: 5 },
    ...options,
  });
}

/**
 * The error of one token request, with no retry, by a manager at `BASE` with `options`
 * (closed before this returns); the test fails unless it is a LiveDataAuthError.
 */
export async function singleAttemptFailure(
  options: Pick<TokenManagerOptions, 'credentials' | 'fetch'>,
): Promise<LiveDataAuthError> {
  const tokens = new TokenManager({ baseUrl: BASE, retry: { maxAttempts: 1 }, ...options });
  const error = await tokens.getAccessToken().catch((e: unknown) => e);
  await tokens.close();
  expect(error).toBeInstanceOf(LiveDataAuthError);
  return error as LiveDataAuthError;
}

/** The `config` LiveDataAuthError `fn` throws (the test fails if it throws none or another). */
export function thrownConfigError(fn: () => unknown): LiveDataAuthError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(LiveDataAuthError);
    expect((error as LiveDataAuthError).code).toBe('config');
    return error as LiveDataAuthError;
  }
  throw new Error('expected a config error');
}

/** A clock tests move by hand, at a fixed date unless told otherwise. */
export function fakeClock(start = Date.UTC(2026, 0, 15, 12, 0, 0)): FakeClock {
  return manualClock(start);
}

/** Formats ms epoch as the identity endpoint does: naive UTC with microseconds. */
export function naiveUtc(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, -1)}123`;
}

export type IdentityAnswer =
  | { status?: number; body?: string; headers?: Record<string, string>; delayMs?: number }
  | 'network-error'
  | 'hang';

/**
 * A fetch that plays the identity endpoint: answers from `script` in order, then with a
 * fresh token of `ttlMs` (per the clock). Counts calls; records every request it saw.
 */
export function fakeIdentity(
  options: { clock?: { now(): number }; ttlMs?: number; script?: IdentityAnswer[] } = {},
) {
  const clock = options.clock ?? { now: Date.now };
  const script = [...(options.script ?? [])];
  let issued = 0;
  const state = {
    calls: 0,
    tokens: [] as string[],
    requests: [] as { url: string; headers: Headers; body: string }[],
    ttlMs: options.ttlMs ?? 15 * 60_000,
    push(...answers: IdentityAnswer[]) {
      script.push(...answers);
    },
    fetch: (async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
      const url = String(input);
      state.requests.push({
        url,
        headers: new Headers(init?.headers),
        body: typeof init?.body === 'string' ? init.body : '',
      });
      if (!url.endsWith('/identity/v1/session')) {
        return new Response('{"ok":true}', {
          status: 200,
          headers: { 'content-type': 'application/json' },
        });
      }
      state.calls++;
      const answer = script.shift();
      if (answer === 'network-error') throw new TypeError('fetch failed');
      if (answer === 'hang') {
        return new Promise<Response>((_, reject) => {
          init?.signal?.addEventListener('abort', () => reject(init.signal?.reason), {
            once: true,
          });
        });
      }
      if (answer?.delayMs) await new Promise((r) => setTimeout(r, answer.delayMs));
      if (answer && (answer.status !== undefined || answer.body !== undefined)) {
        return new Response(answer.body ?? '', {
          status: answer.status ?? 200,
          headers: answer.headers ?? {},
        });
      }
      issued++;
      const accessToken = `tok-${issued}-${Math.random().toString(36).slice(2, 10)}`;
      state.tokens.push(accessToken);
      const now = clock.now();
      return new Response(JSON.stringify({ accessToken, expiresAt: naiveUtc(now + state.ttlMs) }), {
        status: 200,
        headers: { 'content-type': 'application/json', date: new Date(now).toUTCString() },
      });
    }) as typeof globalThis.fetch,
  };
  return state;
}

/** Collects events; `types()` lists their `type`s. */
export function eventLog() {
  const events: TokenEvent[] = [];
  return {
    events,
    onEvent: (e: TokenEvent) => {
      events.push(e);
    },
    types: () => events.map((e) => e.type),
    count: (type: TokenEvent['type']) => events.filter((e) => e.type === type).length,
  };
}

/** Resolves after pending microtasks and a macrotask turn. */
export const tick = (ms = 0) => new Promise<void>((r) => setTimeout(r, ms));

/** The LiveDataAuthError `promise` rejects with (the test fails if it resolves or throws another). */
export function rejection(promise: Promise<unknown>): Promise<LiveDataAuthError> {
  return rejectionOf(promise, LiveDataAuthError);
}
