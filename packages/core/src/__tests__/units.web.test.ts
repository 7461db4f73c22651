import { describe, expect, inject, it } from 'vitest';
import { isLoopbackHost, normalizeBaseUrl } from '../base-url.js';
import { resolveCredentials } from '../credentials.js';
import { lifetimeMs, parseUtcDateTime } from '../expiry.js';
import { parseHttpDate } from '../http-date.js';
import { parseIdentityBody } from '../identity-client.js';
import {
  isUnderBaseUrl,
  LiveDataApiError,
  LiveDataAuthError,
  parseRetryAfterHeader,
  refreshWindows,
  resolveApiUrl,
} from '../index.js';
import { tokenPhase } from '../refresh-window.js';
import { resolveRetryPolicy, retryDelayMs } from '../retry.js';

describe('parseUtcDateTime', () => {
  it('reads a zone-less date-time with microseconds as UTC', () => {
    expect(parseUtcDateTime('2021-11-19T23:36:09.092720')).toBe(
      Date.UTC(2021, 10, 19, 23, 36, 9, 92),
    );
  });
  it('honours explicit zones', () => {
    expect(parseUtcDateTime('2021-11-19T23:36:09Z')).toBe(Date.UTC(2021, 10, 19, 23, 36, 9));
    expect(parseUtcDateTime('2021-11-20T01:36:09.5+02:00')).toBe(
      Date.UTC(2021, 10, 19, 23, 36, 9, 500),
    );
    expect(parseUtcDateTime('2021-11-19T18:36:09-0500')).toBe(Date.UTC(2021, 10, 19, 23, 36, 9));
  });
  it('rejects what is not a date-time', () => {
    for (const bad of [
      '',
      'tomorrow',
      '2021-13-01T00:00:00',
      '2021-11-19',
      '1637364969',
      '2021-11-19T25:00:00',
    ]) {
      expect(parseUtcDateTime(bad)).toBeUndefined();
    }
  });
});

describe('lifetime and clock skew', () => {
  const expiresAt = Date.UTC(2026, 0, 1, 12, 15, 0);
  it('measures an absolute expiry against the server Date, not the local clock', () => {
    const serverDate = Date.UTC(2026, 0, 1, 12, 0, 0);
    const localHoursAhead = serverDate + 3 * 3600_000;
    // 15 minutes, less the 1 s the Date header's resolution may hide.
    expect(lifetimeMs({ kind: 'absolute', expiresAt }, serverDate, localHoursAhead)).toBe(
      15 * 60_000 - 1_000,
    );
  });
  it('never reads a longer lifetime than the real one from a Date header with 1 s resolution', () => {
    // The server stamps `Date` with whole seconds: at a real server time of T + f (f in
    // [0, 1000) ms) it sends T. A token with real lifetime L must not be read as L + f.
    const realLifetime = 20_000;
    const T = Date.UTC(2026, 0, 1, 12, 0, 0);
    for (const f of [0, 1, 250, 500, 999]) {
      const measured = lifetimeMs(
        { kind: 'absolute', expiresAt: T + f + realLifetime },
        parseHttpDate(new Date(T + f).toUTCString()),
        T,
      );
      expect(measured).toBeLessThanOrEqual(realLifetime);
      expect(measured).toBeGreaterThanOrEqual(realLifetime - 1_000);
    }
  });
  it('falls back to the local clock without a Date header', () => {
    expect(lifetimeMs({ kind: 'absolute', expiresAt }, undefined, expiresAt - 60_000)).toBe(60_000);
  });
  it('parses identity bodies: both field spellings, expires_in, and the 15-minute default', () => {
    const date = new Date(Date.UTC(2026, 0, 1, 12, 0, 0)).toUTCString();
    const now = Date.UTC(2026, 0, 1, 18, 0, 0); // local clock 6 h off: irrelevant with a Date header
    expect(
      parseIdentityBody('{"accessToken":"a","expiresAt":"2026-01-01T12:15:00.000000"}', date, now),
    ).toEqual({
      accessToken: 'a',
      lifetimeMs: 899_000, // measured from Date + 1 s (whole-second resolution)
    });
    expect(
      parseIdentityBody('{"access_token":"b","expires_at":"2026-01-01T13:00:00"}', date, now)
        .lifetimeMs,
    ).toBe(3_599_000);
    expect(parseIdentityBody('{"access_token":"c","expires_in":120}', null, now).lifetimeMs).toBe(
      120_000,
    );
    expect(parseIdentityBody('{"access_token":"d"}', null, now).lifetimeMs).toBe(900_000);
  });
  it('turns unusable bodies into invalid_response', () => {
    for (const body of [
      'not json',
      '[]',
      'null',
      '{}',
      '{"accessToken":""}',
      '{"accessToken":"has space"}',
      '{"accessToken":"a","expiresAt":"soon"}',
      '{"accessToken":"a","expires_in":-5}',
      '{"accessToken":"a","expiresAt":"2000-01-01T00:00:00"}',
    ]) {
      let caught: unknown;
      try {
        // With a Date header: without one, a past expiry is read as a local clock ahead.
        parseIdentityBody(body, new Date().toUTCString(), Date.now());
      } catch (error) {
        caught = error;
      }
      expect(caught, body).toBeInstanceOf(LiveDataAuthError);
      expect((caught as LiveDataAuthError).code).toBe('invalid_response');
      expect((caught as LiveDataAuthError).message).not.toContain('has space');
    }
  });
});

