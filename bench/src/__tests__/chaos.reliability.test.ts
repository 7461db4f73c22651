/**
 * Chaos: a seeded schedule of the mock server's faults (latency spikes past the request
 * timeout, 5xx bursts, 429 storms with and without Retry-After, connection resets, hangs,
 * malformed bodies) on the identity endpoint, plus some on the API itself, while callers
 * keep working through `tokens.fetch` and `@livedata/axios` and the server clock moves
 * across many token lifetimes. The step count bounds the run.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLiveDataAxios } from '@livedata/axios';
import { createTokenManager, LiveDataAuthError, type TokenEvent } from '@livedata/core';
import {
  demoCredentials,
  type Fault,
  type MockServer,
  startMockServer,
} from '@livedata/mock-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEARCH_BODY, SEARCH_PATH, searchStatus } from './search-status.js';
import { seededRandom } from './seeded-random.js';

const credentials = {
  clientId: demoCredentials.clientId,
  clientSecret: demoCredentials.clientSecret,
};
const retry = { maxAttempts: 4, baseDelayMs: 5, maxDelayMs: 40 };

/** The identity faults the schedule draws from, with how many requests each affects. */
const identityFaults: { name: string; fault: Fault; times: [number, number] }[] = [
  { name: 'latency spike', fault: { kind: 'latency', ms: 400 }, times: [1, 3] },
  { name: '500 burst', fault: { kind: 'status', status: 500 }, times: [1, 6] },
  {
    name: '502 burst',
    fault: { kind: 'status', status: 502, body: '<html>bad gateway</html>' },
    times: [1, 6],
  },
  { name: '503 burst', fault: { kind: 'status', status: 503 }, times: [1, 6] },
  {
    name: '429 storm with Retry-After',
    fault: { kind: 'status', status: 429, retryAfter: 1 },
    times: [2, 8],
  },
  { name: '429 storm without Retry-After', fault: { kind: 'status', status: 429 }, times: [2, 8] },
  { name: 'connection reset', fault: { kind: 'reset' }, times: [1, 4] },
  { name: 'hang', fault: { kind: 'hang' }, times: [1, 2] },
  { name: 'malformed body', fault: { kind: 'malformed' }, times: [1, 3] },
  {
    name: 'malformed JSON shape',
    fault: { kind: 'malformed', body: '{"accessToken":42}' },
    times: [1, 2],
  },
];

/** API-side faults: these reach the caller as an answer or a network error, never a token problem. */
const apiFaults: { name: string; fault: Fault }[] = [
  { name: 'API 503', fault: { kind: 'status', status: 503 } },
  { name: 'API reset', fault: { kind: 'reset' } },
  { name: 'API 429', fault: { kind: 'status', status: 429, retryAfter: 1 } },
];

