import { assertSecureScheme } from './base-url.js';
import { LiveDataAuthError } from './errors.js';

/**
 * Decides whether a fully resolved request URL may carry the token. Build one with
 * {@link createUrlScope}.
 */
export type UrlScope = (url: string | URL) => boolean;

function normalizeAllowedEntry(entry: string): string {
  let url: URL;
  try {
    url = new URL(entry);
  } catch {
    throw new LiveDataAuthError(
      'config',
      `allowedOrigins entry ${JSON.stringify(entry)} is not an absolute URL; use e.g. 'https://files.example.com'.`,
      { setting: 'allowedOrigins' },
    );
  }
  assertSecureScheme(url, 'allowedOrigins');
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

interface Prefix {
  /** `origin` + `path`: how a URL under it starts, spelled the way `URL` serializes it. */
  text: string | undefined;
  origin: string;
  /** The path without trailing slashes; `''` allows every path on the origin. */
  path: string;
}

/** `isUnderBaseUrl`'s view of a base URL, computed once instead of on every request. */
function parsePrefix(baseUrl: string): Prefix | undefined {
  try {
    const base = new URL(baseUrl);
    const path = base.pathname.replace(/\/+$/, '');
    // An opaque origin (`'null'`) has no spelling to compare: such a base is only matched by parsing.
    const text = base.origin === 'null' ? undefined : `${base.origin}${path}`;
    return { text, origin: base.origin, path };
  } catch {
    return undefined;
  }
}

// What can move a path out of a prefix when parsed: dot segments (also percent-encoded or
// after a backslash, which special schemes read as `/`), and tabs or newlines, which the
// parser deletes and so can join characters into a dot segment.
const MAY_ESCAPE = /[\\%\t\n\r]|\/\./;

/**
 * `true` when `url` is already spelled as a URL under `prefix` (the common case: `baseURL`
 * + a plain path) and nothing after the prefix can move it elsewhere; `false` when that
 * takes a full parse to tell.
 */
function isPlainlyUnder(url: string, prefix: Prefix): boolean {
  const { text } = prefix;
  if (text === undefined || !url.startsWith(text) || url.charCodeAt(text.length) !== 47)
    return false;
  let end = url.length;
  const query = url.indexOf('?', text.length);
  if (query !== -1) end = query;
  const hash = url.indexOf('#', text.length);
  if (hash !== -1 && hash < end) end = hash;
  return !MAY_ESCAPE.test(url.slice(text.length, end));
}

function isUnder(target: URL, prefix: Prefix): boolean {
  if (target.origin !== prefix.origin) return false;
  if (prefix.path === '') return true;
  const path = target.pathname;
  return (
    path.startsWith(prefix.path) &&
    (path.length === prefix.path.length || path.charCodeAt(prefix.path.length) === 47)
  );
}

/**
 * The one rule for "may this URL carry the token": under `baseUrl` (same origin, and a path
 * equal to the base path or below it: `/api` covers `/api/x`, not `/apix`) or under one of
 * `allowedOrigins` (an origin, every path; or a URL with a path, that path and below).
 * `tokens.fetch`, `isUnderBaseUrl` and every adapter decide with it; an adapter only turns
 * its framework's request into the URL it will really be sent to.
 *
 * Takes a parsed URL, or a string that is parsed first; relative URLs only count in a
 * browser, resolved against the page. The places are parsed once, here; a string that
 * plainly starts with one of them (no dot segments, escapes or backslashes after it) is
 * accepted without parsing.
 *
 * @param baseUrl - the manager's normalized base URL (`tokens.baseUrl`).
 * @param allowedOrigins - more places that may receive the token; `https:` only, except
 * loopback hosts.
 * @throws LiveDataAuthError code `config` (`setting: 'allowedOrigins'`) for an entry that
 * is not an absolute URL or uses plain `http:` to a host other than a loopback one.
 */
export function createUrlScope(baseUrl: string, allowedOrigins: readonly string[] = []): UrlScope {
  const prefixes: Prefix[] = [];
  for (const entry of [baseUrl, ...allowedOrigins.map(normalizeAllowedEntry)]) {
    const prefix = parsePrefix(entry);
    if (prefix) prefixes.push(prefix);
  }
  return (url) => {
    if (typeof url === 'string') {
      for (const prefix of prefixes) if (isPlainlyUnder(url, prefix)) return true;
    }
    const absolute = typeof url === 'string' ? toAbsoluteUrl(url) : url;
    if (absolute === undefined) return false;
    for (const prefix of prefixes) if (isUnder(absolute, prefix)) return true;
    return false;
  };
}

function toAbsoluteUrl(url: string): URL | undefined {
  // Axios in a browser resolves relative and protocol-relative URLs against the page;
  // in Node it cannot send them at all, so there is nothing to authenticate.
  const page = (globalThis as { location?: { href?: string } }).location?.href;
  try {
    return new URL(url, page);
  } catch {
    return undefined;
  }
}
