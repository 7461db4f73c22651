import {
  API_ADVICE,
  LiveDataApiError,
  type LiveDataApiErrorCode,
  LiveDataAuthError,
  type LiveDataAuthErrorCode,
} from './errors.js';

/**
 * Stable codes of a {@link LiveDataFailure}: what went wrong, from the point of view of a
 * service's own clients.
 */
export type LiveDataFailureCode =
  | 'upstream_unauthorized'
  | 'upstream_forbidden'
  | 'upstream_quota_exceeded'
  | 'upstream_rate_limited'
  | 'upstream_unavailable'
  | 'upstream_error'
  | 'not_found'
  | 'service_misconfigured'
  | 'service_unavailable';

/**
 * How a service built on the toolkit should answer its own client when a Live Data call
 * failed, decided once for every adapter (NestJS, Next.js) and tool (CLI, examples).
 * Adapters only put it in their framework's body shape.
 */
export interface LiveDataFailure {
  /** Status for the service's own client: 404, 500, 502 or 503. */
  status: 404 | 500 | 502 | 503;
  /** Stable machine-readable code. */
  code: LiveDataFailureCode;
  /**
   * Safe to send to the service's clients: never a token, a secret, an environment variable,
   * the upstream path or an organization id.
   */
  message: string;
  /** What the service's operator should do about it (for logs and command-line tools). */
  advice: string;
  /**
   * Seconds for a `Retry-After` header: set only when Live Data said how long to wait (a 429
   * with `Retry-After`); never invented.
   */
  retryAfterSeconds?: number;
  /** Whether the same call may succeed later without anyone changing anything. */
  retryable: boolean;
  /** The failure this was classified from: the core error's own code, or `'unreachable'`. */
  source: {
    /** `'auth'` for a `LiveDataAuthError`, `'api'` for a `LiveDataApiError`, `'network'` for `'unreachable'`. */
    kind: 'auth' | 'api' | 'network';
    /** That error's own `code`, or `'unreachable'`. */
    code: LiveDataAuthErrorCode | LiveDataApiErrorCode | 'unreachable';
  };
}

type Decision = Pick<LiveDataFailure, 'status' | 'code' | 'retryable' | 'advice'>;

const MESSAGES: Record<LiveDataFailureCode, string> = {
  upstream_unauthorized:
    'The Live Data API rejected this service’s credentials. Check the Live Data credentials the service is configured with.',
  upstream_forbidden:
    'This service’s Live Data credentials have no role on the requested organization. Grant a role or use another organization.',
  upstream_quota_exceeded:
    'The Live Data credit quota of this organization is spent. Add credits or wait for the quota to reset, then retry.',
  upstream_rate_limited:
    'The Live Data API is rate limiting this service. Retry later (after Retry-After, when given).',
  upstream_unavailable: 'The Live Data API is unavailable or did not answer in time. Retry later.',
  upstream_error: 'The Live Data API gave an unexpected answer.',
  not_found: 'Not found in Live Data.',
  service_misconfigured: 'This service’s Live Data configuration is invalid.',
  service_unavailable:
    'This service stopped waiting for Live Data (it is shutting down or the request was cancelled). Retry.',
};

// The one table: every core error code, and a Live Data API that did not answer at all.
// 502: Live Data refused or garbled what this service sent (nothing its client can change).
// 503: temporary, worth retrying later (credits spent is temporary for the service's client:
// it cannot top them up, so not 402). 500: this service is misconfigured.
const AUTH: Record<LiveDataAuthErrorCode, Decision> = {
  config: {
    status: 500,
    code: 'service_misconfigured',
    retryable: false,
    advice: 'fix the option or environment variable the message names, then restart',
  },
  invalid_credentials: {
    status: 502,
    code: 'upstream_unauthorized',
    retryable: false,
    advice:
      'the identity endpoint refused the credentials: copy the client id and secret (or username and password) again, and check that they belong to the environment of the base URL',
  },
  invalid_response: {
    status: 502,
    code: 'upstream_error',
    retryable: false,
    advice:
      'the base URL answered, but not like the Live Data identity endpoint: check that it is the API root (it usually ends in /api)',
  },
  rate_limited: {
    status: 503,
    code: 'upstream_rate_limited',
    retryable: true,
    advice:
      'the identity endpoint is rate limiting this client: wait, and let processes share one token (a shared store) instead of each signing in',
  },
  unavailable: {
    status: 503,
    code: 'upstream_unavailable',
    retryable: true,
    advice: 'the identity endpoint could not be reached: check the base URL, the network and proxy',
  },
  timeout: {
    status: 503,
    code: 'upstream_unavailable',
    retryable: true,
    advice:
      'the identity endpoint did not answer in time: check the network, or raise requestTimeoutMs',
  },
  aborted: {
    status: 503,
    code: 'service_unavailable',
    retryable: true,
    advice: 'the caller cancelled its wait for a token',
  },
  closed: {
    status: 503,
    code: 'service_unavailable',
    retryable: true,
    advice: 'the token manager was closed (the service is shutting down)',
  },
};

