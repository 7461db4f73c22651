/** Lets the process exit while `handle` is pending, where the runtime supports it (Node, Bun, Deno). */
export function unrefTimer(handle: ReturnType<typeof setTimeout>): void {
  if (canUnref(handle)) handle.unref();
}

function canUnref(handle: unknown): handle is { unref(): void } {
  return (
    typeof handle === 'object' &&
    handle !== null &&
    typeof (handle as { unref?: unknown }).unref === 'function'
  );
}

/**
 * Waits `ms` on an unref'd timer. Rejects with `signal.reason` as soon as `signal` aborts,
 * clearing the timer.
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(
      () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      },
      Math.max(0, ms),
    );
    unrefTimer(timer);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * The longest delay timers accept (2^31 - 1 ms, about 24.8 days; a longer one fires at once
 * in Node): the keep-alive interval never fires.
 */
export const MAX_TIMER_DELAY_MS = 2 ** 31 - 1;
let keepAliveHolders = 0;
let keepAliveNeeded = true;
const noop = (): void => {};
let keepAliveHandle: ReturnType<typeof setInterval> | undefined;

/**
 * Holds the process open (a ref'd, idle interval) until the returned function is called.
 * The manager's own timers are unref'd so background work never keeps a process alive; a
 * caller actively awaiting a token is different: it must get its token or its error, so its
 * wait holds one of these. Without it, a script whose only pending work is
 * `await tokens.getAccessToken()` would exit mid-backoff (Node: code 13, unsettled
 * top-level await) and never see the error.
 */
export function keepAlive(): () => void {
  if (!keepAliveNeeded) return noop;
  // One interval however many callers wait (a cold start may have thousands).
  if (keepAliveHolders++ === 0) {
    keepAliveHandle = setInterval(() => {}, MAX_TIMER_DELAY_MS);
    if (!canUnref(keepAliveHandle)) {
      // Timers here cannot be unref'd (Workers, browsers, Deno's numeric ids): the manager's
      // own timers already hold whatever there is to hold, and a shared interval would be
      // a timer made in one request and cleared in another, which Workers do not allow.
      clearInterval(keepAliveHandle);
      keepAliveHandle = undefined;
      keepAliveHolders = 0;
      keepAliveNeeded = false;
      return noop;
    }
  }
  let released = false;
  return () => {
    if (released) return;
    released = true;
    if (--keepAliveHolders === 0) {
      clearInterval(keepAliveHandle);
      keepAliveHandle = undefined;
    }
  };
}
