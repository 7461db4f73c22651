import {
  type MeterProvider,
  metrics,
  type Tracer,
  type TracerProvider,
  trace,
} from '@opentelemetry/api';
import { IdentitySpans } from './identity-spans.js';
import type { LiveDataEvent, ObservedEvent } from './observed-events.js';
import { INSTRUMENTATION_SCOPE } from './telemetry-names.js';
import { TokenMetrics } from './token-metrics.js';

/** Options of {@link openTelemetryEvents}. Both optional. */
export interface OpenTelemetryEventsOptions {
  /**
   * Where spans go. Default: the global tracer provider (`trace.getTracerProvider()`),
   * looked up when an identity call starts, so the SDK may be registered after this
   * listener is created.
   */
  tracerProvider?: TracerProvider;
  /**
   * Where metrics go. Default: the global meter provider (`metrics.getMeterProvider()`),
   * looked up at each event, so the SDK may be registered after this listener is created.
   */
  meterProvider?: MeterProvider;
}

/** An `onEvent` listener for `createTokenManager()`. */
export type LiveDataEventListener = (event: LiveDataEvent) => void;

/**
 * An `onEvent` listener that records a token manager's work with OpenTelemetry:
 *
 * - a span per identity call, `livedata.identity.session` (kind `CLIENT`), with
 *   `http.request.method`, `http.response.status_code`, `server.address`, `server.port`,
 *   `url.full`, `livedata.credential.kind`, `http.request.resend_count` after retries, and on
 *   failure `error.type` (the `LiveDataAuthError` code) and an error status. Each retried
 *   attempt is a `livedata.identity.retry` event on it (`livedata.retry.attempt`,
 *   `livedata.retry.delay_ms`, `error.type`, `http.response.status_code`);
 * - `livedata.token.refreshes` (counter; `livedata.refresh.outcome` = `success` | `failure`,
 *   `livedata.refresh.source` = `identity` | `store`), `livedata.identity.duration`
 *   (histogram, `s`), `livedata.token.lookups` (counter; `livedata.lookup.result` = `hit` |
 *   `stale` | `miss`) and `livedata.api.unauthorized_retries` (counter).
 *
 * No span, attribute, event or metric carries a secret or a token. Needs the `identity.*`
 * events of `@livedata/core` of the same release; the listener never throws.
 *
 * @param options - `tracerProvider` and `meterProvider`; the global ones by default.
 * @returns a listener for `createTokenManager({ ..., onEvent })`. To keep a listener of
 * your own as well, pass both to {@link combineListeners}.
 *
 * @example
 * ```ts
 * import { tokenManagerFromEnv } from '@livedata/core';
 * import { openTelemetryEvents } from '@livedata/opentelemetry';
 *
 * const tokens = tokenManagerFromEnv(process.env, { onEvent: openTelemetryEvents() });
 * ```
 */
export function openTelemetryEvents(
  options: OpenTelemetryEventsOptions = {},
): LiveDataEventListener {
  const telemetry = new TokenTelemetry(options.tracerProvider, options.meterProvider);
  return (event: LiveDataEvent) => {
    try {
      telemetry.record(event as ObservedEvent);
    } catch {
      // Telemetry must never become the caller's failure (the manager ignores it too, but a
      // combined listener after this one would not run).
    }
  };
}

/** Instruments per provider, created again when the global provider changes. */
class TokenTelemetry {
  readonly #tracerProvider: TracerProvider | undefined;
  readonly #meterProvider: MeterProvider | undefined;
  readonly #spans = new IdentitySpans();
  #tracer: { provider: TracerProvider; tracer: Tracer } | undefined;
  #metrics: { provider: MeterProvider; instruments: TokenMetrics } | undefined;

  constructor(
    tracerProvider: TracerProvider | undefined,
    meterProvider: MeterProvider | undefined,
  ) {
    this.#tracerProvider = tracerProvider;
    this.#meterProvider = meterProvider;
  }

  record(event: ObservedEvent): void {
    switch (event.type) {
      case 'cache.hit':
        this.#instruments().hit();
        return;
      case 'cache.stale':
        this.#instruments().stale();
        return;
      case 'cache.miss':
        this.#instruments().miss(event.reason);
        return;
      case 'refresh.succeeded':
        this.#instruments().refreshed(event.source);
        return;
      case 'refresh.failed':
        this.#instruments().refreshFailed(event.error.code);
        return;
      case 'unauthorized.retry':
        this.#instruments().unauthorizedRetry();
        return;
      case 'identity.started':
        this.#spans.started(this.#currentTracer(), event);
        return;
      case 'refresh.retry':
        this.#spans.retried(event);
        return;
      case 'identity.succeeded':
      case 'identity.failed': {
        const call = this.#spans.finished(event);
        if (call) this.#instruments().identityCall(call.durationS, call.attributes);
        return;
      }
      default:
        // Other events (store errors, invalidations, …) have no span or metric.
        return;
    }
  }

  #currentTracer(): Tracer {
    const provider = this.#tracerProvider ?? trace.getTracerProvider();
    if (this.#tracer?.provider !== provider) {
      this.#tracer = { provider, tracer: provider.getTracer(INSTRUMENTATION_SCOPE) };
    }
    return this.#tracer.tracer;
  }

  #instruments(): TokenMetrics {
    const provider = this.#meterProvider ?? metrics.getMeterProvider();
    const cached = this.#metrics;
    if (cached?.provider === provider) return cached.instruments;
    const instruments = new TokenMetrics(provider.getMeter(INSTRUMENTATION_SCOPE));
    this.#metrics = { provider, instruments };
    return instruments;
  }
}
