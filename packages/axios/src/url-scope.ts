import { isLoopbackHost } from '@livedata/core';

/** Decides whether a fully resolved request URL may carry the token. */
export type UrlScope = (url: string | URL) => boolean;

function normalizeAllowedEntry(entry: string): string {
  let url: URL;
  try {
    url = new URL(entry);
  } catch {
    throw new TypeError(
      `allowedOrigins entry ${JSON.stringify(entry)} is not an absolute URL; use e.g. 'https://files.example.com'.`,
    );
  }
  const secure =
    url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname));
  if (!secure) {
    throw new TypeError(
      `allowedOrigins entry ${url.origin} must use https: (plain http: only for loopback hosts).`,
    );
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

interface Prefix {
  origin: string;
  /** The path without trailing slashes; `''` allows every path on the origin. */
  path: string;
}

/** `isUnderBaseUrl`'s view of a base URL, computed once instead of on every request. */
function parsePrefix(baseUrl: string): Prefix | undefined {
  try {
    const base = new URL(baseUrl);
    return { origin: base.origin, path: base.pathname.replace(/\/+$/, '') };
  } catch {
    return undefined;
  }
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
 * The places a token may go: under `baseUrl` (same origin and path prefix, as
 * `isUnderBaseUrl` of `@livedata/core` decides) or under one of `allowedOrigins`. Takes a
 * parsed URL, or a string that is parsed first; relative URLs only count in a browser,
 * resolved against the page. The places are parsed once, here.
 */
export function createUrlScope(baseUrl: string, allowedOrigins: readonly string[] = []): UrlScope {
  const prefixes: Prefix[] = [];
  for (const entry of [baseUrl, ...allowedOrigins.map(normalizeAllowedEntry)]) {
    const prefix = parsePrefix(entry);
    if (prefix) prefixes.push(prefix);
  }
  return (url) => {
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
