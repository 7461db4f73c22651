import type { Attributes, Counter, Histogram, Meter } from '@opentelemetry/api';
import {
  ATTR_ERROR_TYPE,
  ATTR_LOOKUP_REASON,
  ATTR_LOOKUP_RESULT,
  ATTR_REFRESH_OUTCOME,
  ATTR_REFRESH_SOURCE,
  DURATION_BUCKETS_S,
  IDENTITY_DURATION_METRIC,
  LOOKUPS_METRIC,
  REFRESHES_METRIC,
  UNAUTHORIZED_RETRIES_METRIC,
} from './telemetry-names.js';

// Built once: a cache hit is the hot path of every API call.
const HIT: Attributes = Object.freeze({ [ATTR_LOOKUP_RESULT]: 'hit' });
const STALE: Attributes = Object.freeze({ [ATTR_LOOKUP_RESULT]: 'stale' });
const REFRESHED_FROM: Record<'identity' | 'store', Attributes> = {
  identity: Object.freeze({ [ATTR_REFRESH_OUTCOME]: 'success', [ATTR_REFRESH_SOURCE]: 'identity' }),
  store: Object.freeze({ [ATTR_REFRESH_OUTCOME]: 'success', [ATTR_REFRESH_SOURCE]: 'store' }),
};

/** The four instruments of one meter. */
export class TokenMetrics {
  readonly #refreshes: Counter;
  readonly #identityDuration: Histogram;
  readonly #lookups: Counter;
  readonly #unauthorizedRetries: Counter;

  constructor(meter: Meter) {
    this.#refreshes = meter.createCounter(REFRESHES_METRIC, {
      description: 'Token refreshes that finished, by outcome and by where the token came from.',
      unit: '{refresh}',
    });
    this.#identityDuration = meter.createHistogram(IDENTITY_DURATION_METRIC, {
      description: 'Duration of identity calls, retries and their waits included.',
      unit: 's',
      advice: { explicitBucketBoundaries: DURATION_BUCKETS_S },
    });
    this.#lookups = meter.createCounter(LOOKUPS_METRIC, {
      description:
        'Token lookups by callers: served fresh (hit), served while refreshing (stale), or waited (miss).',
      unit: '{lookup}',
    });
    this.#unauthorizedRetries = meter.createCounter(UNAUTHORIZED_RETRIES_METRIC, {
      description: 'API requests that got a 401 and were retried once with a new token.',
      unit: '{retry}',
    });
  }

  hit(): void {
    this.#lookups.add(1, HIT);
  }

  stale(): void {
    this.#lookups.add(1, STALE);
  }

  miss(reason: string): void {
    this.#lookups.add(1, { [ATTR_LOOKUP_RESULT]: 'miss', [ATTR_LOOKUP_REASON]: reason });
  }

  refreshed(source: 'identity' | 'store'): void {
    this.#refreshes.add(1, REFRESHED_FROM[source] ?? { [ATTR_REFRESH_OUTCOME]: 'success' });
  }

  /** A refresh fails only when minting does (a failing store counts as a miss), so its source is `identity`. */
  refreshFailed(code: string): void {
    this.#refreshes.add(1, {
      [ATTR_REFRESH_OUTCOME]: 'failure',
      [ATTR_REFRESH_SOURCE]: 'identity',
      [ATTR_ERROR_TYPE]: code,
    });
  }

  identityCall(durationS: number, attributes: Attributes): void {
    this.#identityDuration.record(durationS, attributes);
  }

  unauthorizedRetry(): void {
    this.#unauthorizedRetries.add(1);
  }
}
