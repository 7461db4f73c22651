import { LiveDataAuthError } from './errors.js';
import type { StoredToken } from './types.js';
import type { UrlScope } from './url-scope.js';

/** What `tokens.fetch` needs from the manager, built once per manager. */
export interface AuthenticatedFetchContext {
  /** Resolves a request URL under baseUrl (throws `config` otherwise); may answer from a cache. */
  resolve(pathOrUrl: string | URL): URL;
  /** Whether a redirect target may carry the token: the manager's scope of baseUrl. */
  scope: UrlScope;
  /** The cached token when it is fresh (no wait, no refresh due), else `undefined`. */
  freshToken(): string | undefined;
  getToken(
    signal: AbortSignal | undefined,
    waitUntil: ((promise: Promise<unknown>) => void) | undefined,
  ): Promise<StoredToken>;
  handleUnauthorized(token: string, path: string): boolean;
  canRetryUnauthorized: boolean;
}

/** Same limit as the fetch standard. */
const MAX_REDIRECTS = 20;

/**
 * Headers the fetch standard (and Node's fetch) drops when a redirect changes origin. We
 * drop them too, once and for good, so a manual redirect loop never sends more than a plain
 * `fetch` would. `authorization` is handled separately: we send it per hop under baseUrl only.
 */
const CROSS_ORIGIN_DROPPED = ['cookie', 'proxy-authorization', 'host'] as const;

/** The fetch standard's request-body-header names, dropped when a redirect turns the request into a GET. */
const REQUEST_BODY_HEADERS = [
  'content-encoding',
  'content-language',
  'content-location',
  'content-type',
  'content-length',
] as const;

function isRedirect(status: number): boolean {
  return status === 301 || status === 302 || status === 303 || status === 307 || status === 308;
}

/**
 * A body that can be sent twice (for a 401 retry or a 307/308 redirect): the fixed kinds of
 * `BodyInit`. Anything else (a `ReadableStream`, an async iterable such as a Node stream) is
 * read once by the first send; sending it again would send nothing, so it is never replayed.
 */
export function isReplayableBody(body: unknown): boolean {
  if (body === undefined || body === null || typeof body === 'string') return true;
  if (body instanceof ArrayBuffer || ArrayBuffer.isView(body)) return true;
  if (typeof Blob !== 'undefined' && body instanceof Blob) return true;
  if (typeof URLSearchParams !== 'undefined' && body instanceof URLSearchParams) return true;
  if (typeof FormData !== 'undefined' && body instanceof FormData) return true;
  return false;
}

function unreplayableRedirect(status: number): LiveDataAuthError {
  return new LiveDataAuthError(
    'config',
    `The server answered HTTP ${status}, a redirect that must resend the request body, and a streamed body can only be sent once. Send a string, ArrayBuffer, Blob, URLSearchParams or FormData body, or pass redirect: 'manual' to handle the redirect yourself.`,
    { setting: 'body', retryable: false },
  );
}

function discard(response: Response): void {
  response.body?.cancel().catch(() => {});
}

interface Attempt {
  response: Response;
  /** The token sent to the URL that produced `response`, if that URL was under baseUrl. */
  sentToken: string | undefined;
  finalUrl: URL;
}

/**
 * `init.headers` with `Authorization: Bearer <token>` (any other spelling of it replaced).
 * A plain record of headers (or none), the common case, becomes a plain object that `fetch`
 * reads once; anything else (a `Headers`, a list of pairs) goes through `Headers`.
 */
function withAuthorization(init: HeadersInit | undefined, token: string): HeadersInit {
  const value = `Bearer ${token}`;
  if (init === undefined || init === null) return { authorization: value };
  if (
    typeof init === 'object' &&
    !(init instanceof Headers) &&
    typeof (init as { [Symbol.iterator]?: unknown })[Symbol.iterator] !== 'function'
  ) {
    const record = init as Record<string, string>;
    const headers: Record<string, string> = {};
    for (const name of Object.keys(record)) {
      if (name.length !== 13 || name.toLowerCase() !== 'authorization') {
        headers[name] = record[name] as string;
      }
    }
    headers.authorization = value;
    return headers;
  }
  const headers = new Headers(init);
  headers.set('authorization', value);
  return headers;
}

/** One `tokens.fetch` call: what every send of it needs. */
interface FetchCall {
  ctx: AuthenticatedFetchContext;
  fetchImpl: typeof globalThis.fetch;
  /** The resolved URL, under baseUrl. */
  url: URL;
  init: RequestInit;
  signal: AbortSignal | undefined;
  waitUntil: ((promise: Promise<unknown>) => void) | undefined;
}

/** `fetch`'s options for one send of `init` with `token`: redirects come back to us. */
function sendOptions(init: RequestInit, token: string): RequestInit {
  return {
    ...init,
    method: (init.method ?? 'GET').toUpperCase(),
    headers: withAuthorization(init.headers, token),
    redirect: 'manual',
  };
}

/**
 * What `response`, the answer of `call.url` to `token`, comes to: itself when it is not a
 * redirect (or the request handles redirects itself); otherwise the end of the redirects,
 * followed by {@link followRedirects}, which decides the token per hop.
 */
function attemptOf(call: FetchCall, token: string, response: Response): Attempt | Promise<Attempt> {
  if (call.init.redirect === 'manual' || !isRedirect(response.status)) {
    return { response, sentToken: token, finalUrl: call.url };
  }
  return followRedirects(call, token, response);
}

/** One request with `token`, its redirects followed. */
async function send(call: FetchCall, token: string): Promise<Attempt> {
  // Called unbound, as every fetch here: workerd's fetch throws "Illegal invocation" when
  // called as a method of anything but the global object.
  const { fetchImpl } = call;
  const response = await fetchImpl(call.url.href, sendOptions(call.init, token));
  return attemptOf(call, token, response);
}

