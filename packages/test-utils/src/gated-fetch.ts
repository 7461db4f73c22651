/** A `fetch` that holds every request until the test lets them go. */
export interface GatedFetch {
  /** Passes each request on to the global `fetch`, once `release()` was called. */
  readonly fetch: typeof globalThis.fetch;
  /** Resolves when the first request reaches the gate. */
  readonly reached: Promise<void>;
  /** Lets the held requests, and every later one, through. */
  release(): void;
}

/**
 * A {@link GatedFetch}: lets a test hold a request (an identity call, say) at a known point,
 * act while it waits (abort, unsubscribe), then let it go, with no race against timers.
 */
export function gatedFetch(): GatedFetch {
  let release = () => {};
  let reach = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  const reached = new Promise<void>((resolve) => {
    reach = resolve;
  });
  return {
    reached,
    release: () => release(),
    fetch: async (input, init) => {
      reach();
      await released;
      return fetch(input, init);
    },
  };
}
