/**
 * The edge the chaos schedule found: the identity endpoint's `Date` header has a
 * resolution of one second, so a lifetime measured against it can be up to 999 ms too
 * long. If a refresh then fails in the token's last second, the manager must not keep
 * serving a token the server already considers expired. Deterministic: the server clock
 * is aligned so the token is minted 900 ms into a second.
 */
import { createTokenManager } from '@livedata/core';
import { DEMO_ORG_ID, demoCredentials, startMockServer } from '@livedata/mock-server';
import { describe, expect, it } from 'vitest';

const credentials = {
  clientId: demoCredentials.clientId,
  clientSecret: demoCredentials.clientSecret,
};
const PATH = `/people/v1/${DEMO_ORG_ID}/search/preview`;

describe('expiry edge: a failed refresh in the last second of a token', () => {
  it('never sends a token past the server-side expiry, whatever the Date header rounding', async () => {
    const server = await startMockServer({ port: 0, tokenTtlSeconds: 30, peopleCount: 20 });
    let offset = 0;
    const move = (ms: number) => {
      offset += ms;
      server.advanceTime(ms);
    };
    const tokens = createTokenManager({
      baseUrl: server.url,
      credentials,
      now: () => Date.now() + offset,
      retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 5 },
    });
    try {
      // Align the shared clock so the token is minted ~900 ms into a second: the Date
      // header then reads ~900 ms earlier than the moment the lifetime started.
      move((900 - ((Date.now() + offset) % 1000) + 1000) % 1000);
      await tokens.getAccessToken();
      // 29.7 s later the server considers the token expired 300 ms from now; the manager,
      // which measured 30.9 s of lifetime, thinks 1.2 s remain (inside its hard window).
      move(29_700);
      server.inject('identity', { kind: 'status', status: 503 });
      move(400); // now 100 ms past the server-side expiry
      const res = await tokens
        .fetch(PATH, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{}',
        })
        .catch((error: unknown) => error);
      if (res instanceof Response) await res.arrayBuffer();
    } finally {
      await tokens.close();
      await server.close();
    }
    const expired = server.requests.filter((r) => r.route !== 'identity' && r.auth === 'expired');
    expect(
      expired.length,
      'API requests that carried an expired token (lifetime measured against a 1-second Date header)',
    ).toBe(0);
  });
});
