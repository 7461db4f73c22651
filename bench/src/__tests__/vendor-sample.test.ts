import { demoCredentials, type MockServer, startMockServer } from '@livedata/mock-server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseNaiveUtc } from '../peers/live-data-login.js';
import { VendorSampleAuth } from '../peers/vendor-sample.js';

const credentials = {
  clientId: demoCredentials.clientId,
  clientSecret: demoCredentials.clientSecret,
};

describe('parseNaiveUtc', () => {
  it('reads the identity endpoint expiry as UTC, with microseconds', () => {
    expect(parseNaiveUtc('2021-11-19T23:36:09.092720')).toBe(Date.UTC(2021, 10, 19, 23, 36, 9, 92));
    expect(parseNaiveUtc('2021-11-19T23:36:09Z')).toBe(Date.UTC(2021, 10, 19, 23, 36, 9));
    expect(() => parseNaiveUtc('soon')).toThrow(/expiresAt/);
  });
});

describe('VendorSampleAuth (port of the vendor sample)', () => {
  let server: MockServer;
  beforeEach(async () => {
    server = await startMockServer({ port: 0, tokenTtlSeconds: 120 });
  });
  afterEach(async () => {
    await server.close();
  });

  it('signs in once for concurrent callers (the busy-wait flag)', async () => {
    server.inject('identity', { kind: 'latency', ms: 50 });
    const auth = new VendorSampleAuth({ baseUrl: server.url, credentials, pollMs: 5 });
    const tokens = await Promise.all(Array.from({ length: 20 }, () => auth.getToken()));
    expect(new Set(tokens).size).toBe(1);
    expect(server.count('identity')).toBe(1);
  });

  it('signs in again once the token is within 25 s of expiry, not before', async () => {
    let now = Date.now();
    const auth = new VendorSampleAuth({ baseUrl: server.url, credentials, now: () => now });
    const first = await auth.getToken();
    now += 90_000; // 30 s left: still outside the margin
    expect(await auth.getToken()).toBe(first);
    now += 6_000; // 24 s left: inside the margin
    await auth.getToken();
    expect(server.count('identity')).toBe(2);
  });

  it("signs in on every call when the token lives less than 25 s (the sample's flaw)", async () => {
    server.setTokenTtl(20);
    const auth = new VendorSampleAuth({ baseUrl: server.url, credentials });
    for (let i = 0; i < 3; i += 1) await auth.getToken();
    expect(server.count('identity')).toBe(3);
  });

  it('lets waiting callers go on after a failed sign-in', async () => {
    server.script('identity', [{ kind: 'status', status: 503 }]);
    const auth = new VendorSampleAuth({ baseUrl: server.url, credentials, pollMs: 5 });
    await expect(auth.getToken()).rejects.toThrow(/503/);
    expect(typeof (await auth.getToken())).toBe('string');
  });
});
