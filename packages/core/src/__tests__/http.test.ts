import { DEMO_ORG_ID } from '@livedata/mock-server';
import { describe, expect, it } from 'vitest';
import { DEMO_CLIENT as CLIENT, DEMO_USER as USER, useMockApi } from './mock-api-fixtures.js';
import { runNode } from './node-fixtures.js';
import { eventLog, fakeClock, rejection, tick } from './web-fixtures.js';

const { mock, manager } = useMockApi({ retry: { baseDelayMs: 5, maxDelayMs: 2_000 } });

describe('one identity call per lifetime (mock server)', () => {
  it('1,000 concurrent cold-start callers → exactly one identity call', async () => {
    const server = await mock();
    const tokens = manager(server);
    const got = await Promise.all(Array.from({ length: 1000 }, () => tokens.getAccessToken()));
    expect(new Set(got).size).toBe(1);
    expect(server.count('identity')).toBe(1);
    for (let i = 0; i < 100; i++) await tokens.getAccessToken();
    expect(server.count('identity')).toBe(1);
  });

  it.each([
    ['3 hours behind', -3 * 3600_000],
    ['5 hours ahead', 5 * 3600_000],
  ])('a server clock %s does not cause a refresh on every call', async (_, clockOffsetMs) => {
    const server = await mock({ clockOffsetMs });
    const tokens = manager(server);
    const token = await tokens.getToken();
    expect(token.expiresAt - Date.now()).toBeGreaterThan(890_000);
    expect(token.expiresAt - Date.now()).toBeLessThanOrEqual(901_000);
    for (let i = 0; i < 50; i++) await tokens.getAccessToken();
    expect(server.count('identity')).toBe(1);
  });

  it.each([
    ['expires_in', 'expires_in'],
    ['expires_at', 'expires_at'],
    ['expiresAt', 'expiresAt'],
    ['no expiry field (15-minute default)', 'none'],
  ] as const)('password grant with %s', async (_, passwordExpiryField) => {
    const server = await mock({
      passwordExpiryField,
      tokenTtlSeconds: 600,
      clockOffsetMs: 2 * 3600_000,
    });
    const tokens = manager(server, { credentials: USER });
    const token = await tokens.getToken();
    const expected = passwordExpiryField === 'none' ? 900_000 : 600_000;
    expect(token.expiresAt - token.obtainedAt).toBeGreaterThan(expected - 2_000);
    expect(token.expiresAt - token.obtainedAt).toBeLessThanOrEqual(expected + 1_000);
    const res = await tokens.fetch(`/people/v1/${DEMO_ORG_ID}/person/anything`);
    expect(res.status).not.toBe(401);
    expect(server.requests.find((r) => r.route === 'identity')?.grant).toBe('password');
  });
});

describe('expiresAt without a zone is UTC, whatever TZ says', () => {
  it.each(['Pacific/Kiritimati', 'America/Adak'])('TZ=%s', async (tz) => {
    const script = `
      import { startMockServer, demoCredentials } from '@livedata/mock-server';
      import { TokenManager, parseUtcDateTime } from '@livedata/core';
      const api = await startMockServer();
      const tokens = new TokenManager({ baseUrl: api.url, credentials: { clientId: demoCredentials.clientId, clientSecret: demoCredentials.clientSecret } });
      const token = await tokens.getToken();
      await tokens.close();
      await api.close();
      console.log(JSON.stringify({
        offset: new Date().getTimezoneOffset(),
        remaining: token.expiresAt - Date.now(),
        parsed: parseUtcDateTime('2021-11-19T23:36:09.092720') === Date.UTC(2021, 10, 19, 23, 36, 9, 92),
      }));
    `;
    const out = await runNode(['--input-type=module', '-e', script], { TZ: tz }, 20_000);
    expect(out.code).toBe(0);
    const result = JSON.parse(out.stdout.trim().split('\n').at(-1) ?? '{}');
    expect(Math.abs(result.offset)).toBeGreaterThanOrEqual(600); // really far from UTC
    expect(result.parsed).toBe(true);
    expect(result.remaining).toBeGreaterThan(890_000);
    expect(result.remaining).toBeLessThanOrEqual(901_000);
  });
});

