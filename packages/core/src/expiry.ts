/**
 * Lifetime assumed when the identity answer states no expiry, or states one that cannot be
 * measured (see the core README, "How refresh works"): 15 minutes.
 */
export const DEFAULT_LIFETIME_MS = 15 * 60 * 1000;
/**
 * Shortest usable lifetime: 1 s. The manager refreshes at most once a second
 * (`MIN_REFRESH_INTERVAL_MS`), so a token living less than that would cost an identity call
 * per caller; such an answer is `invalid_response` (not retryable, so it starts the cooldown).
 */
export const MIN_LIFETIME_MS = 1000;
/**
 * Longest lifetime a token is cached for: 24 hours, whatever expiry the answer states (an
 * `expiresAt` in year 9999 is renewed after a day, like any other token).
 */
export const MAX_LIFETIME_MS = 24 * 60 * 60 * 1000;

const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;

/**
 * Parses an ISO-8601 date-time. Without a zone suffix it is read as **UTC** (the Live Data
 * identity endpoint sends `2021-11-19T23:36:09.092720`), unlike `new Date(s)` which reads
 * it as local time. Fractions beyond milliseconds are truncated. Returns ms since epoch or
 * `undefined` when `value` is not a date-time.
 */
export function parseUtcDateTime(value: string): number | undefined {
  const m = ISO_DATE_TIME.exec(value.trim());
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = s === undefined ? 0 : Number(s);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) {
    return undefined;
  }
  const ms = frac === undefined ? 0 : Number(frac.slice(0, 3).padEnd(3, '0'));
  let epoch = Date.UTC(Number(y), month - 1, day, hour, minute, second, ms);
  if (zone !== undefined && zone !== 'Z' && zone !== 'z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const offsetMin = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0');
    epoch -= sign * offsetMin * 60_000;
  }
  return Number.isFinite(epoch) ? epoch : undefined;
}

/** How an identity answer stated expiry. */
export type ExpiryField =
  | { kind: 'absolute'; expiresAt: number }
  | { kind: 'relative'; expiresInMs: number }
  | { kind: 'none' };

/**
 * How far the server's real clock may be past its `Date` header: HTTP dates have whole
 * seconds, so a server at 12:00:00.999 sends 12:00:00.
 */
export const DATE_HEADER_RESOLUTION_MS = 1000;

/**
 * Token lifetime in ms: an absolute expiry is measured against the server's clock
 * (`serverDateMs`, from the `Date` header) when known, else against `localNowMs`, so a
 * server clock hours off does not shorten or lengthen the lifetime.
 *
 * The `Date` header is truncated to the second, so the server's real "now" lies anywhere in
 * `[Date, Date + 1 s)`. Measuring from `Date` itself would overestimate the lifetime by up to
 * 999 ms, and a token could then be served after the server considers it expired. We take the
 * late end, `Date + 1 s`: the lifetime comes out up to 1 s short, never long, so the token is
 * refreshed a little early rather than used a little late.
 */
export function lifetimeMs(
  expiry: ExpiryField,
  serverDateMs: number | undefined,
  localNowMs: number,
): number {
  switch (expiry.kind) {
    case 'relative':
      return expiry.expiresInMs;
    case 'none':
      return DEFAULT_LIFETIME_MS;
    case 'absolute':
      return (
        expiry.expiresAt -
        (serverDateMs === undefined ? localNowMs : serverDateMs + DATE_HEADER_RESOLUTION_MS)
      );
  }
}

/** What {@link resolveLifetime} concluded about a token's life on the local clock. */
export type ResolvedLifetime =
  | {
      kind: 'measured' | 'estimated';
      /** Within `[MIN_LIFETIME_MS, MAX_LIFETIME_MS]`. */
      lifetimeMs: number;
    }
  | {
      kind: 'unusable';
      /** The stated lifetime, below `MIN_LIFETIME_MS` (possibly zero or negative). */
      lifetimeMs: number;
    };

/**
 * The lifetime to cache a token for, bounded: at most {@link MAX_LIFETIME_MS}; below
 * {@link MIN_LIFETIME_MS} it is `unusable`, except when it was measured on the local clock
 * (an absolute expiry and no `Date` header): then a short or past expiry says more about
 * the local clock (ahead of the server's, a fake clock, a drifted VM) than about a token
 * that was just minted, so the lifetime is `estimated` as {@link DEFAULT_LIFETIME_MS}
 * (shorter if the answer also has an `expires_in`).
 */
export function resolveLifetime(
  expiry: ExpiryField,
  serverDateMs: number | undefined,
  localNowMs: number,
  fallbackExpiresInMs?: number,
): ResolvedLifetime {
  const stated = lifetimeMs(expiry, serverDateMs, localNowMs);
  const measuredLocally = expiry.kind === 'absolute' && serverDateMs === undefined;
  if (!(stated >= MIN_LIFETIME_MS)) {
    if (!measuredLocally) return { kind: 'unusable', lifetimeMs: stated };
    const known =
      fallbackExpiresInMs !== undefined && fallbackExpiresInMs >= MIN_LIFETIME_MS
        ? fallbackExpiresInMs
        : DEFAULT_LIFETIME_MS;
    return { kind: 'estimated', lifetimeMs: Math.min(DEFAULT_LIFETIME_MS, known) };
  }
  return { kind: 'measured', lifetimeMs: Math.min(MAX_LIFETIME_MS, stated) };
}
