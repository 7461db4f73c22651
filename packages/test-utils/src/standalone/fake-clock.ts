// Standalone: imports nothing of the workspace, so @livedata/core's own tests (which cannot
// depend on this package, since it depends on core) import this file directly.

/** A clock tests move by hand: pass `clock.now` as a manager's `now`. */
export interface FakeClock {
  /** The current time, ms since the epoch. */
  t: number;
  now(): number;
  advance(ms: number): void;
}

/** A {@link FakeClock} at `start`. */
export function fakeClock(start: number): FakeClock {
  const clock: FakeClock = {
    t: start,
    now: () => clock.t,
    advance(ms: number) {
      clock.t += ms;
    },
  };
  return clock;
}