describe('chaos schedule over the mock server', () => {
  let server: MockServer;
  let foreign: Server;
  let foreignUrl: string;
  const foreignHeaders: IncomingHttpHeaders[] = [];
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);

  beforeAll(async () => {
    process.on('unhandledRejection', onUnhandled);
    server = await startMockServer({ port: 0, tokenTtlSeconds: 30, peopleCount: 20 });
    foreign = createServer((req, res) => {
      foreignHeaders.push(req.headers);
      res.end('{}');
    });
    await new Promise<void>((resolve) => foreign.listen(0, '127.0.0.1', resolve));
    foreignUrl = `http://127.0.0.1:${(foreign.address() as AddressInfo).port}/api${SEARCH_PATH}`;
  });

  afterAll(async () => {
    process.off('unhandledRejection', onUnhandled);
    await server.close();
    await new Promise<void>((resolve) => foreign.close(() => resolve()));
  });

  it('keeps every invariant through 400 steps of faults across ~60 token lifetimes', async () => {
    const random = seededRandom(9);
    const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)] as T;
    let offset = 0;
    const events: TokenEvent[] = [];
    const tokens = createTokenManager({
      baseUrl: server.url,
      credentials,
      now: () => Date.now() + offset,
      requestTimeoutMs: 250,
      retry,
      onEvent: (event) => events.push(event),
    });
    const api = createLiveDataAxios(tokens);
    const callerErrors: unknown[] = [];
    const faultsUsed = new Map<string, number>();
    let answered = 0;
    const steps = 400;
    try {
      for (let step = 0; step < steps; step += 1) {
        const advance = 1_000 + Math.floor(random() * 7_000);
        offset += advance;
        server.advanceTime(advance);
        if (random() < 0.35) {
          const chosen = pick(identityFaults);
          const [min, max] = chosen.times;
          server.inject('identity', chosen.fault, {
            times: min + Math.floor(random() * (max - min + 1)),
          });
          faultsUsed.set(chosen.name, (faultsUsed.get(chosen.name) ?? 0) + 1);
        }
        if (random() < 0.05) {
          const chosen = pick(apiFaults);
          server.inject('people.searchPreview', chosen.fault, { times: 1 });
          faultsUsed.set(chosen.name, (faultsUsed.get(chosen.name) ?? 0) + 1);
        }
        const calls: Promise<unknown>[] = [
          ...[0, 1, 2].map(() =>
            searchStatus(tokens).then(() => {
              answered += 1;
            }),
          ),
          ...[0, 1].map(() =>
            api
              .post(SEARCH_PATH, SEARCH_BODY, { headers: { 'content-type': 'application/json' } })
              .then(() => {
                answered += 1;
              }),
          ),
        ];
        if (step % 20 === 0) {
          // Off-origin attempts: refused by tokens.fetch, sent bare by the Axios instance.
          calls.push(tokens.fetch(foreignUrl));
          calls.push(api.get(foreignUrl));
        }
        for (const result of await Promise.allSettled(calls)) {
          if (result.status === 'rejected') callerErrors.push(result.reason);
        }
        // Let a background refresh (and its backoff) finish before the clock moves again.
        for (let i = 0; i < 200; i += 1) {
          const started = events.filter((e) => e.type === 'refresh.started').length;
          const ended = events.filter(
            (e) => e.type === 'refresh.succeeded' || e.type === 'refresh.failed',
          ).length;
          if (started === ended) break;
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
      }
      server.clearFaults();
      // Past the cooldown a last malformed answer (not retryable) may have started.
      offset += 5_000;
      server.advanceTime(5_000);
      // Recovery: after the chaos, a plain call works.
      expect(await searchStatus(tokens)).toBe(200);
    } finally {
      await tokens.close();
    }
    await new Promise((resolve) => setTimeout(resolve, 50));

    const identityCalls = server.count('identity');
    const expired = server.requests.filter((r) => r.route !== 'identity' && r.auth === 'expired');
    const refreshCycles = events.filter((e) => e.type === 'refresh.started').length;
    const retries = events.filter((e) => e.type === 'refresh.retry') as Extract<
      TokenEvent,
      { type: 'refresh.retry' }
    >[];
    const authErrors = callerErrors.filter((e) => e instanceof LiveDataAuthError);
    const summary = {
      steps,
      simulatedMinutes: Math.round(offset / 60_000),
      identityCalls,
      refreshCycles,
      retries: retries.length,
      answered,
      callerErrors: callerErrors.length,
      authErrorCodes: [...new Set(authErrors.map((e) => (e as LiveDataAuthError).code))],
      faultsUsed: Object.fromEntries(faultsUsed),
      expiredTokensSent: expired.length,
      foreignRequests: foreignHeaders.length,
    };
    console.info(`[chaos] ${JSON.stringify(summary)}`);

    // No unhandled rejection, from callers or from background refreshes.
    expect(unhandled).toEqual([]);
    // No expired token reached the API (see expiry-edge.reliability.test.ts for the cause
    // this found: a token served after a failed refresh in its last second).
    expect(expired.length, 'API requests that carried an expired token').toBe(0);
    // No token off-origin: the foreign server was reached (by Axios), never with a credential.
    expect(foreignHeaders.length).toBeGreaterThan(0);
    expect(foreignHeaders.filter((h) => h.authorization !== undefined)).toEqual([]);
    // Identity calls bounded by the backoff schedule: at most maxAttempts per refresh cycle,
    // and every wait within the policy's cap.
    expect(identityCalls).toBeLessThanOrEqual(refreshCycles * retry.maxAttempts);
    for (const r of retries) expect(r.delayMs).toBeLessThanOrEqual(retry.maxDelayMs);
    // Nothing secret in any error a caller saw.
    for (const error of callerErrors) {
      const text = `${String(error)} ${JSON.stringify(error)} ${(error as Error).stack ?? ''}`;
      expect(text).not.toContain(demoCredentials.clientSecret);
      expect(text).not.toMatch(/Bearer [A-Za-z0-9._-]{10,}/);
    }
    // The schedule really exercised the faults and the callers really worked.
    expect(faultsUsed.size).toBeGreaterThanOrEqual(identityFaults.length - 1);
    expect(answered).toBeGreaterThan(steps * 3);
  });

  it('does not hammer the identity endpoint when it rejects the credentials (401 loop of callers)', async () => {
    server.clearFaults();
    server.resetRequests();
    server.inject('identity', { kind: 'status', status: 401 });
    const cooldownMs = 200;
    const tokens = createTokenManager({
      baseUrl: server.url,
      credentials,
      invalidCredentialsCooldownMs: cooldownMs,
      retry,
    });
    const codes = new Set<string>();
    const started = Date.now();
    try {
      // 50 rounds of 10 concurrent callers, 20 ms apart: about one second of pressure.
      for (let round = 0; round < 50; round += 1) {
        const results = await Promise.allSettled(
          Array.from({ length: 10 }, () => tokens.getAccessToken()),
        );
        for (const r of results) {
          expect(r.status).toBe('rejected');
          if (r.status === 'rejected') codes.add((r.reason as LiveDataAuthError).code);
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    } finally {
      await tokens.close();
      server.clearFaults();
    }
    const elapsed = Date.now() - started;
    const identityCalls = server.count('identity');
    console.info(`[chaos/401] ${identityCalls} identity calls in ${elapsed} ms from 500 callers`);
    expect([...codes]).toEqual(['invalid_credentials']);
    // No retries of a 401, and at most one identity call per cooldown period.
    expect(identityCalls).toBeGreaterThanOrEqual(1);
    expect(identityCalls).toBeLessThanOrEqual(Math.ceil(elapsed / cooldownMs) + 1);
  });

  it('turns a storm of 401s after a revocation into one refresh (tokens.fetch and Axios)', async () => {
    server.clearFaults();
    const tokens = createTokenManager({ baseUrl: server.url, credentials, retry });
    const api = createLiveDataAxios(tokens);
    const statuses: number[] = [];
    let identityCalls = 0;
    try {
      await tokens.getAccessToken();
      server.revokeAllTokens();
      server.resetRequests();
      const results = await Promise.allSettled([
        ...Array.from({ length: 25 }, () => searchStatus(tokens)),
        ...Array.from({ length: 25 }, async () => {
          const res = await api.post(SEARCH_PATH, SEARCH_BODY, {
            headers: { 'content-type': 'application/json' },
          });
          return res.status;
        }),
      ]);
      for (const r of results) statuses.push(r.status === 'fulfilled' ? r.value : -1);
      identityCalls = server.count('identity');
    } finally {
      await tokens.close();
    }
    console.info(`[chaos/revoked] ${identityCalls} identity calls for 50 concurrent 401s`);
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    expect(identityCalls).toBe(1);
  });

  it('keeps backing off across refresh cycles while the identity endpoint stays down', async () => {
    server.clearFaults();
    server.resetRequests();
    server.setTokenTtl(20);
    let offset = 0;
    const tokens = createTokenManager({
      baseUrl: server.url,
      credentials,
      now: () => Date.now() + offset,
      // The defaults: 4 attempts, 250 ms base, 10 s cap.
    });
    let identityCalls = 0;
    let failedCalls = 0;
    try {
      await tokens.getAccessToken();
      // 11 s into a 20 s token: inside the soft window (≤ 10 s left), far from the hard one.
      offset += 11_000;
      server.advanceTime(11_000);
      server.inject('identity', { kind: 'status', status: 503 });
      server.resetRequests();
      // Callers every 50 ms for 4 s of real time; the cached token stays valid throughout.
      for (let i = 0; i < 80; i += 1) {
        await tokens.getAccessToken().catch(() => {
          failedCalls += 1;
        });
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      identityCalls = server.count('identity');
    } finally {
      await tokens.close();
      server.clearFaults();
      server.setTokenTtl(30);
    }
    console.info(
      `[chaos/outage] ${identityCalls} identity calls in a 4 s outage, callers every 50 ms`,
    );
    expect(failedCalls).toBe(0);
    // An exponential schedule (250 ms base, full jitter) that keeps growing across cycles
    // fits about 6 attempts in 4 s; 10 leaves room for jitter. Restarting the schedule for
    // every new caller after a failed cycle makes about 4 per second.
    expect(identityCalls).toBeLessThanOrEqual(10);
  });
});