describe('refresh windows over HTTP', () => {
  it('soft window with a slow identity endpoint: cached token at once, exactly one background refresh', async () => {
    const server = await mock();
    const clock = fakeClock(Date.now());
    const log = eventLog();
    const tokens = manager(server, { now: clock.now, onEvent: log.onEvent });
    const first = await tokens.getAccessToken();
    clock.advance(900_000 - 90_000);
    server.inject('identity', { kind: 'latency', ms: 400 }, { times: 1 });
    const served = await Promise.all(Array.from({ length: 200 }, () => tokens.getAccessToken()));
    expect(new Set(served)).toEqual(new Set([first]));
    expect(log.count('refresh.succeeded')).toBe(1); // the background one is still running
    while (log.count('refresh.succeeded') < 2) await tick(20);
    expect(server.count('identity')).toBe(2);
    expect(await tokens.getAccessToken()).not.toBe(first);
    expect(server.count('identity')).toBe(2);
  });

  it('hard window: callers wait for a fresh token', async () => {
    const server = await mock();
    const clock = fakeClock(Date.now());
    const tokens = manager(server, { now: clock.now });
    const first = await tokens.getAccessToken();
    clock.advance(900_000 - 5_000);
    const next = await Promise.all(Array.from({ length: 20 }, () => tokens.getAccessToken()));
    expect(new Set(next).size).toBe(1);
    expect(next[0]).not.toBe(first);
    expect(server.count('identity')).toBe(2);
  });

  it('a 20-second token does not loop', async () => {
    const server = await mock({ tokenTtlSeconds: 20 });
    const clock = fakeClock(Date.now());
    const tokens = manager(server, { now: clock.now });
    for (let i = 0; i < 50; i++) await tokens.getAccessToken();
    expect(server.count('identity')).toBe(1);
    for (let step = 0; step < 60; step++) {
      clock.advance(1_000);
      await tokens.getAccessToken();
      await tick(5);
    }
    // ~60 s of calls with a 20 s token refreshed at half-life: about 6 refreshes, not 60.
    expect(server.count('identity')).toBeGreaterThanOrEqual(4);
    expect(server.count('identity')).toBeLessThanOrEqual(8);
  });
});

