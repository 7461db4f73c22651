import { demoCredentials, type MockServer, startMockServer } from '@livedata/mock-server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TokenManager, type TokenManagerOptions } from '../index.js';
import { fakeClock, tick } from './web-fixtures.js';

// Identity outages across refresh cycles, over HTTP, on an injected clock. Math.random is
// pinned to 0.5 so every jittered wait is half its ceiling and the schedule is exact.

let api: MockServer | undefined;
const managers: TokenManager[] = [];

afterEach(async () => {
  vi.restoreAllMocks();
  await Promise.all(managers.splice(0).map((m) => m.close()));
  await api?.close();
  api = undefined;
});

interface Cycle {
  at: number;
  background: boolean;
}

async function setup(options: Partial<TokenManagerOptions> = {}) {
  vi.spyOn(Math, 'random').mockReturnValue(0.5);
  const server = await startMockServer({ tokenTtlSeconds: 3_600 });
  api = server;
  const clock = fakeClock(Date.now());
  const cycles: Cycle[] = [];
  let running = 0;
  const warnings: Record<string, unknown>[] = [];
  const tokens = new TokenManager({
    credentials: { clientId: demoCredentials.clientId, clientSecret: demoCredentials.clientSecret },
    baseUrl: server.url,
    now: clock.now,
    onEvent: (e) => {
      if (e.type === 'refresh.started') {
        cycles.push({ at: clock.now(), background: e.background });
        running += 1;
      }
      if (e.type === 'refresh.succeeded' || e.type === 'refresh.failed') running -= 1;
    },
    logger: {
      warn: (_m: string, context?: Record<string, unknown>) => warnings.push(context ?? {}),
    },
    ...options,
  });
  managers.push(tokens);
  // Lets every refresh started so far finish (the fake clock stands still meanwhile).
  const idle = async () => {
    while (running > 0) await tick(5);
  };
  return { server, clock, tokens, cycles, idle, warnings };
}

