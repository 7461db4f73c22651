/**
 * The names this package records, in one place. Spans and metrics are named by the Live Data
 * design; HTTP attributes follow OpenTelemetry's semantic conventions for HTTP clients.
 */

/** Instrumentation scope of the tracer and the meter. */
export const INSTRUMENTATION_SCOPE = '@livedata/opentelemetry';

/** The span of one identity call (every attempt of one mint, retries included). */
export const IDENTITY_SPAN = 'livedata.identity.session';
/** The span event of an identity attempt that failed and is retried. */
export const RETRY_EVENT = 'livedata.identity.retry';

/** Counter of finished refreshes. */
export const REFRESHES_METRIC = 'livedata.token.refreshes';
/** Histogram of identity call durations, in seconds. */
export const IDENTITY_DURATION_METRIC = 'livedata.identity.duration';
/** Counter of token lookups by callers. */
export const LOOKUPS_METRIC = 'livedata.token.lookups';
/** Counter of API requests retried after a 401. */
export const UNAUTHORIZED_RETRIES_METRIC = 'livedata.api.unauthorized_retries';

export const ATTR_HTTP_REQUEST_METHOD = 'http.request.method';
export const ATTR_HTTP_RESPONSE_STATUS_CODE = 'http.response.status_code';
export const ATTR_HTTP_REQUEST_RESEND_COUNT = 'http.request.resend_count';
export const ATTR_SERVER_ADDRESS = 'server.address';
export const ATTR_SERVER_PORT = 'server.port';
export const ATTR_URL_FULL = 'url.full';
export const ATTR_ERROR_TYPE = 'error.type';
export const ATTR_CREDENTIAL_KIND = 'livedata.credential.kind';
export const ATTR_REFRESH_OUTCOME = 'livedata.refresh.outcome';
export const ATTR_REFRESH_SOURCE = 'livedata.refresh.source';
export const ATTR_LOOKUP_RESULT = 'livedata.lookup.result';
export const ATTR_LOOKUP_REASON = 'livedata.lookup.reason';
export const ATTR_RETRY_ATTEMPT = 'livedata.retry.attempt';
export const ATTR_RETRY_DELAY_MS = 'livedata.retry.delay_ms';

/**
 * Bucket boundaries (seconds) of the duration histogram: OpenTelemetry's advice for
 * `http.client.request.duration`, plus 30 s and 60 s since one call includes its retries.
 */
export const DURATION_BUCKETS_S = [
  0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10, 30, 60,
];
