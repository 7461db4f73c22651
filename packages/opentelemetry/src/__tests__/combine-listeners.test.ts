import { createTokenManager, type TokenEvent } from '@livedata/core';
import { demoCredentials, startMockServer } from '@livedata/mock-server';
import { describe, expect, it } from 'vitest';
import { combineListeners, openTelemetryEvents } from '../index.js';
import { sdkTelemetry } from './sdk-fixtures.js';

describe('combineListeners', () => {
  it('calls every listener in order with the same event, skipping undefined ones', () => {
    const calls: string[] = [];
    const event = { type: 'cache.hit', expiresAt: 1 } as const;
    const combined = combineListeners<TokenEvent>(
      (e) => calls.push(`a:${e.type}`),
      undefined,
      null,
      (e) => calls.push(`b:${e.type}`),
    );
    combined(event);
    expect(calls).toEqual(['a:cache.hit', 'b:cache.hit']);
  });

  it('a listener that throws does not keep the event from the ones after it, nor throw', () => {
    const seen: string[] = [];
    const combined = combineListeners<{ type: string }>(
      () => {
        throw new Error('listener bug');
      },
      (e) => seen.push(e.type),
    );
    expect(() => combined({ type: 'refresh.started' })).not.toThrow();
    expect(seen).toEqual(['refresh.started']);
  });

  it('with nothing to call it is a no-op listener', () => {
    expect(() => combineListeners()({ type: 'x' })).not.toThrow();
  });

  it('a manager feeds OpenTelemetry and the user’s own listener at once', async () => {
    const api = await startMockServer();
    const otel = sdkTelemetry();
    const mine: TokenEvent[] = [];
    const tokens = createTokenManager({
      credentials: {
        clientId: demoCredentials.clientId,
        clientSecret: demoCredentials.clientSecret,
      },
      baseUrl: api.url,
      onEvent: combineListeners(openTelemetryEvents(otel), (event: TokenEvent) => mine.push(event)),
    });
    try {
      await tokens.getAccessToken();
      expect(mine.map((e) => e.type)).toEqual([
        'cache.miss',
        'refresh.started',
        'identity.started',
        'identity.succeeded',
        'refresh.succeeded',
      ]);
      expect(otel.spansNamed('livedata.identity.session')).toHaveLength(1);
    } finally {
      await tokens.close();
      await api.close();
      await otel.shutdown();
    }
  });
});
