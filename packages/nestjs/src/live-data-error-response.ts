import { LiveDataApiError, LiveDataAuthError } from '@livedata/core';
import axios from 'axios';
import { LIVE_DATA_UPSTREAM_ERROR } from './live-data.constants.js';

/** Stable `code` of the JSON body `LiveDataExceptionFilter` answers with. */
export type LiveDataErrorResponseCode =
  | 'upstream_unauthorized'
  | 'upstream_forbidden'
  | 'upstream_quota_exceeded'
  | 'upstream_rate_limited'
  | 'upstream_unavailable'
  | 'upstream_error'
  | 'not_found';

/** The HTTP answer for an upstream Live Data failure. Carries no token, secret or upstream body. */
export interface LiveDataErrorResponse {
  /** Status for the application's own client (502, 503 or 404). */
  status: number;
  /** Value of the `Retry-After` header (seconds), set for rate limits. */
  retryAfter?: string;
  /** JSON body, in the shape of Nest's own error bodies plus a stable `code`. */
  body: {
    /** Same as `status`. */
    statusCode: number;
    /** The status's reason phrase, e.g. `'Bad Gateway'`. */
    error: string;
    /** Stable machine-readable code. */
    code: LiveDataErrorResponseCode;
    /** What went wrong upstream, safe to show; never a token, secret or upstream body. */
    message: string;
  };
}

/** `Retry-After` sent for an upstream rate limit whose own `Retry-After` is unknown, in seconds. */
export const DEFAULT_RETRY_AFTER_SECONDS = 5;

type Upstream =
  | { kind: 'status'; status: number; retryAfter?: string }
  | { kind: 'auth'; code: LiveDataAuthError['code']; retryAfter?: string }
  | { kind: 'network' };

/**
 * Maps an upstream Live Data failure to the answer a NestJS application should give its own
 * clients, or `undefined` when `error` is not one (then handle it as usual).
 * `LiveDataExceptionFilter` uses it; call it yourself to build a custom filter.
 *
 * | upstream failure | answer |
 * |---|---|
 * | API 401 / 403, or identity `invalid_credentials` | 502 `upstream_unauthorized` / `upstream_forbidden` |
 * | API 402 (credits spent) | 503 `upstream_quota_exceeded` |
 * | API 429, or identity `rate_limited` | 503 `upstream_rate_limited` with `Retry-After` |
 * | identity `unavailable` / `timeout`, network error | 503 `upstream_unavailable` |
 * | API 404 | 404 `not_found` |
 * | API 5xx / 400, identity `invalid_response` | 502 `upstream_error` |
 *
 * Recognised errors: `LiveDataApiError`, `LiveDataAuthError` (codes above; `config`, `closed`
 * and `aborted` are not upstream failures and return `undefined`), and Axios errors from
 * requests `LiveDataHttpService` sent to the Live Data API.
 */
export function liveDataErrorResponse(error: unknown): LiveDataErrorResponse | undefined {
  const upstream = classify(error);
  if (!upstream) return undefined;
  if (upstream.kind === 'auth') {
    switch (upstream.code) {
      case 'invalid_credentials':
        return respond(502, 'upstream_unauthorized');
      case 'rate_limited':
        return respond(
          503,
          'upstream_rate_limited',
          upstream.retryAfter ?? String(DEFAULT_RETRY_AFTER_SECONDS),
        );
      case 'unavailable':
      case 'timeout':
        return respond(503, 'upstream_unavailable');
      case 'invalid_response':
        return respond(502, 'upstream_error');
      default:
        return undefined;
    }
  }
  if (upstream.kind === 'network') return respond(503, 'upstream_unavailable');
  const { status } = upstream;
  if (status === 401) return respond(502, 'upstream_unauthorized');
  if (status === 403) return respond(502, 'upstream_forbidden');
  if (status === 402) return respond(503, 'upstream_quota_exceeded');
  if (status === 429) {
    return respond(
      503,
      'upstream_rate_limited',
      upstream.retryAfter ?? String(DEFAULT_RETRY_AFTER_SECONDS),
    );
  }
  if (status === 404) return respond(404, 'not_found');
  if (status >= 400) return respond(502, 'upstream_error');
  return undefined;
}

const messages: Record<LiveDataErrorResponseCode, string> = {
  upstream_unauthorized:
    'The Live Data API rejected this service’s credentials. Check the Live Data credentials the service is configured with.',
  upstream_forbidden:
    'This service’s Live Data credentials have no role on the requested organization. Grant a role or use another organization.',
  upstream_quota_exceeded:
    'The Live Data credit quota of this organization is spent. Add credits or wait for the quota to reset, then retry.',
  upstream_rate_limited:
    'The Live Data API is rate limiting this service. Retry after the time in Retry-After.',
  upstream_unavailable: 'The Live Data API is unavailable or did not answer in time. Retry later.',
  upstream_error: 'The Live Data API gave an unexpected answer.',
  not_found: 'Not found in Live Data.',
};

const reasons: Record<number, string> = {
  404: 'Not Found',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

function respond(
  status: number,
  code: LiveDataErrorResponseCode,
  retryAfter?: string,
): LiveDataErrorResponse {
  const response: LiveDataErrorResponse = {
    status,
    body: { statusCode: status, error: reasons[status] ?? 'Error', code, message: messages[code] },
  };
  if (retryAfter !== undefined) response.retryAfter = retryAfter;
  return response;
}

function classify(error: unknown): Upstream | undefined {
  if (error instanceof LiveDataApiError || isNamed(error, 'LiveDataApiError')) {
    const status = (error as { status?: unknown }).status;
    return typeof status === 'number'
      ? { kind: 'status', status, ...retryAfterOf(error) }
      : undefined;
  }
  if (error instanceof LiveDataAuthError || isNamed(error, 'LiveDataAuthError')) {
    return { kind: 'auth', code: (error as LiveDataAuthError).code, ...retryAfterOf(error) };
  }
  if (
    axios.isAxiosError(error) &&
    (error as unknown as Record<symbol, unknown>)[LIVE_DATA_UPSTREAM_ERROR] === true
  ) {
    if (!error.response) return { kind: 'network' };
    const header = error.response.headers?.['retry-after'];
    const retryAfter = typeof header === 'string' ? normalizeRetryAfter(header) : undefined;
    return { kind: 'status', status: error.response.status, ...(retryAfter ? { retryAfter } : {}) };
  }
  return undefined;
}

/** Two copies of `@livedata/core` in one app break `instanceof`; the error name still holds. */
function isNamed(error: unknown, name: string): boolean {
  return error instanceof Error && error.name === name;
}

function retryAfterOf(error: unknown): { retryAfter?: string } {
  const ms = (error as { retryAfterMs?: unknown }).retryAfterMs;
  if (typeof ms === 'number' && Number.isFinite(ms) && ms >= 0)
    return { retryAfter: String(Math.ceil(ms / 1000)) };
  return {};
}

/** Passes on delta-seconds or an HTTP date; anything else is dropped (never echo arbitrary upstream text). */
function normalizeRetryAfter(value: string): string | undefined {
  const trimmed = value.trim();
  if (/^\d{1,7}$/.test(trimmed)) return trimmed;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return String(Math.max(0, Math.ceil((date - Date.now()) / 1000)));
}
