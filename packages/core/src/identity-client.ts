import type { ResolvedCredentials } from './credentials.js';
import { LiveDataAuthError, parseRetryAfterHeader } from './errors.js';
import { type ExpiryField, MIN_LIFETIME_MS, parseUtcDateTime, resolveLifetime } from './expiry.js';
import { isHeaderSafeToken } from './header-safe-token.js';
import { parseHttpDate } from './http-date.js';
import { sanitizeCause } from './redaction.js';
import { unrefTimer } from './timers.js';

/** Path of the identity endpoint under the base URL. */
export const IDENTITY_PATH = '/identity/v1/session';

/** A token as the identity endpoint issued it: the token and its lifetime. */
export interface IssuedToken {
  accessToken: string;
  /**
   * Lifetime in ms, measured on the server's clock when it sent a `Date` header, and within
   * `[MIN_LIFETIME_MS, MAX_LIFETIME_MS]`.
   */
  lifetimeMs: number;
  /**
   * Set when the lifetime could not be measured and was estimated: what to tell the user
   * (once) about it. Holds no body content.
   */
  warning?: string;
  /** The HTTP status of the answer (a 2xx), for events; absent from {@link parseIdentityBody}. */
  status?: number;
}

/** Everything one identity attempt needs. */
export interface IdentityRequest {
  fetch: typeof globalThis.fetch;
  baseUrl: string;
  credentials: Exclude<ResolvedCredentials, { kind: 'apiKey' }>;
  timeoutMs: number;
  now: () => number;
  /** Aborted when the manager closes; the attempt then rejects with its reason. */
  closeSignal: AbortSignal;
}

function requestInit(
  credentials: IdentityRequest['credentials'],
  signal: AbortSignal,
): RequestInit {
  const headers = new Headers({ accept: 'application/json' });
  let body: string;
  if (credentials.kind === 'clientCredentials') {
    headers.set('content-type', 'application/json');
    body = JSON.stringify({
      grantType: 'clientCredentials',
      clientId: credentials.clientId,
      clientSecret: credentials.clientSecret,
    });
  } else {
    headers.set('content-type', 'application/x-www-form-urlencoded');
    body = new URLSearchParams({
      username: credentials.username,
      password: credentials.password,
    }).toString();
  }
  // `manual`: a redirect must never carry the secret to another URL.
  return { method: 'POST', headers, body, signal, redirect: 'manual', cache: 'no-store' };
}

function invalidResponse(message: string, status?: number): LiveDataAuthError {
  return new LiveDataAuthError('invalid_response', message, {
    retryable: false,
    ...(status === undefined ? {} : { status }),
  });
}

function readExpiry(body: Record<string, unknown>): ExpiryField | LiveDataAuthError {
  const absolute = body.expiresAt ?? body.expires_at;
  if (absolute !== undefined && absolute !== null) {
    if (typeof absolute === 'string') {
      const at = parseUtcDateTime(absolute);
      if (at !== undefined) return { kind: 'absolute', expiresAt: at };
    } else if (typeof absolute === 'number' && Number.isFinite(absolute) && absolute > 0) {
      // Epoch seconds or ms. 1e12 ms is September 2001 and 1e12 s is year 33658, so below it
      // the number is seconds (year 9999 is 2.5e11 s, which read as ms would be 1978).
      return { kind: 'absolute', expiresAt: absolute < 1e12 ? absolute * 1000 : absolute };
    }
    return invalidResponse('The identity answer has an expiresAt that is not a date-time.');
  }
  const relative = readExpiresIn(body);
  if (relative instanceof LiveDataAuthError) return relative;
  if (relative !== undefined) return { kind: 'relative', expiresInMs: relative };
  return { kind: 'none' };
}

/** `expires_in` in ms; `undefined` when absent. */
function readExpiresIn(body: Record<string, unknown>): number | undefined | LiveDataAuthError {
  const relative = body.expires_in;
  if (relative === undefined || relative === null) return undefined;
  const seconds =
    typeof relative === 'string' && relative.trim() !== '' ? Number(relative) : relative;
  if (typeof seconds === 'number' && Number.isFinite(seconds) && seconds > 0) return seconds * 1000;
  return invalidResponse('The identity answer has an expires_in that is not a positive number.');
}

/**
 * Reads a 2xx identity answer: `accessToken` or `access_token`, and `expiresAt` /
 * `expires_at` (naive UTC, or epoch), or `expires_in` (seconds), else 15 minutes. The
 * lifetime is bounded (see `resolveLifetime`): capped at 24 hours; below 1 s it is
 * `invalid_response`, unless it was measured on the local clock, which is then assumed to
 * be ahead and the lifetime estimated (with a `warning`).
 * Throws `invalid_response` for anything unusable. Never puts body content in a message.
 */
