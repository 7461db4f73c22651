// Node only: switches process.env.TZ, which Node applies to Date at once.
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { parseHttpDate } from '../http-date.js';
import { parseIdentityBody } from '../identity-client.js';
import { LiveDataAuthError, parseRetryAfterHeader } from '../index.js';
import { CLIENT, naiveUtc, singleAttemptFailure } from './web-fixtures.js';

const ZONES = [
  'UTC',
  'Pacific/Kiritimati', // UTC+14
  'America/Los_Angeles', // UTC-8 / -7
  'Asia/Kolkata', // UTC+5:30
  'Pacific/Pago_Pago', // UTC-11
  'Europe/London', // UTC+0 / +1
];
const originalTz = process.env.TZ;
afterEach(() => {
  if (originalTz === undefined) delete process.env.TZ;
  else process.env.TZ = originalTz;
});

/** Runs `check` with the process in each time zone. */
function inEveryZone(check: (zone: string) => void): void {
  const offsets = new Set<number>();
  for (const zone of ZONES) {
    process.env.TZ = zone;
    offsets.add(new Date(Date.UTC(2026, 0, 15)).getTimezoneOffset());
    check(zone);
  }
  // The zone switch really happened (else this test could not fail).
  expect(offsets.size).toBeGreaterThanOrEqual(5);
}

/** Whole seconds from `min` to `max`, in ms. */
const wholeSeconds = (min: number, max: number) => fc.integer({ min, max }).map((s) => s * 1000);

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const LONG_DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n: number) => String(n).padStart(2, '0');
const clock = (d: Date) =>
  `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;

/** The three forms of RFC 9110 §5.6.7, written from the spec (not from `Date`). */
const FORMATS = {
  'IMF-fixdate': (ms: number) => {
    const d = new Date(ms);
    return `${DAYS[d.getUTCDay()]}, ${two(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${clock(d)} GMT`;
  },
  'RFC 850': (ms: number) => {
    const d = new Date(ms);
    return `${LONG_DAYS[d.getUTCDay()]}, ${two(d.getUTCDate())}-${MONTHS[d.getUTCMonth()]}-${two(d.getUTCFullYear() % 100)} ${clock(d)} GMT`;
  },
  asctime: (ms: number) => {
    const d = new Date(ms);
    return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${clock(d)} ${d.getUTCFullYear()}`;
  },
} as const;
type FormatName = keyof typeof FORMATS;
const formatName = fc.constantFrom(...(Object.keys(FORMATS) as FormatName[]));

const REFERENCE = Date.UTC(2026, 5, 1);
/** Whole-second instants; RFC 850's two-digit year is only defined within 50 years of now. */
const instant = (format: FormatName) => {
  const [from, to] =
    format === 'RFC 850'
      ? [Date.UTC(1977, 0, 1), Date.UTC(2075, 11, 31)]
      : [Date.UTC(1900, 0, 1), Date.UTC(9999, 11, 31)];
  return fc.integer({ min: from / 1000, max: to / 1000 }).map((s) => s * 1000);
};
const formatAndInstant = formatName.chain((format) =>
  fc.tuple(fc.constant(format), instant(format)),
);

