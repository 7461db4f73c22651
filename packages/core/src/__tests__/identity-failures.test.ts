import {
  demoCredentials,
  type Fault,
  type MockServer,
  startMockServer,
} from '@livedata/mock-server';
import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { LiveDataAuthError, TokenManager, type TokenManagerOptions } from '../index.js';
import { fakeClock, naiveUtc, rejection } from './web-fixtures.js';

const CLIENT = { clientId: demoCredentials.clientId, clientSecret: demoCredentials.clientSecret };
const DAY_MS = 24 * 3_600_000;

let api: MockServer;
beforeAll(async () => {
  api = await startMockServer({ port: 0 });
});
afterAll(async () => {
  await api.close();
});
beforeEach(() => {
  api.clearFaults();
  api.resetRequests();
});

function manager(options: Partial<TokenManagerOptions> = {}): TokenManager {
  return new TokenManager({
    credentials: CLIENT,
    baseUrl: api.url,
    retry: { baseDelayMs: 1, maxDelayMs: 5 },
    ...options,
  });
}

/** A 200 whose JSON body is built when the fault is injected (expiries relative to now). */
const ok200 = (body: () => Record<string, unknown>) => ({
  label: 'a 200 with an unusable token or expiry',
  fault: (): Fault => ({ kind: 'status', status: 200, body: JSON.stringify(body()) }),
});

/**
 * Identity answers that no retry can fix: every one must fail fast, typed, and start the
 * cooldown. (A 400/401/403 was the only one with a cooldown before.)
 */
const nonRetryableAnswer = fc.oneof(
  fc.constantFrom(300, 301, 302, 303, 307, 308).map((status) => ({
    label: `a redirect (${status})`,
    fault: (): Fault => ({ kind: 'status', status, body: '' }),
  })),
  fc.constantFrom(404, 405, 409, 410, 415, 418, 422, 451).map((status) => ({
    label: `HTTP ${status} (wrong base path)`,
    fault: (): Fault => ({ kind: 'status', status }),
  })),
  fc.constantFrom(400, 401, 403).map((status) => ({
    label: `rejected credentials (${status})`,
    fault: (): Fault => ({ kind: 'status', status }),
  })),
  fc.string({ maxLength: 40 }).map((text) => ({
    label: 'a 200 HTML page (captive portal)',
    fault: (): Fault => ({
      kind: 'status',
      status: 200,
      body: `<!doctype html><html><body><h1>Sign in to the Wi-Fi</h1>${text}</body></html>`,
    }),
  })),
  fc
    .constantFrom<() => Record<string, unknown>>(
      () => ({ accessToken: 'tok', expiresAt: 'soon' }),
      () => ({ accessToken: 'tok', expiresAt: naiveUtc(Date.now() - 60_000) }),
      () => ({ accessToken: 'tok', expires_in: -5 }),
      () => ({ accessToken: 'tok', expires_in: 'later' }),
      () => ({ accessToken: '' }),
      () => ({ access_token: 'has space' }),
    )
    .map(ok200),
  fc
    .double({ min: 0.000_001, max: 0.95, noNaN: true })
    .map((seconds) => ok200(() => ({ accessToken: 'tok', expires_in: seconds }))),
  fc
    .integer({ min: 0, max: 999 })
    .map((ms) => ok200(() => ({ accessToken: 'tok', expiresAt: naiveUtc(Date.now() + ms) }))),
);

