import type { InternalAxiosRequestConfig } from 'axios';

// Axios's `isAbsoluteURL`: a scheme followed by `//`, or a protocol-relative `//`.
const ABSOLUTE = /^([a-z][a-z\d+\-.]*:)?\/\//i;

/** `combineURLs` of Axios 1.9 and later: every trailing slash of the base is dropped. */
function combineDroppingAll(base: string, url: string): string {
  if (!url) return base;
  let end = base.length;
  while (end > 0 && base.charCodeAt(end - 1) === 47) end -= 1;
  return `${base.slice(0, end)}/${url.replace(/^\/+/, '')}`;
}

/** `combineURLs` of Axios 1.8: at most two trailing slashes of the base are dropped. */
function combineDroppingTwo(base: string, url: string): string {
  if (!url) return base;
  return `${base.replace(/\/?\/$/, '')}/${url.replace(/^\/+/, '')}`;
}

/**
 * Every URL an Axios adapter may send `config` to, read from the config it is handed
 * (after every request interceptor and `transformRequest` ran), up to the query string.
 *
 * Adapters build the URL with `buildFullPath(baseURL, url, allowAbsoluteUrls)`, and the
 * supported versions do not agree on it: an absolute `url` goes as is, or is appended to
 * `baseURL` when `allowAbsoluteUrls` is false, except in Axios 1.8's fetch and XHR
 * adapters, which ignore that flag; and 1.8 keeps more trailing slashes of the base. So for
 * an absolute `url` both the appended and the plain reading are returned: a token may only
 * go when all of them are allowed. `params` are left out: Axios appends them after `?`,
 * where they cannot change the origin or the path. Relative results (no `baseURL`) are
 * returned as they are; only a browser can resolve them, against the page.
 */
export function sentUrlReadings(config: InternalAxiosRequestConfig): string[] {
  const { url, baseURL } = config as { url?: unknown; baseURL?: unknown };
  const requested = url === undefined || url === null ? '' : String(url);
  if (!baseURL) {
    // Without a `baseURL` every version sends `url` as is, except that 1.8 appends it even
    // to an empty `baseURL` when `allowAbsoluteUrls` is false (its fetch and XHR adapters,
    // which ignore the flag, never append). So an instance made by `axios.create()` with
    // an absolute URL under the base URL has one reading, and is authenticated.
    if ((config as { allowAbsoluteUrls?: unknown }).allowAbsoluteUrls !== false) return [requested];
    const appended = combineDroppingTwo('', requested);
    return appended === requested ? [requested] : [requested, appended];
  }
  const base = String(baseURL);
  const readings = [combineDroppingAll(base, requested)];
  const older = combineDroppingTwo(base, requested);
  if (older !== readings[0]) readings.push(older);
  if (ABSOLUTE.test(requested)) readings.push(requested);
  return readings;
}

/** `url` parsed the way the adapter would: absolute, or (in a browser) against the page. */
export function parseSentUrl(url: string): URL | undefined {
  const page = (globalThis as { location?: { href?: string } }).location?.href;
  try {
    return new URL(url, page);
  } catch {
    return undefined;
  }
}
