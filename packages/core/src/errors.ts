import { parseHttpDate } from './http-date.js';
import { inspectSymbol, sanitizeCause } from './redaction.js';

/** Stable codes of {@link LiveDataAuthError}. */
export type LiveDataAuthErrorCode =
  | 'invalid_credentials'
  | 'rate_limited'
  | 'unavailable'
  | 'timeout'
  | 'invalid_response'
  | 'aborted'
  | 'closed'
  | 'config';

/** Options of the {@link LiveDataAuthError} constructor. */
export interface LiveDataAuthErrorOptions {
  /** HTTP status of the identity answer, when there was one. */
  status?: number;
  /** Whether trying again later may succeed. Defaults by code. */
  retryable?: boolean;
  /** For `config`: the option or environment variable to fix. */
  setting?: string;
  /** For `rate_limited`: the wait the server asked for, in ms. */
  retryAfterMs?: number;
  /**
   * The underlying failure. Must hold no secret or token: the manager passes a stand-in that
   * keeps only the underlying error's name and network code (never its message).
   */
  cause?: unknown;
}

const RETRYABLE_BY_DEFAULT: ReadonlySet<LiveDataAuthErrorCode> = new Set([
  'rate_limited',
  'unavailable',
  'timeout',
]);

/**
 * An identity or configuration failure of the token manager.
 *
 * | code | meaning |
 * |---|---|
 * | `invalid_credentials` | the identity endpoint answered 400/401/403 (not retried) |
 * | `rate_limited` | the identity endpoint kept answering 429 |
 * | `unavailable` | network errors or 5xx on every attempt |
 * | `timeout` | every attempt exceeded `requestTimeoutMs` |
 * | `invalid_response` | the answer had no usable token or expiry |
 * | `aborted` | the caller's `signal` aborted its wait |
 * | `closed` | the manager was closed |
 * | `config` | invalid options or environment; `setting` names what to fix |
 *
 * Its message, `cause`, `toJSON()` and `util.inspect` output never contain a secret or token.
 */
export class LiveDataAuthError extends Error {
  /** Always `'LiveDataAuthError'`. */
  override readonly name = 'LiveDataAuthError';
  /** Stable machine-readable code. */
  readonly code: LiveDataAuthErrorCode;
  /** HTTP status of the identity answer, when there was one. */
  readonly status?: number;
  /** Whether trying again later may succeed. */
  readonly retryable: boolean;
  /** For `config` errors: the option or environment variable to fix. */
  readonly setting?: string;
  /** For `rate_limited`: how long the server asked to wait, in ms. */
  readonly retryAfterMs?: number;

  /**
   * The toolkit throws these itself; build one only for a failure of the same family
   * (an adapter or a test).
   *
   * @param code - the failure's stable code.
   * @param message - what failed and what to do next; never a secret or token.
   * @param options - `cause`, `retryable` (default by code), `status`, `setting`, `retryAfterMs`.
   */
  constructor(
    code: LiveDataAuthErrorCode,
    message: string,
    options: LiveDataAuthErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.retryable = options.retryable ?? RETRYABLE_BY_DEFAULT.has(code);
    if (options.status !== undefined) this.status = options.status;
    if (options.setting !== undefined) this.setting = options.setting;
    if (options.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs;
  }

  /** A plain, safe summary (no cause, no stack). */
  toJSON(): Record<string, unknown> {
    return safeSummary(this, ['code', 'message', 'status', 'retryable', 'setting', 'retryAfterMs']);
  }

  /** @internal */
  [inspectSymbol](): string {
    return inspected(this);
  }
}

/** Stable codes of {@link LiveDataApiError}. */
export type LiveDataApiErrorCode =
  | 'unauthorized'
  | 'forbidden'
  | 'quota_exceeded'
  | 'rate_limited'
  | 'not_found'
  | 'server_error'
  | 'bad_request';

/** Credit headers of a Live Data API answer (`X-LDT-Credits-Used`, `X-LDT-Credits-Remaining`). */
export interface LiveDataCredits {
  /** Credits this request used. */
  used?: number;
  /** Credits left; absent when the organization's quota is unlimited. */
  remaining?: number;
}

/** Options of the {@link LiveDataApiError} constructor. */
export interface LiveDataApiErrorOptions {
  /** Credit headers of the answer, copied to {@link LiveDataApiError.credits}. */
  credits?: LiveDataCredits;
  /** The `Retry-After` wait in ms, copied to {@link LiveDataApiError.retryAfterMs}. */
  retryAfterMs?: number;
  /** The underlying error, set as the error's `cause`; must not hold a secret or token. */
  cause?: unknown;
}

/** What to do about each API failure: in `LiveDataApiError` messages and `classifyLiveDataFailure`. */
export const API_ADVICE: Record<LiveDataApiErrorCode, string> = {
  bad_request: 'the request was malformed; check its path and body',
  unauthorized:
    'the credential was rejected; check that it is valid and that API keys are only used on people and company endpoints',
  quota_exceeded:
    "the organization's credits are spent; free /preview calls still work; add credits or wait for the quota to reset",
  forbidden:
    'the credential has no role (viewer, editor, admin) on this organization; check the org id in the path',
  not_found: 'no such resource; check the path and ids',
  rate_limited: 'too many requests; wait before retrying',
  server_error: 'the Live Data API failed; retry later',
};

function codeForStatus(status: number): LiveDataApiErrorCode {
  switch (status) {
    case 400:
      return 'bad_request';
    case 401:
      return 'unauthorized';
    case 402:
      return 'quota_exceeded';
    case 403:
      return 'forbidden';
    case 404:
      return 'not_found';
    case 429:
      return 'rate_limited';
    default:
      return status >= 500 || status < 400 ? 'server_error' : 'bad_request';
  }
}

function numberHeader(headers: Headers, name: string): number | undefined {
  const raw = headers.get(name);
  if (raw === null || raw.trim() === '') return undefined;
  const value = Number(raw);
  return Number.isFinite(value) ? value : undefined;
}

/** Reads the credit headers of an API answer; `undefined` when neither is present. */
export function readCredits(headers: Headers): LiveDataCredits | undefined {
  const used = numberHeader(headers, 'x-ldt-credits-used');
  const remaining = numberHeader(headers, 'x-ldt-credits-remaining');
  if (used === undefined && remaining === undefined) return undefined;
  const credits: LiveDataCredits = {};
  if (used !== undefined) credits.used = used;
  if (remaining !== undefined) credits.remaining = remaining;
  return credits;
}

function safePath(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return '';
  }
}

