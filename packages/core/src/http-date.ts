/**
 * HTTP dates (RFC 9110 §5.6.7), the one parser the core uses for the `Date` header and for
 * an HTTP-date `Retry-After`. Built on `Date.UTC`, never on `Date.parse`: `Date.parse` reads
 * the asctime form (`Sun Nov  6 08:49:37 1994`, no zone) as local time, so a token's life
 * would depend on the process's `TZ`.
 */

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

// IMF-fixdate: `Sun, 06 Nov 1994 08:49:37 GMT`
const IMF_FIXDATE =
  /^[A-Za-z]{3},\s+(\d{1,2})\s+([A-Za-z]{3})\s+(\d{4})\s+(\d{2}):(\d{2}):(\d{2})\s+(?:GMT|UTC)$/i;
// RFC 850 (obsolete): `Sunday, 06-Nov-94 08:49:37 GMT`
const RFC_850 =
  /^[A-Za-z]{6,9},\s+(\d{1,2})-([A-Za-z]{3})-(\d{2})\s+(\d{2}):(\d{2}):(\d{2})\s+(?:GMT|UTC)$/i;
// asctime (obsolete, always GMT): `Sun Nov  6 08:49:37 1994`
const ASCTIME = /^[A-Za-z]{3}\s+([A-Za-z]{3})\s+(\d{1,2})\s+(\d{2}):(\d{2}):(\d{2})\s+(\d{4})$/;

/**
 * A two-digit RFC 850 year, as RFC 9110 says: the most recent year with those last two
 * digits that is not more than 50 years after `referenceYear`.
 */
function fullYear(twoDigits: number, referenceYear: number): number {
  let year = Math.floor(referenceYear / 100) * 100 + twoDigits;
  if (year > referenceYear + 50) year -= 100;
  return year;
}

interface DateParts {
  year: number;
  month: string;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function toEpoch({
  year,
  month: monthName,
  day,
  hour,
  minute,
  second,
}: DateParts): number | undefined {
  const month = MONTHS.indexOf(monthName.toLowerCase());
  if (month < 0 || hour > 23 || minute > 59 || second > 60) return undefined;
  const date = new Date(0);
  // setUTCFullYear, not Date.UTC: Date.UTC reads years 0–99 as 1900–1999.
  date.setUTCFullYear(year, month, day);
  // A leap second (:60) is read as the last ms of :59, so no date rolls into the next minute.
  date.setUTCHours(hour, minute, Math.min(second, 59), second === 60 ? 999 : 0);
  // A day its month lacks (31 Feb) would roll into the next month: not an HTTP date.
  if (date.getUTCDate() !== day || date.getUTCMonth() !== month) return undefined;
  const epoch = date.getTime();
  return Number.isFinite(epoch) ? epoch : undefined;
}

/**
 * Parses an HTTP date in any of the three forms of RFC 9110 (IMF-fixdate, RFC 850, asctime)
 * as GMT, whatever the process's time zone. Returns ms since the epoch, or `undefined` when
 * `value` is absent or not an HTTP date.
 *
 * @param value - the header value, e.g. `'Sun, 06 Nov 1994 08:49:37 GMT'`.
 * @param referenceMs - the time a two-digit RFC 850 year is read against (default now).
 */
export function parseHttpDate(
  value: string | null | undefined,
  referenceMs: number = Date.now(),
): number | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (text === '' || text.length > 64) return undefined;
  const parts = datePartsOf(text, referenceMs);
  return parts === undefined ? undefined : toEpoch(parts);
}

function datePartsOf(text: string, referenceMs: number): DateParts | undefined {
  let m = IMF_FIXDATE.exec(text);
  if (m) return parts(m, { day: 1, month: 2, year: 3, time: 4 });
  m = RFC_850.exec(text);
  if (m) {
    const p = parts(m, { day: 1, month: 2, year: 3, time: 4 });
    const reference = new Date(Number.isFinite(referenceMs) ? referenceMs : Date.now());
    return { ...p, year: fullYear(p.year, reference.getUTCFullYear()) };
  }
  m = ASCTIME.exec(text);
  if (m) return parts(m, { month: 1, day: 2, time: 3, year: 6 });
  return undefined;
}

/** Reads the groups of a match; `time` is the index of the hour (minute and second follow). */
function parts(
  m: RegExpExecArray,
  at: { day: number; month: number; year: number; time: number },
): DateParts {
  const group = (i: number): string => m[i] ?? '';
  return {
    year: Number(group(at.year)),
    month: group(at.month),
    day: Number(group(at.day)),
    hour: Number(group(at.time)),
    minute: Number(group(at.time + 1)),
    second: Number(group(at.time + 2)),
  };
}