describe('refresh windows', () => {
  it('uses min(5 min, L/2) and min(30 s, L/10)', () => {
    expect(refreshWindows(15 * 60_000, 0)).toEqual({ softMs: 300_000, hardMs: 30_000 });
    expect(refreshWindows(20_000, 0)).toEqual({ softMs: 10_000, hardMs: 2_000 });
    expect(refreshWindows(3600_000, 0.05).softMs).toBe(285_000);
  });
  it('a 20-second token is fresh for its first half, then soft, then hard', () => {
    const t = { accessToken: 'x', obtainedAt: 0, expiresAt: 20_000 };
    expect(tokenPhase(t, 9_000, 0)).toBe('fresh');
    expect(tokenPhase(t, 12_000, 0)).toBe('soft');
    expect(tokenPhase(t, 18_500, 0)).toBe('hard');
    expect(tokenPhase(t, 20_000, 0)).toBe('expired');
  });
});

describe('retry policy', () => {
  const policy = resolveRetryPolicy({ baseDelayMs: 100, maxDelayMs: 1_000 });
  it('full jitter: uniform below an exponentially growing, capped ceiling', () => {
    expect(retryDelayMs(1, policy, undefined, () => 0.999)).toBe(99);
    expect(retryDelayMs(3, policy, undefined, () => 0.999)).toBe(399);
    expect(retryDelayMs(8, policy, undefined, () => 0.999)).toBe(999);
    expect(retryDelayMs(3, policy, undefined, () => 0)).toBe(0);
    const seen = new Set(Array.from({ length: 50 }, () => retryDelayMs(4, policy, undefined)));
    expect(seen.size).toBeGreaterThan(5);
  });
  it('Retry-After replaces the backoff, capped by maxDelayMs', () => {
    expect(retryDelayMs(1, policy, 700)).toBe(700);
    expect(retryDelayMs(1, policy, 60_000)).toBe(1_000);
  });
  it('parses Retry-After as seconds or an HTTP date', () => {
    const now = Date.UTC(2026, 0, 1, 0, 0, 0);
    expect(parseRetryAfterHeader('3', now)).toBe(3000);
    expect(parseRetryAfterHeader(new Date(now + 5000).toUTCString(), now)).toBe(5000);
    expect(parseRetryAfterHeader(new Date(now - 5000).toUTCString(), now)).toBe(0);
    expect(parseRetryAfterHeader('soon', now)).toBeUndefined();
    expect(parseRetryAfterHeader(null, now)).toBeUndefined();
  });
  it('defaults: 4 attempts, 250 ms base, 10 s cap', () => {
    expect(resolveRetryPolicy(undefined)).toEqual({
      maxAttempts: 4,
      baseDelayMs: 250,
      maxDelayMs: 10_000,
    });
  });
});

