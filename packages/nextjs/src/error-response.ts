import { LiveDataApiError, LiveDataAuthError } from '@livedata/core';

/** JSON body of the responses {@link liveDataErrorResponse} builds. */
export interface LiveDataErrorBody {
  /** What failed: a stable code and a message safe to show. */
  error: {
    /** `LiveDataAuthError` or `LiveDataApiError` code, e.g. `invalid_credentials`, `quota_exceeded`. */
    code: string;
    /** The error's message: says what failed and what to do; never holds a secret or token. */
    message: string;
  };
}

type LiveDataError = LiveDataAuthError | LiveDataApiError;

const AUTH_STATUS: Record<LiveDataAuthError['code'], number> = {
  // The server is misconfigured: nothing the caller can change.
  config: 500,
  // The Live Data identity endpoint refused or garbled our request: a bad upstream answer.
  invalid_credentials: 502,
  invalid_response: 502,
  // Temporary: worth retrying later.
  rate_limited: 503,
  unavailable: 503,
  timeout: 503,
  aborted: 503,
  closed: 503,
};

const API_STATUS: Record<LiveDataApiError['code'], number> = {
  // What the caller asked for does not exist upstream either.
  not_found: 404,
  rate_limited: 503,
  // The organization's credits are spent: this app is out of service until they are
  // topped up, which the app's own caller cannot do (so not 402).
  quota_exceeded: 503,
  // Our credential or request was refused, or the API failed: a bad upstream answer.
  unauthorized: 502,
  forbidden: 502,
  bad_request: 502,
  server_error: 502,
};

/** Whether `error` is one of core's errors, also when another copy of the core threw it. */
function asLiveDataError(error: unknown): LiveDataError | undefined {
  if (error instanceof LiveDataAuthError || error instanceof LiveDataApiError) return error;
  if (
    error instanceof Error &&
    (error.name === 'LiveDataAuthError' || error.name === 'LiveDataApiError') &&
    typeof (error as { code?: unknown }).code === 'string'
  ) {
    return error as LiveDataError;
  }
  return undefined;
}

function statusFor(error: LiveDataError): number {
  const table: Record<string, number> =
    error.name === 'LiveDataApiError' ? API_STATUS : AUTH_STATUS;
  return table[error.code] ?? 502;
}

/**
 * Turns a `LiveDataAuthError` or `LiveDataApiError` into a JSON `Response`
 * (`{ "error": { "code", "message" } }`, see {@link LiveDataErrorBody}); any other value
 * gives `undefined`, so callers rethrow it.
 *
 * | error | status |
 * |---|---|
 * | auth `config` | 500 |
 * | auth `invalid_credentials`, `invalid_response` | 502 |
 * | auth `rate_limited`, `unavailable`, `timeout`, `aborted`, `closed` | 503 |
 * | API `not_found` | 404 |
 * | API `rate_limited`, `quota_exceeded` (the API's 402) | 503 |
 * | API `unauthorized`, `forbidden`, `bad_request`, `server_error` | 502 |
 *
 * A 503 carries `Retry-After` (seconds) when the Live Data API said how long to wait.
 * The body holds only the code and message, never a token or secret, and the response
 * is `Cache-Control: no-store`.
 */
export function liveDataErrorResponse(error: unknown): Response | undefined {
  const liveDataError = asLiveDataError(error);
  if (!liveDataError) return undefined;
  const status = statusFor(liveDataError);
  const body: LiveDataErrorBody = {
    error: { code: liveDataError.code, message: liveDataError.message },
  };
  const headers = new Headers({
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
  });
  const retryAfterMs = liveDataError.retryAfterMs;
  if (status === 503 && typeof retryAfterMs === 'number' && Number.isFinite(retryAfterMs)) {
    headers.set('retry-after', String(Math.max(0, Math.ceil(retryAfterMs / 1000))));
  }
  return new Response(JSON.stringify(body), { status, headers });
}
