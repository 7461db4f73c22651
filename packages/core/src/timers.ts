/** Lets the process exit while `handle` is pending, where the runtime supports it (Node, Bun, Deno). */
export function unrefTimer(handle: ReturnType<typeof setTimeout>): void {
  const maybe = handle as unknown as { unref?: () => void };
  if (typeof maybe === 'object' && maybe !== null && typeof maybe.unref === 'function')
    maybe.unref();
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

// The longest delay timers accept (2^31 - 1 ms, about 24.8 days): the interval never fires.
const MAX_TIMER_DELAY_MS = 2 ** 31 - 1;
let keepAliveHolders = 0;
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
  // One interval however many callers wait (a cold start may have thousands).
  if (keepAliveHolders++ === 0) keepAliveHandle = setInterval(() => {}, MAX_TIMER_DELAY_MS);
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
