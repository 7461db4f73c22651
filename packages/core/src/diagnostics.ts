import type { LiveDataLogger, TokenEvent } from './types.js';

type Level = 'debug' | 'info' | 'warn' | 'error';

/**
 * Delivers events and log lines. A throwing listener or logger never breaks a caller.
 * Messages passed here are built by the manager from safe parts only.
 */
export class Diagnostics {
  readonly #logger: LiveDataLogger | undefined;
  readonly #onEvent: ((event: TokenEvent) => void) | undefined;

  constructor(
    logger: LiveDataLogger | undefined,
    onEvent: ((event: TokenEvent) => void) | undefined,
  ) {
    this.#logger = logger;
    this.#onEvent = onEvent;
  }

  /** Whether anyone listens to events: lets a hot path skip building an event nobody reads. */
  get listening(): boolean {
    return this.#onEvent !== undefined;
  }

  emit(event: TokenEvent): void {
    if (!this.#onEvent) return;
    try {
      this.#onEvent(event);
    } catch {
      // A listener's bug must not become the caller's failure.
    }
  }

  log(level: Level, message: string, context?: Record<string, unknown>): void {
    const logger = this.#logger;
    const method = logger?.[level];
    if (typeof method !== 'function') return;
    try {
      if (context === undefined) method.call(logger, `[livedata] ${message}`);
      else method.call(logger, `[livedata] ${message}`, context);
    } catch {
      // Same as above.
    }
  }
}