describe('backoff across refresh cycles (mock server, injected clock)', () => {
  it('an outage in the soft window: the schedule keeps growing, the cached token is served throughout', async () => {
    const { server, clock, tokens, cycles, idle } = await setup();
    const first = await tokens.getAccessToken();
    // 1 h token: soft window in its last ~5 min. Enter it, then take identity down.
    clock.advance(3_600_000 - 240_000);
    server.inject('identity', { kind: 'status', status: 503 });
    server.resetRequests();
    cycles.length = 0;
    let failed = 0;
    // Callers every 50 ms for 60 s.
    for (let t = 0; t < 60_000; t += 50) {
      const token = await tokens.getAccessToken().catch(() => {
        failed += 1;
      });
      expect(token).toBe(first);
      await idle();
      clock.advance(50);
    }
    expect(failed).toBe(0);
    // Cycle starts relative to the first: the first cycle makes 4 attempts; then one
    // attempt per cycle after 1, 2, 4 s (half of 2, 4, 8 s) and 5 s (half of the 10 s cap).
    const starts = cycles.map((c) => c.at - (cycles[0]?.at ?? 0));
    expect(starts).toEqual([
      0, 1_000, 3_000, 7_000, 12_000, 17_000, 22_000, 27_000, 32_000, 37_000, 42_000, 47_000,
      52_000, 57_000,
    ]);
    expect(cycles.every((c) => c.background)).toBe(true);
    // 4 + 13 = 17 identity calls in 60 s; restarting the schedule per caller made ~4 a second.
    expect(server.count('identity')).toBe(17);
  });

  it('into the hard window: a cycle when it starts, then the valid token at once between cycles', async () => {
    const { server, clock, tokens, cycles, idle } = await setup();
    const { accessToken: first, expiresAt } = await tokens.getToken();
    // 40 s before expiry: soft window; the hard window (last 30 s) starts 10 s from here.
    clock.t = expiresAt - 40_000;
    server.inject('identity', { kind: 'status', status: 503 });
    server.resetRequests();
    cycles.length = 0;
    for (let t = 0; t <= 20_000; t += 50) {
      expect(await tokens.getAccessToken()).toBe(first);
      await idle();
      clock.advance(50);
    }
    // Background at 0, 1, 3, 7 s; the next (due at 12 s) is pulled in to the hard window's
    // start, where callers wait for a whole cycle (and get the valid token when it fails);
    // then the cached token is served at once until the next delay has passed.
    expect(cycles.map((c) => c.at - (cycles[0]?.at ?? 0))).toEqual([
      0, 1_000, 3_000, 7_000, 10_000, 15_000, 20_000,
    ]);
    expect(cycles.map((c) => c.background)).toEqual([true, true, true, true, false, false, false]);
    expect(server.count('identity')).toBe(4 + 3 + 4 + 4 + 4);
  });

  it('recovers at the next cycle after the outage ends, and the schedule starts over', async () => {
    const { server, clock, tokens, cycles, idle } = await setup();
    const first = await tokens.getAccessToken();
    clock.advance(3_600_000 - 240_000);
    server.inject('identity', { kind: 'status', status: 503 });
    cycles.length = 0;
    for (let t = 0; t < 8_000; t += 50) {
      await tokens.getAccessToken();
      await idle();
      clock.advance(50);
    }
    expect(cycles.length).toBe(4); // at 0, 1, 3 and 7 s; the next is due at 12 s
    server.clearFaults();
    server.resetRequests();
    // Outage over: callers still get the cached token until the pending delay has passed.
    expect(await tokens.getAccessToken()).toBe(first);
    await idle();
    expect(server.count('identity')).toBe(0);
    clock.advance(4_000); // 12 s
    expect(await tokens.getAccessToken()).toBe(first); // served at once, refreshed behind it
    await idle();
    expect(server.count('identity')).toBe(1);
    const second = await tokens.getAccessToken();
    expect(second).not.toBe(first);
    // Next outage in the next soft window: first cycle whole, next one 1 s later again.
    clock.advance(3_600_000 - 240_000);
    server.inject('identity', { kind: 'status', status: 503 });
    server.resetRequests();
    cycles.length = 0;
    for (let t = 0; t < 2_000; t += 50) {
      expect(await tokens.getAccessToken()).toBe(second);
      await idle();
      clock.advance(50);
    }
    expect(cycles.map((c) => c.at - (cycles[0]?.at ?? 0))).toEqual([0, 1_000]);
    expect(server.count('identity')).toBe(5);
  });

  it('honours Retry-After from the last failure between cycles', async () => {
    const { server, clock, tokens, cycles, idle, warnings } = await setup({
      retry: { maxAttempts: 1 },
    });
    await tokens.getAccessToken();
    clock.advance(3_600_000 - 240_000);
    server.inject('identity', { kind: 'status', status: 503, retryAfter: 3 });
    cycles.length = 0;
    for (let t = 0; t < 10_000; t += 50) {
      await tokens.getAccessToken();
      await idle();
      clock.advance(50);
    }
    // Backoff alone would wait 125, 250, 500 ms: Retry-After: 3 holds every cycle 3 s apart.
    expect(cycles.map((c) => c.at - (cycles[0]?.at ?? 0))).toEqual([0, 3_000, 6_000, 9_000]);
    expect(warnings.map((w) => w.nextCycleInMs)).toEqual([3_000, 3_000, 3_000, 3_000]);
  });

  it('with no usable token a caller waits out the backoff, then gets a fresh attempt (never a cached failure)', async () => {
    const { server, tokens, warnings } = await setup({
      retry: { maxAttempts: 2, baseDelayMs: 100, maxDelayMs: 500 },
    });
    server.inject('identity', { kind: 'status', status: 503 });
    for (let i = 1; i <= 4; i += 1) {
      await expect(tokens.getAccessToken()).rejects.toMatchObject({ code: 'unavailable' });
      expect(server.count('identity')).toBe(2 * i);
    }
    // Each caller's cycle started only after the previous delay: 100, 200, 250 (cap/2), 250 ms.
    expect(warnings.map((w) => w.nextCycleInMs)).toEqual([100, 200, 250, 250]);
    server.clearFaults();
    expect(typeof (await tokens.getAccessToken())).toBe('string');
  });

  it('forceRefresh skips the backoff', async () => {
    const { server, clock, tokens, idle } = await setup();
    const first = await tokens.getAccessToken();
    clock.advance(3_600_000 - 240_000);
    server.inject('identity', { kind: 'status', status: 503 });
    expect(await tokens.getAccessToken()).toBe(first);
    await idle();
    server.clearFaults();
    server.resetRequests();
    expect(await tokens.getAccessToken()).toBe(first); // inside the backoff: no cycle
    await idle();
    expect(server.count('identity')).toBe(0);
    expect(await tokens.getAccessToken({ forceRefresh: true })).not.toBe(first);
    expect(server.count('identity')).toBe(1);
  });
});