const API_DECISIONS: Record<LiveDataApiErrorCode, Omit<Decision, 'advice'>> = {
  unauthorized: { status: 502, code: 'upstream_unauthorized', retryable: false },
  forbidden: { status: 502, code: 'upstream_forbidden', retryable: false },
  quota_exceeded: { status: 503, code: 'upstream_quota_exceeded', retryable: true },
  rate_limited: { status: 503, code: 'upstream_rate_limited', retryable: true },
  not_found: { status: 404, code: 'not_found', retryable: false },
  bad_request: { status: 502, code: 'upstream_error', retryable: false },
  server_error: { status: 502, code: 'upstream_error', retryable: true },
};

const UNREACHABLE: Decision = {
  status: 503,
  code: 'upstream_unavailable',
  retryable: true,
  advice: 'the Live Data API could not be reached: check the base URL, the network and proxy',
};

/** A core error, also when another copy of `@livedata/core` in the app threw it. */
function asCoreError(error: unknown): LiveDataAuthError | LiveDataApiError | undefined {
  if (error instanceof LiveDataAuthError || error instanceof LiveDataApiError) return error;
  if (
    error instanceof Error &&
    (error.name === 'LiveDataAuthError' || error.name === 'LiveDataApiError') &&
    typeof (error as { code?: unknown }).code === 'string'
  ) {
    return error as LiveDataAuthError | LiveDataApiError;
  }
  return undefined;
}

function failure(
  decision: Decision,
  source: LiveDataFailure['source'],
  retryAfterMs?: unknown,
): LiveDataFailure {
  const result: LiveDataFailure = {
    ...decision,
    message: MESSAGES[decision.code],
    source,
  };
  if (typeof retryAfterMs === 'number' && Number.isFinite(retryAfterMs) && retryAfterMs >= 0) {
    result.retryAfterSeconds = Math.ceil(retryAfterMs / 1000);
  }
  return result;
}

/**
 * Classifies a failed Live Data call for a service's own clients: the status to answer, a
 * stable code, a message safe to show them, advice for the operator, and `Retry-After` when
 * Live Data gave one. The one place these decisions live; `@livedata/nestjs`'s exception
 * filter, `@livedata/nextjs`'s `withLiveData` and the `livedata` CLI all use it.
 *
 * | failure | status | code |
 * |---|---|---|
 * | auth `config` | 500 | `service_misconfigured` |
 * | auth `invalid_credentials`, API `unauthorized` | 502 | `upstream_unauthorized` |
 * | API `forbidden` | 502 | `upstream_forbidden` |
 * | auth `invalid_response`, API `bad_request`, `server_error` | 502 | `upstream_error` |
 * | API `quota_exceeded` (402) | 503 | `upstream_quota_exceeded` |
 * | auth or API `rate_limited` | 503 | `upstream_rate_limited` (+ `retryAfterSeconds` when known) |
 * | auth `unavailable`, `timeout`; `'unreachable'` | 503 | `upstream_unavailable` |
 * | auth `aborted`, `closed` | 503 | `service_unavailable` |
 * | API `not_found` | 404 | `not_found` |
 *
 * @param error - a `LiveDataAuthError` or `LiveDataApiError` (from any copy of the core), or
 * the string `'unreachable'` when your HTTP client got no answer from the Live Data API at all.
 * @returns the classification, or `undefined` for anything else (handle it as usual).
 */
export function classifyLiveDataFailure(error: unknown): LiveDataFailure | undefined {
  if (error === 'unreachable') {
    return failure(UNREACHABLE, { kind: 'network', code: 'unreachable' });
  }
  const coreError = asCoreError(error);
  if (!coreError) return undefined;
  if (coreError.name === 'LiveDataApiError') {
    const known = coreError.code in API_DECISIONS;
    const code = (known ? coreError.code : 'server_error') as LiveDataApiErrorCode;
    const decision = { ...API_DECISIONS[code], advice: API_ADVICE[code] };
    return failure(decision, { kind: 'api', code }, coreError.retryAfterMs);
  }
  const known = coreError.code in AUTH;
  const code = (known ? coreError.code : 'unavailable') as LiveDataAuthErrorCode;
  return failure(AUTH[code], { kind: 'auth', code }, coreError.retryAfterMs);
}
