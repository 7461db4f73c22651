/**
 * At most one running task per key: callers asking while one runs share its promise.
 * The shared promise always has a handler, so a failure nobody awaits is never an
 * unhandled rejection.
 */
export class SingleFlight<T> {
  readonly #running = new Map<string, Promise<T>>();

  /** The running task for `key`, if any. */
  get(key: string): Promise<T> | undefined {
    return this.#running.get(key);
  }

  /** Joins the task running for `key`, or starts `task` and shares it until it settles. */
  run(key: string, task: () => Promise<T>): Promise<T> {
    const running = this.#running.get(key);
    if (running) return running;
    const promise = (async () => {
      try {
        return await task();
      } finally {
        this.#running.delete(key);
      }
    })();
    this.#running.set(key, promise);
    promise.catch(() => {});
    return promise;
  }
}
