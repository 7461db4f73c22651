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
