import { sleep } from './timers.js';

/** One operation's cancellation: its own signal, and `release()` once the operation is over. */
export interface CloseScope {
  /** Aborted (with the close reason) if the manager closes before {@link release}. */
  readonly signal: AbortSignal;
  /** Unregisters the scope; call it in a `finally`. Idempotent. */
  release(): void;
}

/**
 * What `close()` cancels, without one long-lived `AbortController`. Cloudflare Workers bind
 * an `AbortSignal` (like any I/O object) to the request that created it: a signal made in
 * the first request and listened to in a later one fails with "Cannot perform I/O on behalf
 * of a different request". So every identity attempt and every wait makes its own
 * controller, in the call that uses it, and registers an abort callback here; `close()`
 * runs the callbacks registered at that moment.
 */
export class CloseHooks {
  readonly #hooks = new Set<() => void>();
  #closed = false;
  #reason: unknown;

  /** Whether {@link close} was called. */
  get closed(): boolean {
    return this.#closed;
  }

  /** A fresh signal for one operation, already aborted when closed. */
  scope(): CloseScope {
    const controller = new AbortController();
    if (this.#closed) {
      controller.abort(this.#reason);
      return { signal: controller.signal, release: () => {} };
    }
    const hook = () => controller.abort(this.#reason);
    this.#hooks.add(hook);
    return { signal: controller.signal, release: () => this.#hooks.delete(hook) };
  }

  /** Waits `ms` on an unref'd timer; rejects with the close reason when closed meanwhile. */
  async sleep(ms: number): Promise<void> {
    const { signal, release } = this.scope();
    try {
      await sleep(ms, signal);
    } finally {
      release();
    }
  }

  /** Aborts every registered scope with `reason`; later scopes start aborted. Idempotent. */
  close(reason: unknown): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#reason = reason;
    const hooks = [...this.#hooks];
    this.#hooks.clear();
    for (const hook of hooks) {
      try {
        hook();
      } catch {
        // An abort listener that throws (or a runtime refusing cross-request abort) must
        // not keep the other operations from being cancelled.
      }
    }
  }
}
