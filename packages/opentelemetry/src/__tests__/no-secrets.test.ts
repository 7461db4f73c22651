import { inspect } from 'node:util';
import { createTokenManager, type TokenManager, type TokenManagerOptions } from '@livedata/core';
import { DEMO_ORG_ID, demoCredentials, startMockServer } from '@livedata/mock-server';
import { describe, expect, it, vi } from 'vitest';
import { openTelemetryEvents } from '../index.js';
import { fakeClock, sdkTelemetry } from './sdk-fixtures.js';

const WRONG_SECRET = 'wrong-secret-never-recorded-5d21';

/** Every way a recorded value can be printed, so a secret hidden anywhere in it shows. */
function printed(value: unknown): string {
  return [
    JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? String(v) : v)),
    inspect(value, { showHidden: true, depth: Number.POSITIVE_INFINITY }),
    String(value),
  ].join('\n');
}

describe('nothing recorded carries a secret or a token', () => {
  it('span names, attributes, events, statuses and every metric, after every scenario', async () => {
    const api = await startMockServer({ tokenTtlSeconds: 600 });
    const otel = sdkTelemetry();
    const clock = fakeClock();
    const minted: string[] = [];
    // Reads every token the identity endpoint hands out, before the manager sees it.
    const recordingFetch: typeof fetch = async (input, init) => {
      const res = await fetch(input, init);
      if (String(input).endsWith('/identity/v1/session') && res.ok) {
        const body = (await res.clone().json()) as Record<string, unknown>;
        minted.push(String(body.accessToken ?? body.access_token));
      }
      return res;
    };
    const onEvent = openTelemetryEvents(otel);
    const managers: TokenManager[] = [];
    const manager = (options: Partial<TokenManagerOptions>) => {
      const m = createTokenManager({
        credentials: {
          clientId: demoCredentials.clientId,
          clientSecret: demoCredentials.clientSecret,
        },
        baseUrl: api.url,
        fetch: recordingFetch,
        retry: { baseDelayMs: 1, maxDelayMs: 5 },
        onEvent,
        ...options,
      });
      managers.push(m);
      return m;
    };
    const search = (m: TokenManager) =>
      m.fetch(`/people/v1/${DEMO_ORG_ID}/search`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ size: 1 }),
      });

    try {
      // Cold start, hits, a retried 503, a soft-window refresh, a 401 from the API.
      const service = manager({ now: clock.now });
      api.inject('identity', { kind: 'status', status: 503 }, { times: 1 });
      await service.getAccessToken();
      await service.getAccessToken();
      clock.advance(500_000);
      await service.getAccessToken();
      await vi.waitFor(() => expect(otel.spansNamed('livedata.identity.session')).toHaveLength(2));
      api.revokeAllTokens();
      expect((await search(service)).status).toBe(200);
      // The password grant, then a 401 from identity, then an outage.
      const user = manager({
        credentials: { username: demoCredentials.username, password: demoCredentials.password },
      });
      await user.getAccessToken();
      const wrong = manager({
        credentials: { clientId: demoCredentials.clientId, clientSecret: WRONG_SECRET },
      });
      await expect(wrong.getAccessToken()).rejects.toThrow();
      const down = manager({ retry: { maxAttempts: 2, baseDelayMs: 1 } });
      api.inject('identity', { kind: 'reset' }, { times: 2 });
      await expect(down.getAccessToken()).rejects.toThrow();
      // An API key is its own token.
      const keyed = manager({ credentials: { apiKey: demoCredentials.apiKey } });
      expect((await search(keyed)).status).toBe(200);

      expect(minted.length).toBeGreaterThanOrEqual(4);
      const secrets = [
        demoCredentials.clientSecret,
        demoCredentials.password,
        demoCredentials.apiKey,
        WRONG_SECRET,
        ...minted,
        // A token cut short (a prefix in a message, say) is a leak too.
        ...minted.map((t) => t.slice(0, 16)),
      ];

      const spans = otel.spans();
      expect(spans.length).toBeGreaterThanOrEqual(5);
      const recorded = [
        ...spans.map((s) => ({
          name: s.name,
          attributes: s.attributes,
          events: s.events,
          status: s.status,
          links: s.links,
          resource: s.resource.attributes,
        })),
        await otel.collect(),
      ];
      const text = [
        ...recorded.map(printed),
        // The SDK's own span objects hold cycles: util.inspect only.
        ...spans.map((s) => inspect(s, { showHidden: true, depth: 6 })),
      ].join('\n');
      // The scan reads what it should: the names and values are in the text.
      expect(text).toContain('livedata.identity.session');
      expect(text).toContain('livedata.token.lookups');
      expect(text).toContain('invalid_credentials');
      for (const secret of secrets) expect(text).not.toContain(secret);
    } finally {
      await Promise.all(managers.map((m) => m.close()));
      await api.close();
      await otel.shutdown();
    }
  });
});