export function parseIdentityBody(
  text: string,
  dateHeader: string | null,
  localNowMs: number,
  status = 200,
): IssuedToken {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw invalidResponse('The identity endpoint answered with a body that is not JSON.', status);
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw invalidResponse(
      'The identity endpoint answered with JSON that is not an object.',
      status,
    );
  }
  const record = body as Record<string, unknown>;
  const token = record.accessToken ?? record.access_token;
  if (typeof token !== 'string' || token.length === 0) {
    throw invalidResponse('The identity answer has no accessToken.', status);
  }
  if (!isHeaderSafeToken(token)) {
    throw invalidResponse(
      'The identity answer has a token that cannot be sent in a header.',
      status,
    );
  }
  const expiry = readExpiry(record);
  if (expiry instanceof LiveDataAuthError) throw expiry;
  const serverDateMs = parseHttpDate(dateHeader, localNowMs);
  const alsoExpiresIn = expiry.kind === 'absolute' ? readExpiresIn(record) : undefined;
  const lifetime = resolveLifetime(
    expiry,
    serverDateMs,
    localNowMs,
    typeof alsoExpiresIn === 'number' ? alsoExpiresIn : undefined,
  );
  if (lifetime.kind === 'unusable') {
    const stated = lifetime.lifetimeMs;
    throw invalidResponse(
      stated <= 0
        ? // Only a server-clock measure gets here: a past expiry on the local clock is estimated.
          'The identity answer states an expiry that is already past by its own Date header; the token cannot be used.'
        : `The identity answer gives the token ${stated < 1 ? 'under 1' : Math.floor(stated)} ms to live, less than the ${MIN_LIFETIME_MS} ms minimum; it would cost an identity call per request.`,
      status,
    );
  }
  if (lifetime.kind === 'estimated') {
    return {
      accessToken: token,
      lifetimeMs: lifetime.lifetimeMs,
      warning:
        'The identity answer has an expiry that is already past (or moments away) by the local clock, and no Date header to measure it against: the local clock is probably ahead of the server. ' +
        `Serving the new token as if it lived ${Math.round(lifetime.lifetimeMs / 1000)} s and renewing it then; check this machine's clock (NTP), or the clock passed as the now option.`,
    };
  }
  return { accessToken: token, lifetimeMs: lifetime.lifetimeMs };
}

function statusError(response: Response): LiveDataAuthError {
  const status = response.status;
  if (status === 400 || status === 401 || status === 403) {
    return new LiveDataAuthError(
      'invalid_credentials',
      `The identity endpoint rejected the credentials (HTTP ${status}); check the client id and secret, or username and password.`,
      { status, retryable: false },
    );
  }
  // An HTTP-date Retry-After is read against the server's own Date (no skew), else the real clock.
  const serverNow = parseHttpDate(response.headers.get('date')) ?? Date.now();
  const retryAfterMs = parseRetryAfterHeader(response.headers.get('retry-after'), serverNow);
  const extra = retryAfterMs === undefined ? {} : { retryAfterMs };
  if (status === 429) {
    return new LiveDataAuthError(
      'rate_limited',
      'The identity endpoint is rate limiting (HTTP 429); retry later.',
      { status, retryable: true, ...extra },
    );
  }
  if (status === 408) {
    return new LiveDataAuthError(
      'timeout',
      'The identity endpoint timed out (HTTP 408); retry later.',
      {
        status,
        retryable: true,
      },
    );
  }
  if (status >= 500) {
    return new LiveDataAuthError(
      'unavailable',
      `The identity endpoint failed (HTTP ${status}); retry later.`,
      { status, retryable: true, ...extra },
    );
  }
  if (status === 0 || (status >= 300 && status < 400)) {
    return invalidResponse(
      `The identity endpoint answered with a redirect (HTTP ${status}); check baseUrl.`,
      status,
    );
  }
  return invalidResponse(
    `The identity endpoint answered HTTP ${status}; check that baseUrl points at the Live Data API.`,
    status,
  );
}

/**
 * One identity attempt, bounded by `timeoutMs` for headers and body. Throws a
 * `LiveDataAuthError` whose `retryable` says whether another attempt may help; `closed`
 * when the manager closed meanwhile. Errors carry no request data.
 */
export async function requestIdentityToken(req: IdentityRequest): Promise<IssuedToken> {
  if (req.closeSignal.aborted) throw req.closeSignal.reason;
  const controller = new AbortController();
  let timedOut = false;
  let onTimeout: (() => void) | undefined;
  const timeout = new Promise<never>((_, reject) => {
    onTimeout = () => reject(new Error('identity attempt timed out'));
  });
  timeout.catch(() => {});
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
    onTimeout?.();
  }, req.timeoutMs);
  unrefTimer(timer);
  const onClose = () => controller.abort();
  req.closeSignal.addEventListener('abort', onClose, { once: true });
  try {
    const url = `${req.baseUrl}${IDENTITY_PATH}`;
    const fetchImpl = req.fetch;
    const response = await Promise.race([
      fetchImpl(url, requestInit(req.credentials, controller.signal)),
      timeout,
    ]);
    if (response.status < 200 || response.status >= 300) {
      response.body?.cancel().catch(() => {});
      throw statusError(response);
    }
    const text = await Promise.race([response.text(), timeout]);
    const issued = parseIdentityBody(
      text,
      response.headers.get('date'),
      req.now(),
      response.status,
    );
    issued.status = response.status;
    return issued;
  } catch (error) {
    if (req.closeSignal.aborted) throw req.closeSignal.reason;
    if (error instanceof LiveDataAuthError) throw error;
    if (timedOut) {
      throw new LiveDataAuthError(
        'timeout',
        `The identity endpoint did not answer within ${req.timeoutMs} ms.`,
        { retryable: true },
      );
    }
    throw new LiveDataAuthError(
      'unavailable',
      `Could not reach the identity endpoint at ${req.baseUrl}${IDENTITY_PATH}; check the network and baseUrl.`,
      { retryable: true, cause: sanitizeCause(error) },
    );
  } finally {
    clearTimeout(timer);
    req.closeSignal.removeEventListener('abort', onClose);
  }
}
