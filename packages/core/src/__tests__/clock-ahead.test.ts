import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LIFETIME_MS } from '../expiry.js';
import { type LiveDataLogger, TokenManager } from '../index.js';
import { CLIENT, eventLog, fakeClock, naiveUtc, tick } from './web-fixtures.js';

/**
 * An identity endpoint that sends no `Date` header (some proxies strip it), so the manager
 * can only measure an absolute expiry against its own clock.
 */
const idp = {
  calls: 0,
  lifetimeMs: 15 * 60_000,
  form: 'naive' as 'naive' | 'epoch-s' | 'epoch-ms',
};
let server: Server;
let baseUrl: string;
beforeAll(async () => {
  server = createServer((req, res) => {
    res.sendDate = false;
    req.resume();
    idp.calls++;
    const expiresAtMs = Date.now() + idp.lifetimeMs;
    const expiresAt =
      idp.form === 'naive'
        ? naiveUtc(expiresAtMs)
        : idp.form === 'epoch-s'
          ? Math.floor(expiresAtMs / 1000)
          : expiresAtMs;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ accessToken: `fresh-${idp.calls}`, expiresAt }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

function capturingLogger() {
  const warnings: string[] = [];
  const logger: LiveDataLogger = {
    debug: () => {},
    info: () => {},
    warn: (message: string) => warnings.push(message),
    error: () => {},
  };
  return { logger, warnings };
}

describe('no Date header and a local clock ahead of the server', () => {
  it('serves the fresh token, estimates a safe lifetime, warns once, renews on time', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 60, max: 7_200 }).map((s) => s * 1000), // the server's token life
        // How far past that life the local clock is; at least 1 s, so the few ms between
        // setting the clock and the answer cannot bring the expiry back into the future.
        fc.integer({ min: 1_000, max: 30 * 86_400_000 }),
        fc.constantFrom('naive', 'epoch-s', 'epoch-ms') as fc.Arbitrary<typeof idp.form>,
        async (lifetimeMs, beyondMs, form) => {
          idp.calls = 0;
          idp.lifetimeMs = lifetimeMs;
          idp.form = form;
          const clock = fakeClock(Date.now() + lifetimeMs + beyondMs);
          const { logger, warnings } = capturingLogger();
          const tokens = new TokenManager({ credentials: CLIENT, baseUrl, now: clock.now, logger });
          try {
            const served = [];
            for (let i = 0; i < 50; i++) served.push(await tokens.getAccessToken());
            expect(new Set(served)).toEqual(new Set(['fresh-1']));
            expect(idp.calls).toBe(1);

            const token = await tokens.getToken();
            const estimated = token.expiresAt - token.obtainedAt;
            expect(estimated).toBeGreaterThan(0);
            expect(estimated).toBeLessThanOrEqual(DEFAULT_LIFETIME_MS);

            expect(warnings).toHaveLength(1);
            expect(warnings[0]).toContain('local clock');
            expect(warnings[0]).not.toMatch(/server clock/i);

            // Renewed when the estimated life is up (the server's clock never catches up).
            clock.advance(estimated);
            expect(await tokens.getAccessToken()).toBe('fresh-2');
            expect(idp.calls).toBe(2);
            expect(warnings).toHaveLength(1); // once, not per refresh
          } finally {
            await tokens.close();
          }
        },
      ),
      { numRuns: 25 },
    );
  });

  it('over many lifetimes: about one identity call per estimated lifetime, never one per call', async () => {
    idp.calls = 0;
    idp.lifetimeMs = 15 * 60_000;
    idp.form = 'naive';
    const clock = fakeClock(Date.now() + 3 * 3_600_000); // 3 h ahead
    const { logger, warnings } = capturingLogger();
    const log = eventLog();
    const tokens = new TokenManager({
      credentials: CLIENT,
      baseUrl,
      now: clock.now,
      logger,
      onEvent: log.onEvent,
    });
    // Two hours of calls, one a minute: the soft window renews in the background.
    for (let minute = 0; minute < 120; minute++) {
      expect(await tokens.getAccessToken()).toMatch(/^fresh-\d+$/);
      await tick();
      clock.advance(60_000);
    }
    // 120 min / 15 min estimated lifetime, renewed in its last 5 min: about 12 calls.
    expect(idp.calls).toBeGreaterThanOrEqual(8);
    expect(idp.calls).toBeLessThanOrEqual(13);
    expect(log.count('refresh.failed')).toBe(0);
    expect(warnings).toHaveLength(1);
    await tokens.close();
  });
});
