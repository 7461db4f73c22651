import { isLoopbackHost, isUnderBaseUrl } from '@livedata/core';

/** Decides whether a fully resolved request URL may carry the token. */
export type UrlScope = (url: string) => boolean;

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

/**
 * The places a token may go: under `baseUrl` (same origin and path prefix) or under one of
 * `allowedOrigins`. Relative URLs only count in a browser, resolved against the page.
 */
export function createUrlScope(baseUrl: string, allowedOrigins: readonly string[] = []): UrlScope {
  const prefixes = [baseUrl, ...allowedOrigins.map(normalizeAllowedEntry)];
  return (url) => {
    const absolute = toAbsoluteUrl(url);
    return absolute !== undefined && prefixes.some((prefix) => isUnderBaseUrl(absolute, prefix));
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