/**
 * Follows the redirect `response` from `url` as `fetch` does (same method and body rules,
 * same headers dropped on a change of origin), except that `Authorization` goes only to
 * URLs under baseUrl: a redirect leaving it is followed without the header.
 *
 * @throws LiveDataAuthError `config` when a 307/308 (or a 301/302 of a non-POST) would have
 * to resend a body that cannot be sent twice.
 */
async function followRedirects(
  call: FetchCall,
  token: string,
  firstResponse: Response,
): Promise<Attempt> {
  // Called unbound, as every fetch here (see `send`).
  const { fetchImpl, ctx, url, init } = call;
  const headers = new Headers(init.headers);
  let method = (init.method ?? 'GET').toUpperCase();
  let body = init.body;
  let current = url;
  let response = firstResponse;
  let under = true;
  for (let hops = 0; ; hops++) {
    if (hops > 0) {
      under = ctx.scope(current);
      const requestHeaders = new Headers(headers);
      if (under) requestHeaders.set('authorization', `Bearer ${token}`);
      else requestHeaders.delete('authorization');
      response = await fetchImpl(current.href, {
        ...init,
        method,
        body,
        headers: requestHeaders,
        redirect: 'manual',
      });
    }
    const attempt: Attempt = { response, sentToken: under ? token : undefined, finalUrl: current };
    if (!isRedirect(response.status)) return attempt;
    if (init.redirect === 'error') {
      discard(response);
      throw new TypeError(
        `Redirect refused: the request set redirect: 'error' (HTTP ${response.status}).`,
      );
    }
    const location = response.headers.get('location');
    if (location === null || hops >= MAX_REDIRECTS) return attempt;
    let next: URL;
    try {
      next = new URL(location, current);
    } catch {
      return attempt;
    }
    if (next.protocol !== 'https:' && next.protocol !== 'http:') return attempt;
    const status = response.status;
    if (
      (status === 303 && method !== 'GET' && method !== 'HEAD') ||
      ((status === 301 || status === 302) && method === 'POST')
    ) {
      method = 'GET';
      body = undefined;
      for (const name of REQUEST_BODY_HEADERS) headers.delete(name);
    } else if (status !== 303 && body !== undefined && body !== null && !isReplayableBody(body)) {
      discard(response);
      throw unreplayableRedirect(status);
    }
    if (next.origin !== current.origin) {
      for (const name of CROSS_ORIGIN_DROPPED) headers.delete(name);
    }
    discard(response);
    current = next;
  }
}

/**
 * The body of `tokens.fetch`: resolve under baseUrl (refusing other URLs), send with the
 * token, and on a 401 from baseUrl ask the manager whether to retry once with a new token.
 *
 * Not an async function: with a fresh cached token (the common case) the request goes out
 * in this turn and its answer reaches the caller one promise reaction after `fetch`'s, as
 * few as deciding about redirects and the 401 allows. Every failure, a synchronous one
 * included, is a rejection.
 */
export function authenticatedFetch(
  ctx: AuthenticatedFetchContext,
  fetchImpl: typeof globalThis.fetch,
  pathOrUrl: string | URL,
  init: RequestInit,
  waitUntil: ((promise: Promise<unknown>) => void) | undefined,
): Promise<Response> {
  try {
    const call: FetchCall = {
      ctx,
      fetchImpl,
      url: ctx.resolve(pathOrUrl),
      init,
      signal: init.signal ?? undefined,
      waitUntil,
    };
    // A fresh cached token needs no wait: the common case skips the manager's full path.
    const fresh =
      call.signal?.aborted || (waitUntil !== undefined && typeof waitUntil !== 'function')
        ? undefined
        : ctx.freshToken();
    if (fresh === undefined) return fetchAfterWait(call);
    return fetchImpl(call.url.href, sendOptions(init, fresh)).then((response) => {
      const first = attemptOf(call, fresh, response);
      return first instanceof Promise
        ? first.then((end) => answer(call, end))
        : answer(call, first);
    });
  } catch (error) {
    return Promise.reject(error);
  }
}

/** {@link authenticatedFetch} when the token must be waited for (or refreshed) first. */
async function fetchAfterWait(call: FetchCall): Promise<Response> {
  const token = (await call.ctx.getToken(call.signal, call.waitUntil)).accessToken;
  return answer(call, await send(call, token));
}

/** The caller's answer to the first attempt: it, unless a 401 from baseUrl is retried. */
function answer(call: FetchCall, first: Attempt): Response | Promise<Response> {
  if (
    first.response.status !== 401 ||
    first.sentToken === undefined ||
    !call.ctx.canRetryUnauthorized
  ) {
    return first.response;
  }
  return retryUnauthorized(call, first, first.sentToken);
}

/** Asks the manager whether a 401 to `rejected` (the token `first` sent) is worth one retry, and makes it. */
async function retryUnauthorized(
  call: FetchCall,
  first: Attempt,
  rejected: string,
): Promise<Response> {
  const { ctx, init } = call;
  const path = first.finalUrl.pathname;
  if (!ctx.handleUnauthorized(rejected, path) || !isReplayableBody(init.body)) {
    return first.response;
  }
  const next = await ctx.getToken(call.signal, call.waitUntil);
  discard(first.response);
  const second = await send(call, next.accessToken);
  if (second.response.status === 401 && second.sentToken !== undefined) {
    // No second retry; this only invalidates a stale token or reports a fresh one.
    ctx.handleUnauthorized(second.sentToken, second.finalUrl.pathname);
  }
  return second.response;
}