describe('base URL and credentials config', () => {
  it('allows http only for loopback hosts and names the setting otherwise', () => {
    expect(normalizeBaseUrl('http://127.0.0.1:8080/api/')).toBe('http://127.0.0.1:8080/api');
    expect(normalizeBaseUrl('http://localhost:3000')).toBe('http://localhost:3000');
    expect(normalizeBaseUrl('http://[::1]:3000/api')).toBe('http://[::1]:3000/api');
    expect(isLoopbackHost('127.255.0.1')).toBe(true);
    expect(isLoopbackHost('128.0.0.1')).toBe(false);
    for (const bad of [
      'http://gotlivedata.io/api',
      'http://127.0.0.1.evil.test/',
      'ftp://x/',
      'nope',
      'https://u:p@h/',
    ]) {
      let caught: unknown;
      try {
        normalizeBaseUrl(bad, 'LIVEDATA_BASE_URL');
      } catch (error) {
        caught = error;
      }
      expect(caught, bad).toMatchObject({ code: 'config', setting: 'LIVEDATA_BASE_URL' });
      expect((caught as Error).message).toContain('LIVEDATA_BASE_URL');
    }
  });
  it('needs exactly one complete credential kind and never echoes values', () => {
    expect(resolveCredentials({ clientId: 'a', clientSecret: 'b' }).kind).toBe('clientCredentials');
    const cases: [unknown, string][] = [
      [{ clientId: 'a' }, 'credentials.clientSecret'],
      [{ password: 'zzz-secret' }, 'credentials.username'],
      [{ clientId: 'a', clientSecret: 'zzz-secret', apiKey: 'k' }, 'credentials'],
      [{}, 'credentials'],
      [undefined, 'credentials'],
    ];
    for (const [input, setting] of cases) {
      let caught: unknown;
      try {
        resolveCredentials(input as never);
      } catch (error) {
        caught = error;
      }
      expect(caught).toMatchObject({ code: 'config', setting });
      expect((caught as Error).message).not.toContain('zzz-secret');
    }
  });
});

describe('URLs under baseUrl', () => {
  const base = 'https://gotlivedata.io/api';
  it('joins paths with or without a leading slash under the base path', () => {
    expect(resolveApiUrl('/people/v1/o_1/find', base).href).toBe(
      'https://gotlivedata.io/api/people/v1/o_1/find',
    );
    expect(resolveApiUrl('people/v1/o_1/find?x=1', base).href).toBe(
      'https://gotlivedata.io/api/people/v1/o_1/find?x=1',
    );
    expect(resolveApiUrl('https://gotlivedata.io/api/x', base).href).toBe(
      'https://gotlivedata.io/api/x',
    );
  });
  it('refuses other origins, other path prefixes and escapes via ..', () => {
    for (const bad of [
      'https://evil.test/api/x',
      '//evil.test/api',
      'https://gotlivedata.io/apix',
      'http://gotlivedata.io/api/x',
      '../admin',
      'https://gotlivedata.io/other',
    ]) {
      expect(() => resolveApiUrl(bad, base), bad).toThrow(LiveDataAuthError);
    }
    expect(isUnderBaseUrl('https://gotlivedata.io/api', base)).toBe(true);
    expect(isUnderBaseUrl('https://gotlivedata.io:444/api/x', base)).toBe(false);
  });
});

describe('LiveDataApiError.fromResponse', () => {
  const cases: [number, string][] = [
    [400, 'bad_request'],
    [401, 'unauthorized'],
    [402, 'quota_exceeded'],
    [403, 'forbidden'],
    [404, 'not_found'],
    [429, 'rate_limited'],
    [500, 'server_error'],
    [503, 'server_error'],
    [422, 'bad_request'],
  ];
  it.each(cases)('maps %i to %s with advice in the message', (status, code) => {
    const error = LiveDataApiError.fromResponse(new Response('x', { status }));
    expect(error).toBeInstanceOf(LiveDataApiError);
    expect(error).toMatchObject({ status, code });
    expect(error.message).toMatch(/;/);
  });
  it('reads the credit headers and Retry-After', () => {
    const quota = LiveDataApiError.fromResponse(
      new Response('', {
        status: 402,
        headers: { 'X-LDT-Credits-Used': '0', 'X-LDT-Credits-Remaining': '0' },
      }),
    );
    expect(quota.credits).toEqual({ used: 0, remaining: 0 });
    const limited = LiveDataApiError.fromResponse(
      new Response('', { status: 429, headers: { 'retry-after': '7' } }),
    );
    expect(limited.retryAfterMs).toBe(7000);
    expect(
      LiveDataApiError.fromResponse(new Response('', { status: 500 })).credits,
    ).toBeUndefined();
  });
});

declare module 'vitest' {
  export interface ProvidedContext {
    expectEdgeRuntime?: boolean;
  }
}

describe('runtime', () => {
  it('the edge project really runs with edge-runtime globals', () => {
    if (inject('expectEdgeRuntime')) {
      expect(typeof (globalThis as { EdgeRuntime?: unknown }).EdgeRuntime).toBe('string');
    } else {
      expect((globalThis as { EdgeRuntime?: unknown }).EdgeRuntime).toBeUndefined();
    }
  });
});