describe('HTTP dates are GMT in every form and every TZ', () => {
  it('format → parse gives back the instant, for the three RFC 9110 forms', () => {
    inEveryZone(() => {
      fc.assert(
        fc.property(formatAndInstant, ([format, ms]) => {
          expect(parseHttpDate(FORMATS[format](ms), REFERENCE)).toBe(ms);
        }),
        { numRuns: 200 },
      );
    });
  });

  it('reads the examples of RFC 9110 as the same instant', () => {
    inEveryZone(() => {
      const expected = Date.UTC(1994, 10, 6, 8, 49, 37);
      expect(parseHttpDate('Sun, 06 Nov 1994 08:49:37 GMT', REFERENCE)).toBe(expected);
      expect(parseHttpDate('Sunday, 06-Nov-94 08:49:37 GMT', Date.UTC(2026, 0, 1))).toBe(expected);
      expect(parseHttpDate('Sun Nov  6 08:49:37 1994', REFERENCE)).toBe(expected);
    });
  });

  it('a two-digit RFC 850 year more than 50 years ahead is the most recent past one', () => {
    const reference = Date.UTC(2026, 0, 1);
    expect(parseHttpDate('Wednesday, 01-Jan-76 00:00:00 GMT', reference)).toBe(
      Date.UTC(2076, 0, 1),
    );
    expect(parseHttpDate('Saturday, 01-Jan-77 00:00:00 GMT', reference)).toBe(Date.UTC(1977, 0, 1));
    expect(parseHttpDate('Monday, 01-Jan-25 00:00:00 GMT', reference)).toBe(Date.UTC(2025, 0, 1));
  });

  it('anything else is not a date, never a throw', () => {
    for (const bad of [
      'Sun, 31 Feb 2026 08:49:37 GMT', // no such day
      'Sun, 06 Nov 1994 24:00:00 GMT',
      'Sun, 06 Nov 1994 08:49:37 PST', // HTTP dates are GMT only
      'Sun, 06 Foo 1994 08:49:37 GMT',
      '2026-01-01T00:00:00Z',
      '1700000000',
      'tomorrow',
      '',
    ]) {
      expect(parseHttpDate(bad), bad).toBeUndefined();
    }
    fc.assert(
      fc.property(fc.string(), (text) => {
        const parsed = parseHttpDate(text);
        expect(parsed === undefined || Number.isFinite(parsed)).toBe(true);
      }),
    );
  });

  it('Retry-After as an HTTP date in any form is the same wait in any TZ', () => {
    const property = fc.property(formatName, wholeSeconds(0, 3_600), (format, waitMs) => {
      const now = REFERENCE + 12_345_000;
      expect(parseRetryAfterHeader(FORMATS[format](now + waitMs), now)).toBe(waitMs);
    });
    inEveryZone(() => fc.assert(property, { numRuns: 100 }));
  });

  it('a Date header in any form gives the same token lifetime in any TZ', () => {
    inEveryZone(() => {
      fc.assert(
        fc.property(
          formatName,
          wholeSeconds(60, 86_400),
          fc.integer({ min: -48, max: 48 }).map((h) => h * 3_600_000), // local clock off by ±2 days
          (format, lifeMs, skewMs) => {
            const serverNow = REFERENCE + 777_000;
            const body = JSON.stringify({
              accessToken: 'a',
              expiresAt: naiveUtc(serverNow + lifeMs),
            });
            const issued = parseIdentityBody(body, FORMATS[format](serverNow), serverNow + skewMs);
            // Measured from Date + 1 s: the header has whole seconds (see expiry.ts).
            expect(issued.lifetimeMs).toBe(lifeMs - 1_000);
          },
        ),
        { numRuns: 100 },
      );
    });
  });

  it('end to end: a 429 with an asctime Retry-After asks for the same wait in any TZ', async () => {
    const waits: number[] = [];
    for (const zone of ZONES) {
      process.env.TZ = zone;
      const serverNow = Date.UTC(2026, 0, 15, 12, 0, 0);
      const fetch = (async () =>
        new Response('{"error":"slow down"}', {
          status: 429,
          headers: {
            date: FORMATS['IMF-fixdate'](serverNow),
            'retry-after': FORMATS.asctime(serverNow + 30_000),
          },
        })) as typeof globalThis.fetch;
      const error = await singleAttemptFailure({ credentials: CLIENT, fetch });
      expect(error, zone).toMatchObject({ code: 'rate_limited' });
      waits.push((error as LiveDataAuthError).retryAfterMs ?? -1);
    }
    expect(waits).toEqual(ZONES.map(() => 30_000));
  });
});