describe('identity failures over HTTP', () => {
  it('retries a reset connection, a 5xx and a 429 without Retry-After, then succeeds', async () => {
    const server = await mock();
    const log = eventLog();
    const tokens = manager(server, { onEvent: log.onEvent });
    server.script('identity', [
      { kind: 'reset' },
      { kind: 'status', status: 503 },
      { kind: 'status', status: 429 },
    ]);
    expect(typeof (await tokens.getAccessToken())).toBe('string');
    expect(server.count('identity')).toBe(4);
    const retries = log.events.flatMap((e) => (e.type === 'refresh.retry' ? [e] : []));
    expect(retries.map((r) => r.code)).toEqual(['unavailable', 'unavailable', 'rate_limited']);
    // Full jitter: each wait is below its exponential ceiling (5, 10, 20 ms).
    retries.forEach((r, i) => {
      expect(r.delayMs).toBeLessThan(5 * 2 ** i);
    });
  });

  it('honours Retry-After (seconds and HTTP date)', async () => {
    const server = await mock();
    const log = eventLog();
    const tokens = manager(server, { onEvent: log.onEvent });
    server.script('identity', [
      { kind: 'status', status: 429, retryAfter: 1 },
      // 3 s ahead: after the first 1 s wait (and the store-key derivation before the first
      // call) it is still at least a second ahead of the server's whole-second Date header.
      { kind: 'status', status: 503, retryAfter: new Date(Date.now() + 3_000).toUTCString() },
    ]);
    const started = performance.now();
    await tokens.getAccessToken();
    const elapsed = performance.now() - started;
    const delays = log.events.flatMap((e) => (e.type === 'refresh.retry' ? [e.delayMs] : []));
    expect(delays[0]).toBe(1_000);
    expect(delays[1]).toBeGreaterThan(0);
    expect(delays[1]).toBeLessThanOrEqual(2_000);
    expect(elapsed).toBeGreaterThanOrEqual(1_000 + (delays[1] ?? 0) - 50);
    expect(server.count('identity')).toBe(3);
  });

  it('all attempts failing → retryable unavailable; a hung endpoint → timeout', async () => {
    const server = await mock();
    const tokens = manager(server, {
      retry: { maxAttempts: 3, baseDelayMs: 5 },
      requestTimeoutMs: 300,
    });
    server.inject('identity', { kind: 'status', status: 500 }, { times: 3 });
    expect(await rejection(tokens.getAccessToken())).toMatchObject({
      code: 'unavailable',
      retryable: true,
      status: 500,
    });
    expect(server.count('identity')).toBe(3);
    server.inject('identity', { kind: 'hang' }, { times: 3 });
    expect(await rejection(tokens.getAccessToken())).toMatchObject({
      code: 'timeout',
      retryable: true,
    });
    expect(server.count('identity')).toBe(6);
    // No failure was cached.
    expect(typeof (await tokens.getAccessToken())).toBe('string');
  });

  it('invalid_credentials is not retried; 100 callers after it cause no new identity call', async () => {
    const server = await mock();
    const tokens = manager(server, {
      credentials: { clientId: CLIENT.clientId, clientSecret: 'wrong-secret-x' },
    });
    expect(await rejection(tokens.getAccessToken())).toMatchObject({
      code: 'invalid_credentials',
      retryable: false,
    });
    expect(server.count('identity')).toBe(1);
    const errors = await Promise.all(
      Array.from({ length: 100 }, () => rejection(tokens.getAccessToken())),
    );
    expect(errors.every((e) => e.code === 'invalid_credentials')).toBe(true);
    expect(server.count('identity')).toBe(1);
  });

  it('malformed identity bodies → invalid_response, not retried', async () => {
    const server = await mock();
    const clock = fakeClock(Date.now());
    const tokens = manager(server, { now: clock.now });
    server.inject('identity', { kind: 'malformed' }, { times: 1 });
    expect(await rejection(tokens.getAccessToken())).toMatchObject({ code: 'invalid_response' });
    clock.advance(5_000); // past the cooldown that follows a non-retryable failure
    server.inject('identity', { kind: 'malformed', body: '{"accessToken":42}' }, { times: 1 });
    expect(await rejection(tokens.getAccessToken())).toMatchObject({ code: 'invalid_response' });
    expect(server.count('identity')).toBe(2);
  });

  it('a failed refresh keeps serving the valid token', async () => {
    const server = await mock();
    const clock = fakeClock(Date.now());
    const tokens = manager(server, { now: clock.now, retry: { maxAttempts: 2, baseDelayMs: 5 } });
    const first = await tokens.getAccessToken();
    clock.advance(900_000 - 10_000);
    // Retry-After: 1 s is a floor of the backoff between cycles; without it the jittered
    // backoff (here below 10 ms) is 0 one time in ten and the next caller refreshes at once.
    server.inject('identity', { kind: 'status', status: 502, retryAfter: 1 });
    expect(await tokens.getAccessToken()).toBe(first);
    server.clearFaults();
    // Until the backoff between refresh cycles (at most retry.maxDelayMs) has passed, the
    // still-valid token is served without a new cycle; after it, the next caller refreshes.
    expect(await tokens.getAccessToken()).toBe(first);
    clock.advance(2_000);
    expect(await tokens.getAccessToken()).not.toBe(first);
  });

  it('signal cancels one waiter only; the shared refresh completes', async () => {
    const server = await mock();
    const tokens = manager(server);
    server.inject('identity', { kind: 'latency', ms: 300 }, { times: 1 });
    const controller = new AbortController();
    const a = tokens.getAccessToken({ signal: controller.signal });
    const b = tokens.getAccessToken();
    setTimeout(() => controller.abort(), 50);
    expect((await rejection(a)).code).toBe('aborted');
    expect(typeof (await b)).toBe('string');
    expect(server.count('identity')).toBe(1);
  });
});
