import { isUnderBaseUrl, resolveApiUrl } from './api-url.js';
import type { StoredToken } from './types.js';

/** What `tokens.fetch` needs from the manager. */
export interface AuthenticatedFetchContext {
  baseUrl: string;
  fetch: typeof globalThis.fetch;
  getToken(signal: AbortSignal | undefined): Promise<StoredToken>;
  handleUnauthorized(token: string, path: string): boolean;
  canRetryUnauthorized: boolean;
}

/** Same limit as the fetch standard. */
const MAX_REDIRECTS = 20;

function isRedirect(status: number): boolean {
  return status === 301 || status === 302 || status === 303 || status === 307 || status === 308;
}

/** A body that can be sent twice (for a 401 retry or a 307/308 redirect). Streams cannot. */
function isReplayable(body: BodyInit | null | undefined): boolean {
  if (body === undefined || body === null) return true;
  return !(typeof ReadableStream !== 'undefined' && body instanceof ReadableStream);
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
 * One request with manual redirects: `Authorization` goes only to URLs under baseUrl; a
 * redirect leaving it is followed without the header (as browsers do).
 */
async function send(
  ctx: AuthenticatedFetchContext,
  url: URL,
  init: RequestInit,
  token: string,
): Promise<Attempt> {
  const fetchImpl = ctx.fetch;
  const headers = new Headers(init.headers);
  let method = (init.method ?? 'GET').toUpperCase();
  let body = init.body;
  let current = url;
  for (let hops = 0; ; hops++) {
    const under = isUnderBaseUrl(current, ctx.baseUrl);
    const requestHeaders = new Headers(headers);
    if (under) requestHeaders.set('authorization', `Bearer ${token}`);
    else requestHeaders.delete('authorization');
    const response = await fetchImpl(current.href, {
      ...init,
      method,
      body,
      headers: requestHeaders,
      redirect: 'manual',
    });
    const attempt: Attempt = { response, sentToken: under ? token : undefined, finalUrl: current };
    if (!isRedirect(response.status) || init.redirect === 'manual') return attempt;
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
    if (
      response.status === 303 ||
      ((response.status === 301 || response.status === 302) && method === 'POST')
    ) {
      if (method !== 'HEAD') method = 'GET';
      body = undefined;
      headers.delete('content-type');
      headers.delete('content-length');
    } else if (!isReplayable(body)) {
      return attempt;
    }
    discard(response);
    current = next;
  }
}

/**
 * The body of `tokens.fetch`: resolve under baseUrl (refusing other URLs), send with the
 * token, and on a 401 from baseUrl ask the manager whether to retry once with a new token.
 */
export async function authenticatedFetch(
  ctx: AuthenticatedFetchContext,
  pathOrUrl: string | URL,
  init: RequestInit,
): Promise<Response> {
  const url = resolveApiUrl(pathOrUrl, ctx.baseUrl);
  const signal = init.signal ?? undefined;
  const first = await send(ctx, url, init, (await ctx.getToken(signal)).accessToken);
  if (first.response.status !== 401 || first.sentToken === undefined || !ctx.canRetryUnauthorized) {
    return first.response;
  }
  const path = first.finalUrl.pathname;
  if (!ctx.handleUnauthorized(first.sentToken, path) || !isReplayable(init.body)) {
    return first.response;
  }
  const next = await ctx.getToken(signal);
  discard(first.response);
  const second = await send(ctx, url, init, next.accessToken);
  if (second.response.status === 401 && second.sentToken !== undefined) {
    // No second retry; this only invalidates a stale token or reports a fresh one.
    ctx.handleUnauthorized(second.sentToken, second.finalUrl.pathname);
  }
  return second.response;
}
