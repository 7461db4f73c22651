/**
 * The server's clock: the real clock plus a configurable skew plus whatever tests added
 * with `advanceTime`. Token expiry, issued `expiresAt` and the `Date` header all read it.
 */
export class ServerClock {
  #offsetMs: number;

  constructor(offsetMs = 0) {
    this.#offsetMs = offsetMs;
  }

  /** Milliseconds since the epoch, on the server's clock. */
  now(): number {
    return Date.now() + this.#offsetMs;
  }

  /** Move the clock forward by `ms` (negative values move it back). */
  advance(ms: number): void {
    if (!Number.isFinite(ms)) throw new RangeError('advanceTime(ms) needs a finite number');
    this.#offsetMs += ms;
  }

  /** The value of an HTTP `Date` header for the current server time. */
  httpDate(): string {
    return new Date(this.now()).toUTCString();
  }
}

/**
 * Formats a time the way the Live Data identity endpoint does: UTC without a zone
 * suffix, with microseconds, e.g. `2021-11-19T23:36:09.092720`.
 */
export function toNaiveUtc(ms: number): string {
  const iso = new Date(Math.floor(ms)).toISOString(); // 2021-11-19T23:36:09.092Z
  const micros = String(Math.floor((ms % 1) * 1000)).padStart(3, '0');
  return `${iso.slice(0, -1)}${micros}`;
}
