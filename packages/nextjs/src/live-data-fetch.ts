import { handToAfter } from './after-response.js';
import { requireRequestScope } from './request-scope.js';
import { getTokenManager } from './token-manager-singleton.js';

/** Options of {@link getLiveDataToken}. */
export interface GetLiveDataTokenOptions {
  /** Cancels this caller's wait (not the shared refresh other callers may be waiting for). */
  signal?: AbortSignal;
  /** Ignore the cached token and wait for a new one. */
  forceRefresh?: boolean;
}

/**
 * A valid Live Data access token from the process-wide manager ({@link getTokenManager}).
 *
 * Calls Next's `connection()` first, so a page or route that uses it is rendered per
 * request: during `next build` the prerender stops there and no token is requested, and
 * inside `'use cache'` or `unstable_cache` it throws (a token-made answer is never cached).
 * Outside any Next.js request (scripts, tests, Pages Router) it simply proceeds.
 * A background refresh it starts (the token is near its expiry) is handed to Next's
 * `after()`, so the platform does not end the function before the refresh settles.
 * Keep the token on the server: never return it from a server action or pass it to a
 * client component.
 *
 * @throws `LiveDataAuthError` (`config`, `invalid_credentials`, `unavailable`, …).
 */
export async function getLiveDataToken(options: GetLiveDataTokenOptions = {}): Promise<string> {
  await requireRequestScope();
  return getTokenManager().getAccessToken({ ...options, waitUntil: handToAfter });
}

/**
 * `fetch` for the Live Data API: `path` (e.g. `/people/v1/o_3daf8872/find`) is joined to
 * the configured base URL, the token is attached, a 401 is retried once with a new token.
 * Returns the `Response` as is (non-2xx included; use `LiveDataApiError.fromResponse` to
 * throw).
 *
 * Never cached by Next.js: `cache: 'no-store'` is forced and any `next` option
 * (`revalidate`, `tags`) is dropped, so the data cache never keeps an answer made with a
 * token. Like {@link getLiveDataToken} it calls `connection()`, so it makes the calling
 * route dynamic and requests nothing during `next build`. A background refresh it starts
 * is handed to `after()`, as for {@link getLiveDataToken}.
 */
export async function liveDataFetch(path: string, init?: RequestInit): Promise<Response> {
  await requireRequestScope();
  const { next: _dropped, ...rest } = (init ?? {}) as RequestInit & { next?: unknown };
  return getTokenManager().fetch(path, { ...rest, cache: 'no-store' }, { waitUntil: handToAfter });
}
