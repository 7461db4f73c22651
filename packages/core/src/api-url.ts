import { boundedCache } from './bounded-cache.js';
import { LiveDataAuthError } from './errors.js';
import { createUrlScope, type UrlScope } from './url-scope.js';

const SCHEME = /^[a-z][a-z\d+.-]*:/i;

function basePrefix(base: URL): string {
  return base.pathname.replace(/\/+$/, '');
}

/** A base URL parsed once: what resolving and checking a request URL against it needs. */
interface ApiBase {
  baseUrl: string;
  base: URL;
  prefix: string;
  scope: UrlScope;
}

function apiBase(baseUrl: string): ApiBase {
  const base = new URL(baseUrl);
  return { baseUrl, base, prefix: basePrefix(base), scope: createUrlScope(baseUrl) };
}

// The last base URL asked about, parsed: callers (NestJS's HTTP service, scripts) check many
// URLs against one base, and parsing the base is most of the cost of a check.
let lastBase: ApiBase | undefined;

function apiBaseOf(baseUrl: string): ApiBase {
  if (lastBase?.baseUrl !== baseUrl) lastBase = apiBase(baseUrl);
  return lastBase;
}

/**
 * Whether `url` is under `baseUrl`: same origin (scheme, host, port) and a path equal to
 * the base path or below it (`/api` covers `/api/x`, not `/apix`). Only such URLs get the
 * token. The same rule as {@link createUrlScope}`(baseUrl)`; build the scope once when you
 * check many URLs against one base.
 */
export function isUnderBaseUrl(url: string | URL, baseUrl: string): boolean {
  return apiBaseOf(baseUrl).scope(url);
}

function resolveAgainst(pathOrUrl: string | URL, api: ApiBase): URL {
  if (typeof pathOrUrl !== 'string' && !(pathOrUrl instanceof URL)) {
    throw new LiveDataAuthError(
      'config',
      'tokens.fetch takes a path or a URL (string or URL), not a Request.',
      {
        retryable: false,
      },
    );
  }
  const { base, prefix } = api;
  let resolved: URL;
  if (pathOrUrl instanceof URL || SCHEME.test(pathOrUrl) || pathOrUrl.startsWith('//')) {
    resolved = new URL(pathOrUrl, base);
  } else {
    const relative = pathOrUrl.replace(/^\/+/, '');
    resolved = new URL(`${prefix}/${relative}`, base.origin);
  }
  if (!api.scope(resolved)) {
    const where =
      resolved.origin === base.origin
        ? `${resolved.origin} outside ${prefix || '/'}`
        : resolved.origin;
    throw new LiveDataAuthError(
      'config',
      `tokens.fetch refused a URL on ${where}: the token is only sent under baseUrl (${api.baseUrl}). Use a plain fetch for other hosts.`,
      { setting: 'baseUrl', retryable: false },
    );
  }
  return resolved;
}

/**
 * Resolves what a caller passed to `tokens.fetch`: a path (`'/people/v1/…'` or
 * `'people/v1/…'`, both land under the base path) or an absolute URL. The result must be
 * under `baseUrl` (after `..` is normalized); otherwise throws `LiveDataAuthError` code
 * `config`, naming only the refused origin.
 */
export function resolveApiUrl(pathOrUrl: string | URL, baseUrl: string): URL {
  return resolveAgainst(pathOrUrl, apiBaseOf(baseUrl));
}

/** How many distinct request-URL forms a {@link createApiUrlResolver} remembers. */
export const API_URL_CACHE_ENTRIES = 256;
/** Longer request URLs are resolved every time, so the cache's memory stays small. */
const MAX_CACHED_URL_LENGTH = 2048;

/**
 * {@link resolveApiUrl} for one base URL, deciding once per distinct request-URL form: an
 * application calls a handful of paths over and over, and parsing and checking each
 * against the base is most of what `tokens.fetch` costs besides `fetch` itself. A string
 * is remembered as it is; a `URL` by its `href` (which resolves the same as that string).
 * Only accepted URLs are remembered; a refused one throws every time. The URL returned is
 * shared between calls: treat it as read-only.
 */
export function createApiUrlResolver(
  baseUrl: string,
  maxEntries = API_URL_CACHE_ENTRIES,
): (pathOrUrl: string | URL) => URL {
  const api = apiBase(baseUrl);
  const cache = boundedCache<string, URL>(maxEntries);
  return (pathOrUrl) => {
    const key =
      typeof pathOrUrl === 'string'
        ? pathOrUrl
        : pathOrUrl instanceof URL
          ? pathOrUrl.href
          : undefined;
    if (key === undefined) return resolveAgainst(pathOrUrl, api);
    const known = cache.get(key);
    if (known !== undefined) return known;
    const resolved = resolveAgainst(key, api);
    if (key.length <= MAX_CACHED_URL_LENGTH) cache.set(key, resolved);
    return resolved;
  };
}
