import { createTokenManager, type TokenManager, type TokenManagerOptions } from '@livedata/core';
import { DEMO_CLIENT, DEMO_USER } from '@livedata/test-utils';
import { closeAfterEach, useMockServers } from '@livedata/test-utils/vitest';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openTelemetryEvents } from '../index.js';
import { searchAfterRevocation } from './revoked-search.js';
import { counted, fakeClock, histogram, type SdkTelemetry, sdkTelemetry } from './sdk-fixtures.js';

let telemetry: SdkTelemetry[] = [];

// Registered first, so it runs last: after the managers and the servers are closed.
afterEach(async () => {
  await Promise.all(telemetry.map((t) => t.shutdown()));
  telemetry = [];
});
const startServer = useMockServers();
const closeAfter = closeAfterEach<TokenManager>();

async function setup(
  serverOptions: Parameters<typeof startServer>[0] = {},
  options: Partial<TokenManagerOptions> = {},
) {
  const api = await startServer(serverOptions);
  const otel = sdkTelemetry();
  telemetry.push(otel);
  const tokens = createTokenManager({
    credentials: DEMO_CLIENT,
    baseUrl: api.url,
    retry: { baseDelayMs: 5, maxDelayMs: 50 },
    onEvent: openTelemetryEvents({
      tracerProvider: otel.tracerProvider,
      meterProvider: otel.meterProvider,
    }),
    ...options,
  });
  closeAfter(tokens);
  return { api, otel, tokens };
}

function onlySpan(otel: SdkTelemetry): ReadableSpan {
  const spans = otel.spansNamed('livedata.identity.session');
  expect(spans).toHaveLength(1);
  return spans[0] as ReadableSpan;
}

