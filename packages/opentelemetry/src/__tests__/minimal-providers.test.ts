import { createTokenManager, type TokenManager } from '@livedata/core';
import { type MockServer } from '@livedata/mock-server';
import { DEMO_CLIENT } from '@livedata/test-utils';
import { closeAfterEach, useMockServers } from '@livedata/test-utils/vitest';
import { metrics, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { afterEach, describe, expect, it } from 'vitest';
import { openTelemetryEvents } from '../index.js';
import { minimalProviders } from './minimal-providers.js';
import { searchAfterRevocation } from './revoked-search.js';

// Registered first, so it runs last: after the managers and the server are closed.
afterEach(() => {
  trace.disable();
  metrics.disable();
});
const startServer = useMockServers();
const closeAfter = closeAfterEach<TokenManager>();

async function exercise(onEvent: (event: { type: string }) => void): Promise<MockServer> {
  const api = await startServer();
  const tokens = closeAfter(
    createTokenManager({
      credentials: DEMO_CLIENT,
      baseUrl: api.url,
      retry: { baseDelayMs: 1, maxDelayMs: 5 },
      onEvent,
    }),
  );
  api.inject('identity', { kind: 'status', status: 503 }, { times: 1 });
  await tokens.getAccessToken();
  await tokens.getAccessToken();
  await searchAfterRevocation(api, tokens);
  return api;
}

function expectDesignTelemetry(otel: ReturnType<typeof minimalProviders>, server: MockServer) {
  expect(otel.unexpected).toEqual([]);
  // Two identity calls: the cold start (with one retried 503) and the one after the 401.
  expect(otel.spans.map((s) => s.name)).toEqual([
    'livedata.identity.session',
    'livedata.identity.session',
  ]);
  const [first, second] = otel.spans;
  expect(first?.scope).toBe('@livedata/opentelemetry');
  expect(first?.options?.kind).toBe(SpanKind.CLIENT);
  expect(first?.attributes).toMatchObject({
    'http.request.method': 'POST',
    'http.response.status_code': 200,
    'server.address': '127.0.0.1',
    'server.port': server.port,
    'livedata.credential.kind': 'clientCredentials',
  });
  expect(first?.events.map((e) => e.name)).toEqual(['livedata.identity.retry']);
  expect(first?.events[0]?.attributes).toMatchObject({ 'http.response.status_code': 503 });
  expect(second?.events).toEqual([]);
  for (const span of otel.spans) {
    expect(span.ended).toBe(1);
    expect(span.status?.code ?? SpanStatusCode.UNSET).toBe(SpanStatusCode.UNSET);
  }

  const names = otel.instruments.map((i) => `${i.kind} ${i.name}`).sort();
  expect(names).toEqual([
    'counter livedata.api.unauthorized_retries',
    'counter livedata.token.lookups',
    'counter livedata.token.refreshes',
    'histogram livedata.identity.duration',
  ]);
  expect(otel.instruments.find((i) => i.kind === 'histogram')?.options?.unit).toBe('s');
  expect(
    otel.added('livedata.token.refreshes', {
      'livedata.refresh.outcome': 'success',
      'livedata.refresh.source': 'identity',
    }),
  ).toBe(2);
  expect(
    otel.added('livedata.token.lookups', { 'livedata.lookup.result': 'hit' }),
  ).toBeGreaterThanOrEqual(1);
  expect(otel.added('livedata.token.lookups', { 'livedata.lookup.result': 'miss' })).toBe(2);
  expect(otel.added('livedata.api.unauthorized_retries')).toBe(1);
  const durations =
    otel.instruments.find((i) => i.name === 'livedata.identity.duration')?.records ?? [];
  expect(durations).toHaveLength(2);
  for (const d of durations) {
    expect(d.value).toBeGreaterThanOrEqual(0);
    expect(d.value).toBeLessThan(60); // seconds, not ms
  }
}

describe('only the @opentelemetry/api surface is used', () => {
  it('passed providers written by hand see the spans and metrics of the design', async () => {
    const otel = minimalProviders();
    const server = await exercise(
      openTelemetryEvents({
        tracerProvider: otel.tracerProvider,
        meterProvider: otel.meterProvider,
      }),
    );
    expectDesignTelemetry(otel, server);
  });

  it('without options it uses the global providers, even ones registered after it was created', async () => {
    const listener = openTelemetryEvents();
    const otel = minimalProviders();
    expect(trace.setGlobalTracerProvider(otel.tracerProvider)).toBe(true);
    expect(metrics.setGlobalMeterProvider(otel.meterProvider)).toBe(true);
    const server = await exercise(listener);
    expectDesignTelemetry(otel, server);
  });

  it('with no provider anywhere it records nothing and breaks nothing', async () => {
    const server = await exercise(openTelemetryEvents());
    expect(server.count('identity')).toBe(3);
  });

  it('never throws, whatever it is given', () => {
    const otel = minimalProviders();
    const listener = openTelemetryEvents(otel);
    const odd = [
      { type: 'identity.succeeded' },
      { type: 'identity.failed', callId: 99 },
      { type: 'refresh.retry', callId: 99, attempt: 1, delayMs: 1, code: 'unavailable' },
      { type: 'refresh.failed' },
      {
        type: 'identity.started',
        callId: 1,
        method: 'POST',
        url: 'not a url',
        credentialKind: 'password',
      },
      { type: 'something.new' },
      null,
      undefined,
    ];
    for (const event of odd) expect(() => listener(event as never)).not.toThrow();
    expect(otel.unexpected).toEqual([]);
  });
});
