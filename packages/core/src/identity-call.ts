import type { Diagnostics } from './diagnostics.js';
import { asLiveDataAuthError, LiveDataAuthError } from './errors.js';
import type { CredentialKind } from './types.js';

/** Numbers identity calls across every manager of this module, so a listener shared by several managers can tell them apart. */
let lastCallId = 0;

/**
 * Reports one identity call (every attempt of one mint) as `identity.started`, then
 * `refresh.retry` per failed attempt that is retried, then `identity.succeeded` or
 * `identity.failed`: the events a tracing span is built from. Emits nothing when nobody listens.
 */
export class IdentityCallReport {
  readonly #diag: Diagnostics;
  readonly #now: () => number;
  readonly #callId: number;
  readonly #startedAt: number;
  #attempts = 1;

  constructor(
    diag: Diagnostics,
    now: () => number,
    url: string,
    credentialKind: Exclude<CredentialKind, 'apiKey'>,
  ) {
    this.#diag = diag;
    this.#now = now;
    this.#callId = ++lastCallId;
    this.#startedAt = now();
    if (diag.listening) {
      diag.emit({
        type: 'identity.started',
        callId: this.#callId,
        method: 'POST',
        url,
        credentialKind,
      });
    }
  }

  /** Attempt `attempt` (from 1) failed with `error`; another follows after `delayMs`. */
  retried(attempt: number, delayMs: number, error: LiveDataAuthError): void {
    this.#attempts = attempt + 1;
    this.#diag.emit({
      type: 'refresh.retry',
      attempt,
      delayMs,
      code: error.code,
      ...(error.status === undefined ? {} : { status: error.status }),
      callId: this.#callId,
    });
  }

  /** Reports how `call` settles and returns it unchanged. */
  async settle<T extends { value: { status?: number }; attempts: number }>(
    call: Promise<T>,
  ): Promise<T> {
    try {
      const result = await call;
      this.#diag.emit({
        type: 'identity.succeeded',
        callId: this.#callId,
        status: result.value.status ?? 200,
        attempts: result.attempts,
        durationMs: this.#now() - this.#startedAt,
      });
      return result;
    } catch (thrown) {
      const error = asLiveDataAuthError(thrown, 'The identity call failed unexpectedly.');
      this.#diag.emit({
        type: 'identity.failed',
        callId: this.#callId,
        ...(error.status === undefined ? {} : { status: error.status }),
        attempts: this.#attempts,
        durationMs: this.#now() - this.#startedAt,
        error,
      });
      throw thrown;
    }
  }
}