describe('every non-retryable identity failure has a cooldown', () => {
  it('50 sequential callers within a second: one identity call, each a typed error', async () => {
    await fc.assert(
      fc.asyncProperty(nonRetryableAnswer, async ({ label, fault }) => {
        api.clearFaults();
        api.resetRequests();
        api.inject('identity', fault());
        const clock = fakeClock(Date.now());
        const tokens = manager({ now: clock.now });
        try {
          const errors: LiveDataAuthError[] = [];
          for (let i = 0; i < 50; i++) {
            errors.push(await rejection(tokens.getAccessToken()));
            clock.advance(20); // 50 callers over one second
          }
          expect(api.count('identity'), label).toBe(1);
          for (const error of errors) {
            expect(error.retryable, label).toBe(false);
            expect(['invalid_response', 'invalid_credentials'], label).toContain(error.code);
            expect(error.message).not.toMatch(/Wi-Fi|tok\b|has space/);
          }
          // The failure is not cached for good: after the cooldown the next caller tries again.
          api.clearFaults();
          clock.advance(5_000);
          expect(typeof (await tokens.getAccessToken())).toBe('string');
          expect(api.count('identity'), label).toBe(2);
        } finally {
          await tokens.close();
        }
      }),
      { numRuns: 40 },
    );
  });

  it('concurrent callers share the one failure too', async () => {
    api.inject('identity', { kind: 'status', status: 404 });
    const tokens = manager();
    const errors = await Promise.all(
      Array.from({ length: 50 }, () => rejection(tokens.getAccessToken())),
    );
    for (let i = 0; i < 50; i++) errors.push(await rejection(tokens.getAccessToken()));
    expect(api.count('identity')).toBe(1);
    expect(new Set(errors.map((e) => e.code))).toEqual(new Set(['invalid_response']));
    expect(errors[0]).toMatchObject({ status: 404, retryable: false });
    await tokens.close();
  });

  it('retryable failures keep their backoff instead (no cooldown for a 503)', async () => {
    api.inject('identity', { kind: 'status', status: 503 }, { times: 2 });
    const tokens = manager({ retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 2 } });
    expect((await rejection(tokens.getAccessToken())).code).toBe('unavailable');
    // The outage is over: the next caller (it waits out the short backoff) gets a token.
    expect(typeof (await tokens.getAccessToken())).toBe('string');
    await tokens.close();
  });

  it('invalidCredentialsCooldownMs: 0 turns the cooldown off for every failure', async () => {
    api.inject('identity', { kind: 'status', status: 404 });
    const tokens = manager({ invalidCredentialsCooldownMs: 0 });
    for (let i = 0; i < 3; i++) await rejection(tokens.getAccessToken());
    expect(api.count('identity')).toBe(3);
    await tokens.close();
  });
});

describe('lifetimes have bounds', () => {
  it('a lifetime below 1 s is unusable: invalid_response naming the minimum', async () => {
    api.inject('identity', {
      kind: 'status',
      status: 200,
      body: JSON.stringify({ accessToken: 'tok', expires_in: 0.005 }),
    });
    const tokens = manager();
    const error = await rejection(tokens.getAccessToken());
    expect(error).toMatchObject({ code: 'invalid_response', retryable: false, status: 200 });
    expect(error.message).toContain('1000 ms minimum');
    await tokens.close();
  });

  it('an expiry decades ahead is cached for 24 hours, then renewed', async () => {
    const farFuture = fc.constantFrom<() => Record<string, unknown>>(
      () => ({ expiresAt: '9999-12-31T23:59:59.999999' }),
      () => ({ expiresAt: 253_402_300_799 }), // epoch seconds, year 9999
      () => ({ expiresAt: 1e17 }), // epoch ms beyond what Date can represent
      () => ({ expires_in: 1e12 }),
      () => ({ expires_at: naiveUtc(Date.now() + 3 * DAY_MS) }),
    );
    await fc.assert(
      fc.asyncProperty(farFuture, async (expiry) => {
        api.clearFaults();
        api.resetRequests();
        api.inject(
          'identity',
          {
            kind: 'status',
            status: 200,
            body: JSON.stringify({ accessToken: 'long-lived-token', ...expiry() }),
          },
          { times: 1 },
        );
        const clock = fakeClock(Date.now());
        const tokens = manager({ now: clock.now });
        try {
          const token = await tokens.getToken();
          expect(token.accessToken).toBe('long-lived-token');
          expect(token.expiresAt - token.obtainedAt).toBe(DAY_MS);
          expect(new Date(token.expiresAt).toISOString()).toMatch(/^\d{4}-/);
          clock.advance(DAY_MS - 4 * 60_000); // soft window: still served, renewed behind
          expect(await tokens.getAccessToken()).toBe('long-lived-token');
          clock.advance(4 * 60_000); // a day later: a new token, whatever the answer claimed
          expect(await tokens.getAccessToken()).not.toBe('long-lived-token');
          expect(api.count('identity')).toBe(2);
        } finally {
          await tokens.close();
        }
      }),
      { numRuns: 10 },
    );
  });
});
