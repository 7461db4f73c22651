import { LiveDataApiError } from '@livedata/core';
import type { AxiosError } from 'axios';

/** Whether `error` is an `AxiosError` (of any installed Axios copy). */
export function isAxiosErrorLike(error: unknown): error is AxiosError {
  return typeof error === 'object' && error !== null && (error as AxiosError).isAxiosError === true;
}

function toHeaders(raw: unknown): Headers {
  const headers = new Headers();
  if (typeof raw !== 'object' || raw === null) return headers;
  for (const [name, value] of Object.entries(raw)) {
    if (typeof value === 'string' || typeof value === 'number') headers.set(name, String(value));
    else if (Array.isArray(value)) headers.set(name, value.join(', '));
  }
  return headers;
}

/**
 * The `LiveDataApiError` (from `@livedata/core`) for an `AxiosError` that carries an API
 * answer with status 400–599: a stable `code` (`quota_exceeded` for 402, `forbidden` for
 * 403, `unauthorized` for 401, …), the credit headers and a message that says what to do.
 * Returns `undefined` for anything else (network errors, cancellations, other errors), so
 * callers can fall back to their own handling. The result carries no token.
 *
 * @example
 * ```ts
 * try { await api.post(`/people/v1/${org}/find`, body); }
 * catch (error) { throw toLiveDataApiError(error) ?? error; }
 * ```
 */
export function toLiveDataApiError(error: unknown): LiveDataApiError | undefined {
  if (!isAxiosErrorLike(error) || !error.response) return undefined;
  const { status } = error.response;
  if (!Number.isInteger(status) || status < 400 || status > 599) return undefined;
  return LiveDataApiError.fromResponse(
    new Response(null, { status, headers: toHeaders(error.response.headers) }),
  );
}
