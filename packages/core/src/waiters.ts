import { LiveDataAuthError } from './errors.js';
import { keepAlive } from './timers.js';

/** What a caller gets once the manager is closed. */
export function closedError(): LiveDataAuthError {
  return new LiveDataAuthError('closed', 'The token manager is closed; create a new one.', {
    retryable: false,
  });
}

/** What a caller gets when its own `signal` aborted. */
export function abortedError(signal: AbortSignal): LiveDataAuthError {
  return new LiveDataAuthError('aborted', 'Waiting for a Live Data token was aborted.', {
    retryable: false,
    cause: signal.reason instanceof Error ? signal.reason : undefined,
  });
}

/**
 * The callers waiting for the shared refresh. Each wait holds the process open (everything
 * else runs on unref'd timers), so a caller always gets its token or its error; and each
 * ends early, on its own, when its signal aborts or the manager closes.
 */
export class Waiters {
  // One close hook per waiter in a Set, not one listener each on a close signal: a
  // thousand waiters would otherwise trip Node's listener-leak warning.
  readonly #onClose = new Set<() => void>();

  /** `promise`'s outcome, or `aborted` / `closed` if that comes first. */
  wait<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const release = keepAlive();
      const onClose = () => {
        cleanup();
        reject(closedError());
      };
      const onAbort = () => {
        cleanup();
        reject(abortedError(signal as AbortSignal));
      };
      const cleanup = () => {
        release();
        signal?.removeEventListener('abort', onAbort);
        this.#onClose.delete(onClose);
      };
      this.#onClose.add(onClose);
      signal?.addEventListener('abort', onAbort, { once: true });
      promise.then(
        (value) => {
          cleanup();
          resolve(value);
        },
        (error: unknown) => {
          cleanup();
          reject(error);
        },
      );
    });
  }

  /** Rejects every wait with `closed`. */
  closeAll(): void {
    for (const wake of [...this.#onClose]) wake();
  }

  /** How many callers are waiting. */
  get size(): number {
    return this.#onClose.size;
  }
}
