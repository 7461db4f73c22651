/**
 * Soak: a token manager driven across days of simulated time on a fake clock. Every
 * loop is bounded by a step count, so the test stops by itself.
 */
import { createTokenManager } from '@livedata/core';
import { DEMO_ORG_ID, demoCredentials, startMockServer } from '@livedata/mock-server';
import { describe, expect, it } from 'vitest';
import { createFakeLiveData } from './fake-live-data.js';
import { searchStatus } from './search-status.js';
import { seededRandom } from './seeded-random.js';

const credentials = {
  clientId: demoCredentials.clientId,
  clientSecret: demoCredentials.clientSecret,
};
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

const settle = async () => {
  for (let i = 0; i < 3; i += 1) await new Promise((resolve) => setImmediate(resolve));
};

/**
 * Waits until no refresh runs, so the clock never jumps in the middle of one (a jump between
 * the identity answer and the manager reading its clock would make a token look longer-lived
 * than the server made it: an artefact of the test's clock, not of the manager). Bounded by
 * real time, not by a count of event-loop turns: a refresh first derives the store key
 * (WebCrypto, off the event loop), which takes longer on a loaded machine.
 */
async function untilNoRefreshRuns(running: () => number): Promise<void> {
  const deadline = performance.now() + 30_000;
  while (running() > 0 && performance.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}

describe('soak on a fake clock (fake fetch)', () => {
  it('30 simulated days of 15-minute tokens: thousands of rotations, no expired token, no wasted identity call', async () => {
    const random = seededRandom(20261128);
    let clock = Date.UTC(2026, 0, 1);
    const ttlMs = 15 * MINUTE;
    const fake = createFakeLiveData(() => clock, ttlMs);
    let refreshesRunning = 0;
    const tokens = createTokenManager({
      baseUrl: fake.baseUrl,
      credentials,
      fetch: fake.fetch,
      now: () => clock,
      onEvent: (event) => {
        if (event.type === 'refresh.started') refreshesRunning += 1;
        if (event.type === 'refresh.succeeded' || event.type === 'refresh.failed') {
          refreshesRunning -= 1;
        }
      },
    });
    // Lets a background refresh finish before the clock moves (bounded: it answers at once).
    const settleRefresh = () => untilNoRefreshRuns(() => refreshesRunning);
    const end = clock + 30 * DAY;
    const maxSteps = 200_000;
    let steps = 0;
    let suspensions = 0;
    let failed = 0;
    try {
      while (clock < end && steps < maxSteps) {
        steps += 1;
        clock += 5_000 + Math.floor(random() * 55_000);
        if (random() < 0.002) {
          // The process was suspended (laptop lid, paused container) past the token's expiry.
          clock += 20 * MINUTE;
          suspensions += 1;
        }
        // Three concurrent callers: one API call, two token reads checked by the fake.
        const [res, a, b] = await Promise.all([
          tokens.fetch(`/people/v1/${DEMO_ORG_ID}/find`, { method: 'POST', body: '{}' }),
          tokens.getAccessToken(),
          tokens.getAccessToken(),
        ]);
        fake.observe(a);
        fake.observe(b);
        await res.arrayBuffer();
        if (res.status !== 200) failed += 1;
        await settleRefresh();
        expect(refreshesRunning).toBe(0);
      }
      // One more call so a token minted by the last background refresh is used too.
      await (
        await tokens.fetch(`/people/v1/${DEMO_ORG_ID}/find`, { method: 'POST' })
      ).arrayBuffer();
    } finally {
      await tokens.close();
    }
    const simulated = 30 * DAY;
    const { identityCalls, tokensUsed, expiredTokensSent, unknownTokensSent, apiCalls } =
      fake.tally;
    console.info(
      `[soak/fake] ${steps} steps, ${apiCalls} API calls, ${identityCalls} identity calls, ${tokensUsed.size} tokens used, ${suspensions} suspensions`,
    );
    expect(clock).toBeGreaterThanOrEqual(end);
    expect(failed).toBe(0);
    expect(expiredTokensSent).toBe(0);
    expect(unknownTokensSent).toBe(0);
    expect(identityCalls).toBeGreaterThan(3_000);
    // Every identity call minted a token that was then used (identity calls == rotations),
    // except a token minted just before a suspension outlived by it.
    expect(identityCalls - tokensUsed.size).toBeLessThanOrEqual(suspensions);
    // Refreshes start once a token is half used (soft window 5 min, jitter ≤ 10%), so one
    // rotation takes 10 to 10.5 minutes plus at most one 60 s step; a suspension costs one more.
    expect(identityCalls).toBeLessThanOrEqual(
      Math.ceil(simulated / (10 * MINUTE)) + suspensions + 1,
    );
    expect(identityCalls).toBeGreaterThanOrEqual(Math.floor(simulated / (11.5 * MINUTE)) - 1);
  });
});

describe('soak against the mock server (advanceTime)', () => {
  it('4 simulated hours of 60-second tokens over real HTTP: identity calls == tokens used, none expired', async () => {
    const random = seededRandom(42);
    const server = await startMockServer({ port: 0, tokenTtlSeconds: 60, peopleCount: 20 });
    let offset = 0;
    const now = () => Date.now() + offset;
    const inFlight = new Set<Promise<unknown>>();
    const sentTokens = new Set<string>();
    const observingFetch: typeof fetch = (input, init) => {
      const url = String(input instanceof Request ? input.url : input);
      if (!url.includes('/identity/')) {
        const auth = new Headers(init?.headers).get('authorization');
        if (auth) sentTokens.add(auth);
      }
      const promise = fetch(input, init);
      inFlight.add(promise);
      promise.then(
        () => inFlight.delete(promise),
        () => inFlight.delete(promise),
      );
      return promise;
    };
    let refreshesRunning = 0;
    const tokens = createTokenManager({
      baseUrl: server.url,
      credentials,
      fetch: observingFetch,
      now,
      onEvent: (event) => {
        if (event.type === 'refresh.started') refreshesRunning += 1;
        if (event.type === 'refresh.succeeded' || event.type === 'refresh.failed') {
          refreshesRunning -= 1;
        }
      },
    });
    const simulated = 4 * 60 * MINUTE;
    let steps = 0;
    let failed = 0;
    try {
      while (offset < simulated && steps < 5_000) {
        steps += 1;
        const step = 3_000 + Math.floor(random() * 9_000);
        offset += step;
        server.advanceTime(step);
        const statuses = await Promise.all([0, 1].map(() => searchStatus(tokens)));
        failed += statuses.filter((s) => s !== 200).length;
        await untilNoRefreshRuns(() => refreshesRunning);
        while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
        await settle();
      }
      await searchStatus(tokens);
    } finally {
      await tokens.close();
      await server.close();
    }
    const expired = server.requests.filter((r) => r.auth === 'expired').length;
    const identityCalls = server.count('identity');
    console.info(`[soak/mock] ${steps} steps, ${identityCalls} identity calls, ${expired} expired`);
    expect(offset).toBeGreaterThanOrEqual(simulated);
    expect(failed).toBe(0);
    expect(expired).toBe(0);
    expect(identityCalls).toBeGreaterThan(300);
    expect(sentTokens.size).toBe(identityCalls);
  });
});
