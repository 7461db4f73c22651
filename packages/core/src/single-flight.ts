import { MAX_TIMER_DELAY_MS, unrefTimer } from './timers.js';

/** How long a task may run before its callers stop waiting for it. */
export interface FlightLimit {
  /** The most the task may take, in ms from its start. */
  withinMs: number;
  /** The clock the deadline is read on, ms. */
  now: () => number;
  /** The error callers get when the task is abandoned. */
  abandoned: (withinMs: number) => Error;
}

interface Flight<T> {
  readonly promise: Promise<T>;
  readonly deadline: number;
  readonly limit: FlightLimit | undefined;
}

/**
 * At most one running task per key: callers asking while one runs share its promise.
 * The shared promise always has a handler, so a failure nobody awaits is never an
 * unhandled rejection.
 *
 * With a {@link FlightLimit}, a task still running past its deadline is abandoned: it is
 * dropped (the next `run` starts a new one) and its callers reject with the limit's error.
 * Every caller arms its own timer for this, in its own call: a task left behind by a frozen
 * or finished request (a Worker that answered, a suspended serverless function) may never
 * settle, nor its own timers fire, and must not hold anybody waiting forever. A caller that
 * comes after the deadline, when no timer has fired, drops the entry itself.
 */
export class SingleFlight<T> {
  readonly #running = new Map<string, Flight<T>>();

  /** The running task for `key`, if any and not past its deadline. */
  get(key: string): Promise<T> | undefined {
    return this.#live(key)?.promise;
  }

  /**
   * Joins the task running for `key`, or starts `task` and shares it until it settles.
   * `limit`: when to abandon it (none: never).
   */
  run(key: string, limit: FlightLimit | undefined, task: () => Promise<T>): Promise<T> {
    const running = this.#live(key);
    if (running) return this.#bounded(key, running);
    let flight: Flight<T> | undefined;
    const promise = (async () => {
      try {
        return await task();
      } finally {
        // An abandoned task may settle after a newer one started: leave that one alone.
        if (this.#running.get(key) === flight) this.#running.delete(key);
      }
    })();
    const deadline = limit ? limit.now() + limit.withinMs : Number.POSITIVE_INFINITY;
    flight = { promise, deadline, limit };
    this.#running.set(key, flight);
    promise.catch(() => {});
    return this.#bounded(key, flight);
  }

  #live(key: string): Flight<T> | undefined {
    const flight = this.#running.get(key);
    if (flight?.limit && flight.limit.now() >= flight.deadline) {
      this.#running.delete(key);
      return undefined;
    }
    return flight;
  }

  /** The shared promise, or (with a limit) it raced against this caller's own deadline timer. */
  #bounded(key: string, flight: Flight<T>): Promise<T> {
    const limit = flight.limit;
    if (!limit) return flight.promise;
    return new Promise<T>((resolve, reject) => {
      const remainingMs = Math.min(MAX_TIMER_DELAY_MS, Math.max(0, flight.deadline - limit.now()));
      const timer = setTimeout(() => {
        if (this.#running.get(key) === flight) this.#running.delete(key);
        reject(limit.abandoned(limit.withinMs));
      }, remainingMs);
      unrefTimer(timer);
      flight.promise.then(
        (value) => {
          clearTimeout(timer);
          resolve(value);
        },
        (error: unknown) => {
          clearTimeout(timer);
          reject(error);
        },
      );
    });
  }
}