describe('openTelemetryEvents with the OpenTelemetry SDK, against the mock server', () => {
  it('cold start: one CLIENT span for the identity call, a success refresh, a miss then hits', async () => {
    const { api, otel, tokens } = await setup();
    await tokens.getAccessToken();
    await tokens.getAccessToken();
    await tokens.getAccessToken();

    const span = onlySpan(otel);
    expect(span.kind).toBe(SpanKind.CLIENT);
    expect(span.instrumentationScope.name).toBe('@livedata/opentelemetry');
    expect(span.attributes).toEqual({
      'http.request.method': 'POST',
      'http.response.status_code': 200,
      'server.address': '127.0.0.1',
      'server.port': api.port,
      'url.full': `${api.url}/identity/v1/session`,
      'livedata.credential.kind': 'clientCredentials',
    });
    expect(span.events).toEqual([]);
    expect(span.status.code).toBe(SpanStatusCode.UNSET);
    expect(span.ended).toBe(true);

    const points = await otel.points();
    expect(
      counted(points, 'livedata.token.refreshes', {
        'livedata.refresh.outcome': 'success',
        'livedata.refresh.source': 'identity',
      }),
    ).toBe(1);
    expect(
      counted(points, 'livedata.token.refreshes', { 'livedata.refresh.outcome': 'failure' }),
    ).toBe(0);
    expect(counted(points, 'livedata.token.lookups', { 'livedata.lookup.result': 'miss' })).toBe(1);
    expect(
      counted(points, 'livedata.token.lookups', {
        'livedata.lookup.result': 'miss',
        'livedata.lookup.reason': 'empty',
      }),
    ).toBe(1);
    expect(counted(points, 'livedata.token.lookups', { 'livedata.lookup.result': 'hit' })).toBe(2);
    const duration = histogram(points, 'livedata.identity.duration', {
      'http.response.status_code': 200,
      'livedata.credential.kind': 'clientCredentials',
      'server.address': '127.0.0.1',
    });
    expect(duration.count).toBe(1);
    expect(points.find((p) => p.name === 'livedata.identity.duration')?.unit).toBe('s');
    expect(api.count('identity')).toBe(1);
  });

  it('the password grant is a span too, with livedata.credential.kind = password', async () => {
    const { otel, tokens } = await setup({}, { credentials: DEMO_USER });
    await tokens.getAccessToken();
    expect(onlySpan(otel).attributes['livedata.credential.kind']).toBe('password');
  });

  it('identity duration is the call on the manager clock, in seconds', async () => {
    const clock = fakeClock();
    const api = await startServer();
    const otel = sdkTelemetry();
    telemetry.push(otel);
    // The identity answer arrives 1.25 s later by the manager's clock.
    const slowFetch: typeof fetch = async (input, init) => {
      const res = await fetch(input, init);
      clock.advance(1_250);
      return res;
    };
    const tokens = createTokenManager({
      credentials: DEMO_CLIENT,
      baseUrl: api.url,
      now: clock.now,
      fetch: slowFetch,
      onEvent: openTelemetryEvents(otel),
    });
    closeAfter(tokens);
    await tokens.getAccessToken();
    const duration = histogram(await otel.points(), 'livedata.identity.duration');
    expect(duration).toEqual({ count: 1, sum: 1.25 });
  });

  it('a refresh in the soft window: the stale lookup, a second span, a second success', async () => {
    const clock = fakeClock();
    const { api, otel, tokens } = await setup({ tokenTtlSeconds: 600 }, { now: clock.now });
    const first = await tokens.getAccessToken();
    // 100 s before expiry of a 600 s token: inside the soft window (≥ 270 s), outside the
    // hard one (30 s).
    clock.advance(500_000);
    expect(await tokens.getAccessToken()).toBe(first);
    await vi.waitFor(() => expect(otel.spansNamed('livedata.identity.session')).toHaveLength(2));
    await vi.waitFor(async () =>
      expect(
        counted(await otel.points(), 'livedata.token.refreshes', {
          'livedata.refresh.outcome': 'success',
        }),
      ).toBe(2),
    );
    expect(await tokens.getAccessToken()).not.toBe(first);

    const points = await otel.points();
    expect(counted(points, 'livedata.token.lookups', { 'livedata.lookup.result': 'stale' })).toBe(
      1,
    );
    expect(counted(points, 'livedata.token.lookups', { 'livedata.lookup.result': 'miss' })).toBe(1);
    expect(counted(points, 'livedata.token.lookups', { 'livedata.lookup.result': 'hit' })).toBe(1);
    for (const span of otel.spansNamed('livedata.identity.session')) {
      expect(span.attributes['http.response.status_code']).toBe(200);
      expect(span.status.code).toBe(SpanStatusCode.UNSET);
    }
    expect(api.count('identity')).toBe(2);
  });

  it('a retried 503: one span with a retry event, the final 200, resend count 1', async () => {
    const { api, otel, tokens } = await setup();
    api.inject('identity', { kind: 'status', status: 503 }, { times: 1 });
    await tokens.getAccessToken();

    const span = onlySpan(otel);
    expect(span.attributes['http.response.status_code']).toBe(200);
    expect(span.attributes['http.request.resend_count']).toBe(1);
    expect(span.attributes['error.type']).toBeUndefined();
    expect(span.status.code).toBe(SpanStatusCode.UNSET);
    expect(span.events).toHaveLength(1);
    const retry = span.events[0];
    expect(retry?.name).toBe('livedata.identity.retry');
    expect(retry?.attributes).toEqual({
      'livedata.retry.attempt': 1,
      'livedata.retry.delay_ms': expect.any(Number),
      'error.type': 'unavailable',
      'http.response.status_code': 503,
    });
    const delay = retry?.attributes?.['livedata.retry.delay_ms'] as number;
    expect(delay).toBeGreaterThanOrEqual(0);
    expect(delay).toBeLessThan(5); // full jitter under baseDelayMs for the first retry

    const points = await otel.points();
    expect(
      counted(points, 'livedata.token.refreshes', { 'livedata.refresh.outcome': 'success' }),
    ).toBe(1);
    expect(histogram(points, 'livedata.identity.duration').count).toBe(1);
    expect(api.count('identity')).toBe(2);
  });

  it('503 on every attempt: the span fails with error.type unavailable after its retries', async () => {
    const { api, otel, tokens } = await setup({}, { retry: { maxAttempts: 3, baseDelayMs: 1 } });
    api.inject('identity', { kind: 'status', status: 503 });
    await expect(tokens.getAccessToken()).rejects.toMatchObject({ code: 'unavailable' });

    const span = onlySpan(otel);
    expect(span.events.map((e) => e.attributes?.['livedata.retry.attempt'])).toEqual([1, 2]);
    expect(span.attributes['http.response.status_code']).toBe(503);
    expect(span.attributes['error.type']).toBe('unavailable');
    expect(span.attributes['http.request.resend_count']).toBe(2);
    expect(span.status.code).toBe(SpanStatusCode.ERROR);
    const points = await otel.points();
    expect(
      counted(points, 'livedata.token.refreshes', {
        'livedata.refresh.outcome': 'failure',
        'livedata.refresh.source': 'identity',
        'error.type': 'unavailable',
      }),
    ).toBe(1);
    expect(
      histogram(points, 'livedata.identity.duration', { 'error.type': 'unavailable' }).count,
    ).toBe(1);
  });

  it('a 401 from identity: error.type invalid_credentials, error status, a failure refresh, no retry', async () => {
    const { api, otel, tokens } = await setup(
      {},
      { credentials: { clientId: DEMO_CLIENT.clientId, clientSecret: 'not-the-secret-0000' } },
    );
    await expect(tokens.getAccessToken()).rejects.toMatchObject({ code: 'invalid_credentials' });

    const span = onlySpan(otel);
    expect(span.attributes['http.response.status_code']).toBe(401);
    expect(span.attributes['error.type']).toBe('invalid_credentials');
    expect(span.attributes['http.request.resend_count']).toBeUndefined();
    expect(span.events).toEqual([]);
    expect(span.status.code).toBe(SpanStatusCode.ERROR);
    expect(span.status.message).toMatch(/rejected the credentials \(HTTP 401\)/);

    const points = await otel.points();
    expect(
      counted(points, 'livedata.token.refreshes', {
        'livedata.refresh.outcome': 'failure',
        'livedata.refresh.source': 'identity',
        'error.type': 'invalid_credentials',
      }),
    ).toBe(1);
    expect(
      counted(points, 'livedata.token.refreshes', { 'livedata.refresh.outcome': 'success' }),
    ).toBe(0);
    expect(
      histogram(points, 'livedata.identity.duration', {
        'error.type': 'invalid_credentials',
        'http.response.status_code': 401,
      }).count,
    ).toBe(1);
    expect(api.count('identity')).toBe(1);
  });

  it('no answer at all (connection reset): error.type, and no status code attribute', async () => {
    const { api, otel, tokens } = await setup({}, { retry: { maxAttempts: 2, baseDelayMs: 1 } });
    api.inject('identity', { kind: 'reset' });
    await expect(tokens.getAccessToken()).rejects.toMatchObject({ code: 'unavailable' });
    const span = onlySpan(otel);
    expect(span.attributes['error.type']).toBe('unavailable');
    expect(span.attributes).not.toHaveProperty('http.response.status_code');
    expect(span.events).toHaveLength(1);
    expect(span.events[0]?.attributes).not.toHaveProperty('http.response.status_code');
  });

  it('a 401 from the API: tokens.fetch retries once, counted in livedata.api.unauthorized_retries', async () => {
    const { api, otel, tokens } = await setup();
    await tokens.getAccessToken();
    await searchAfterRevocation(api, tokens);

    const points = await otel.points();
    expect(counted(points, 'livedata.api.unauthorized_retries')).toBe(1);
    expect(
      counted(points, 'livedata.token.refreshes', { 'livedata.refresh.outcome': 'success' }),
    ).toBe(2);
    expect(
      counted(points, 'livedata.token.lookups', {
        'livedata.lookup.result': 'miss',
        'livedata.lookup.reason': 'invalidated',
      }),
    ).toBe(1);
    expect(otel.spansNamed('livedata.identity.session')).toHaveLength(2);
  });

  it('a token adopted from the store counts as a refresh with source store, and makes no span', async () => {
    const api = await startServer();
    const otel = sdkTelemetry();
    telemetry.push(otel);
    const { MemoryTokenStore } = await import('@livedata/core');
    const store = new MemoryTokenStore();
    const onEvent = openTelemetryEvents(otel);
    const first = createTokenManager({
      credentials: DEMO_CLIENT,
      baseUrl: api.url,
      store,
      onEvent,
    });
    const second = createTokenManager({
      credentials: DEMO_CLIENT,
      baseUrl: api.url,
      store,
      onEvent,
    });
    closeAfter(first);
    closeAfter(second);
    await first.getAccessToken();
    await second.getAccessToken();
    const points = await otel.points();
    expect(
      counted(points, 'livedata.token.refreshes', { 'livedata.refresh.source': 'store' }),
    ).toBe(1);
    expect(
      counted(points, 'livedata.token.refreshes', { 'livedata.refresh.source': 'identity' }),
    ).toBe(1);
    expect(otel.spansNamed('livedata.identity.session')).toHaveLength(1);
  });

  it('one listener shared by two managers keeps their concurrent identity calls apart', async () => {
    const healthy = await startServer();
    const flaky = await startServer();
    flaky.inject('identity', { kind: 'status', status: 503 }, { times: 2 });
    healthy.inject('identity', { kind: 'latency', ms: 30 });
    const otel = sdkTelemetry();
    telemetry.push(otel);
    const onEvent = openTelemetryEvents(otel);
    const retry = { baseDelayMs: 20, maxDelayMs: 20 };
    const a = createTokenManager({
      credentials: DEMO_CLIENT,
      baseUrl: healthy.url,
      onEvent,
      retry,
    });
    const b = createTokenManager({ credentials: DEMO_CLIENT, baseUrl: flaky.url, onEvent, retry });
    closeAfter(a);
    closeAfter(b);
    await Promise.all([a.getAccessToken(), b.getAccessToken()]);

    const spans = otel.spansNamed('livedata.identity.session');
    expect(spans).toHaveLength(2);
    const byPort = new Map(spans.map((s) => [s.attributes['server.port'], s]));
    expect(byPort.get(healthy.port)?.events).toEqual([]);
    expect(
      byPort.get(flaky.port)?.events.map((e) => e.attributes?.['http.response.status_code']),
    ).toEqual([503, 503]);
    expect(byPort.get(flaky.port)?.attributes['http.request.resend_count']).toBe(2);
  });
});