/**
 * A non-2xx answer of the Live Data API, for helpers that prefer throwing to inspecting a
 * `Response`. Build one with {@link LiveDataApiError.fromResponse}.
 */
export class LiveDataApiError extends Error {
  /** Always `'LiveDataApiError'`. */
  override readonly name = 'LiveDataApiError';
  /** HTTP status. */
  readonly status: number;
  /** Stable machine-readable code, mapped from the status. */
  readonly code: LiveDataApiErrorCode;
  /** Credit headers of the answer, when present. */
  readonly credits?: LiveDataCredits;
  /** For `rate_limited`: the `Retry-After` wait in ms, when the API sent one. */
  readonly retryAfterMs?: number;

  /**
   * Prefer {@link LiveDataApiError.fromResponse}, which maps the status to the code and
   * reads the credit and `Retry-After` headers.
   *
   * @param status - HTTP status of the answer.
   * @param code - the code for that status.
   * @param message - what failed and what to do next; never a secret or token.
   * @param options - credits, `Retry-After` wait and `cause`.
   */
  constructor(
    status: number,
    code: LiveDataApiErrorCode,
    message: string,
    options: LiveDataApiErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.status = status;
    this.code = code;
    if (options.credits !== undefined) this.credits = options.credits;
    if (options.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs;
  }

  /**
   * Maps a (non-2xx) `Response`: 400 `bad_request`, 401 `unauthorized`, 402 `quota_exceeded`,
   * 403 `forbidden`, 404 `not_found`, 429 `rate_limited` (with `retryAfterMs`), 5xx
   * `server_error`, other 4xx `bad_request`. Reads the credit headers into `credits`.
   * Does not read the body. The message names the path (no query) and what to do.
   */
  static fromResponse(response: Response): LiveDataApiError {
    const status = response.status;
    const code = codeForStatus(status);
    const path = safePath(response.url);
    const options: LiveDataApiErrorOptions = {};
    const credits = readCredits(response.headers);
    if (credits) options.credits = credits;
    if (code === 'rate_limited') {
      const retryAfter = parseRetryAfterHeader(response.headers.get('retry-after'), Date.now());
      if (retryAfter !== undefined) options.retryAfterMs = retryAfter;
    }
    const where = path ? ` for ${path}` : '';
    return new LiveDataApiError(
      status,
      code,
      `Live Data API answered ${status} (${code})${where}: ${API_ADVICE[code]}.`,
      options,
    );
  }

  /** A plain, safe summary (no cause, no stack). */
  toJSON(): Record<string, unknown> {
    return safeSummary(this, ['status', 'code', 'message', 'credits', 'retryAfterMs']);
  }

  /** @internal */
  [inspectSymbol](): string {
    return inspected(this);
  }
}

/**
 * Parses a `Retry-After` header (delta seconds, or an HTTP date in any RFC 9110 form, read
 * as GMT) into ms from `nowMs`.
 * Returns `undefined` when absent or unparseable; never negative.
 */
export function parseRetryAfterHeader(value: string | null, nowMs: number): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (trimmed === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = parseHttpDate(trimmed, nowMs);
  if (date === undefined) return undefined;
  return Math.max(0, date - nowMs);
}

/** What both error classes serialize to: `name`, then `fields` in order; never a cause or stack. */
function safeSummary<E extends Error>(
  error: E,
  fields: ReadonlyArray<keyof E & string>,
): Record<string, unknown> {
  const summary: Record<string, unknown> = { name: error.name };
  for (const field of fields) summary[field] = error[field];
  return summary;
}

/** How both error classes show in `util.inspect`: the stack (which starts with the message), never the cause. */
function inspected(error: Error & { readonly code: string }): string {
  return error.stack ?? `${error.name} [${error.code}]: ${error.message}`;
}

/**
 * `thrown` itself when it is a {@link LiveDataAuthError}; otherwise a retryable
 * `unavailable` one saying `message`, so an unexpected failure (a bug in a store, a hook or
 * a custom `fetch`) reaches callers and events as the one error family. With `withCause`,
 * the new error's `cause` is `thrown` as `sanitizeCause` leaves it.
 */
export function asLiveDataAuthError(
  thrown: unknown,
  message: string,
  options: { withCause?: boolean } = {},
): LiveDataAuthError {
  if (thrown instanceof LiveDataAuthError) return thrown;
  return new LiveDataAuthError('unavailable', message, {
    retryable: true,
    ...(options.withCause ? { cause: sanitizeCause(thrown) } : {}),
  });
}
