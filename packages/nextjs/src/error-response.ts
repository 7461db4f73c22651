import { classifyLiveDataFailure } from '@livedata/core';

/** JSON body of the responses {@link toNextErrorResponse} builds. */
export interface LiveDataErrorBody {
  /** What failed: a stable code and a message safe to show. */
  error: {
    /** `LiveDataAuthError` or `LiveDataApiError` code, e.g. `invalid_credentials`, `quota_exceeded`. */
    code: string;
    /**
     * What failed, safe to send to a browser: never a token, secret, environment variable,
     * upstream path or organization id (the full error goes to the server log instead).
     */
    message: string;
  };
}

/**
 * Turns a `LiveDataAuthError` or `LiveDataApiError` into a JSON `Response`
 * (`{ "error": { "code", "message" } }`, see {@link LiveDataErrorBody}); any other value
 * gives `undefined`, so callers rethrow it. The status, message and `Retry-After` are decided
 * once in `@livedata/core` (see `classifyLiveDataFailure` for the table: 500 for
 * configuration, 502 for refused credentials or a bad upstream answer, 503 for temporary
 * failures, 404 for an unknown resource); this only puts them in a route handler's
 * `Response`, marked `Cache-Control: no-store`. `Retry-After` (seconds) is set only when
 * Live Data said how long to wait.
 */
export function toNextErrorResponse(error: unknown): Response | undefined {
  const failure = classifyLiveDataFailure(error);
  if (!failure || failure.source.kind === 'network') return undefined;
  const body: LiveDataErrorBody = {
    error: { code: failure.source.code, message: failure.message },
  };
  const headers = new Headers({
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
  });
  if (failure.retryAfterSeconds !== undefined) {
    headers.set('retry-after', String(failure.retryAfterSeconds));
  }
  return new Response(JSON.stringify(body), { status: failure.status, headers });
}
