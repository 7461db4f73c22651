import type { LiveDataAuthError } from './errors.js';

/**
 * The cooldown after a refresh failed in a way retrying cannot fix. Every such failure, not
 * only `invalid_credentials`: a wrong base path (404), a captive portal's HTML page or an
 * unusable expiry fails the same way for every caller, so callers share the error for
 * `cooldownMs` instead of each calling identity.
 */
export class CredentialsCooldown {
  readonly #cooldownMs: number;
  readonly #now: () => number;
  #until = Number.NEGATIVE_INFINITY;
  #error: LiveDataAuthError | undefined;

  /** @param cooldownMs - 0 turns the cooldown off. */
  constructor(cooldownMs: number, now: () => number) {
    this.#cooldownMs = cooldownMs;
    this.#now = now;
  }

  /** The error to share at `now`, or `undefined` when no cooldown is running. */
  errorAt(now: number): LiveDataAuthError | undefined {
    return this.#error !== undefined && now < this.#until ? this.#error : undefined;
  }

  /** Records a failed refresh; starts a cooldown (from now) if retrying cannot fix `error`. */
  failed(error: LiveDataAuthError): void {
    // `closed` is the manager's own doing, not the credentials'. `config` (a secret provider
    // that failed, before any identity call) neither: the cooldown protects the identity
    // endpoint, and a provider that returns a usable secret again must be used at once.
    if (
      !error.retryable &&
      error.code !== 'closed' &&
      error.code !== 'config' &&
      this.#cooldownMs > 0
    ) {
      this.#until = this.#now() + this.#cooldownMs;
      this.#error = error;
    }
  }

  /** A refresh succeeded: the credentials work. */
  succeeded(): void {
    this.#until = Number.NEGATIVE_INFINITY;
    this.#error = undefined;
  }
}
