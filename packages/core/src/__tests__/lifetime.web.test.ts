import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIFETIME_MS, MAX_LIFETIME_MS, MIN_LIFETIME_MS } from '../expiry.js';
import { parseIdentityBody } from '../identity-client.js';
import { LiveDataAuthError } from '../index.js';
import { naiveUtc } from './web-fixtures.js';

const SERVER_NOW = Date.UTC(2026, 2, 1, 9, 30, 0); // whole second: the Date header is exact
const dateHeader = new Date(SERVER_NOW).toUTCString();
const TOKEN = 'minted-token-4e1f9a';

function parse(body: Record<string, unknown>, date: string | null, localNow: number) {
  try {
    return parseIdentityBody(JSON.stringify({ accessToken: TOKEN, ...body }), date, localNow);
  } catch (error) {
    expect(error).toBeInstanceOf(LiveDataAuthError);
    return error as LiveDataAuthError;
  }
}

const skew = fc.integer({ min: -30 * 86_400_000, max: 30 * 86_400_000 });

describe('lifetime bounds', () => {
  it('with a Date header: [1 s, 24 h] as stated, longer capped at 24 h, shorter unusable', () => {
    fc.assert(
      fc.property(fc.integer({ min: -86_400_000, max: 400 * 86_400_000 }), skew, (lifeMs, off) => {
        const result = parse(
          { expiresAt: naiveUtc(SERVER_NOW + 1_000 + lifeMs) }, // + 1 s: the Date resolution
          dateHeader,
          SERVER_NOW + off,
        );
        if (lifeMs < MIN_LIFETIME_MS) {
          expect(result).toMatchObject({ code: 'invalid_response', retryable: false });
        } else {
          expect(result).toEqual({
            accessToken: TOKEN,
            lifetimeMs: Math.min(MAX_LIFETIME_MS, lifeMs),
          });
        }
      }),
    );
  });

  it('expires_in: below 1 s unusable, above 24 h capped, whatever the clocks', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-6, max: 1e15, noNaN: true }), skew, (seconds, off) => {
        const result = parse({ expires_in: seconds }, null, SERVER_NOW + off);
        if (seconds * 1000 < MIN_LIFETIME_MS) {
          expect(result).toMatchObject({ code: 'invalid_response' });
          expect((result as Error).message).toContain('minimum');
        } else {
          expect(result).toEqual({
            accessToken: TOKEN,
            lifetimeMs: Math.min(MAX_LIFETIME_MS, seconds * 1000),
          });
        }
      }),
    );
  });

  it('no Date header and an expiry already past (or moments away) locally: estimated, with a warning', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -10 * 365 * 86_400_000, max: MIN_LIFETIME_MS - 1 }),
        fc.option(fc.integer({ min: 1, max: 100_000 }), { nil: undefined }),
        (localLifeMs, expiresIn) => {
          const result = parse(
            { expiresAt: naiveUtc(SERVER_NOW + localLifeMs), expires_in: expiresIn },
            null,
            SERVER_NOW,
          );
          expect(result).not.toBeInstanceOf(Error);
          const issued = result as Exclude<typeof result, LiveDataAuthError>;
          // The default, or the answer's own expires_in when that is shorter (and usable).
          const known =
            expiresIn !== undefined && expiresIn * 1000 >= MIN_LIFETIME_MS
              ? Math.min(DEFAULT_LIFETIME_MS, expiresIn * 1000)
              : DEFAULT_LIFETIME_MS;
          expect(issued.lifetimeMs).toBe(known);
          expect(issued.warning).toContain('local clock');
          expect(issued.warning).not.toContain(TOKEN);
        },
      ),
    );
  });

  it('no Date header and a usable expiry on the local clock: measured, no warning', () => {
    fc.assert(
      fc.property(fc.integer({ min: MIN_LIFETIME_MS, max: 3 * 86_400_000 }), (localLifeMs) => {
        const result = parse({ expiresAt: naiveUtc(SERVER_NOW + localLifeMs) }, null, SERVER_NOW);
        expect(result).toEqual({
          accessToken: TOKEN,
          lifetimeMs: Math.min(MAX_LIFETIME_MS, localLifeMs),
        });
      }),
    );
  });

  it('epoch expiries in seconds or ms, up to year 9999 and beyond, are capped at 24 h', () => {
    for (const expiresAt of [253_402_300_799, 253_402_300_799_000, 1e17, 9.99e11]) {
      expect(parse({ expiresAt }, dateHeader, SERVER_NOW), String(expiresAt)).toEqual({
        accessToken: TOKEN,
        lifetimeMs: MAX_LIFETIME_MS,
      });
    }
  });
});
