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

/** Where a config may be sent, decided against a scope (see {@link createSentUrlDecider}). */
export interface SentUrlDecision {
  /** Whether every reading of the URL is allowed to carry the token. */
  allowed: boolean;
  /** The first reading: the URL Axios 1.9 and later send to (for the 401 report's path). */
  reading: string;
}

// A reading with a scheme and an authority is parsed the same wherever the code runs; a
// relative one (only sendable in a browser) is resolved against the page, which changes.
const PAGE_INDEPENDENT = /^[a-z][a-z\d+\-.]*:\/\//i;
/** How many distinct `baseURL` + `url` pairs a decider remembers. */
const DECISIONS_PER_DECIDER = 256;
/** Longer URLs are decided every time, so the cache's memory stays small. */
const MAX_REMEMBERED_LENGTH = 2048;

/**
 * `scope` applied to every {@link sentUrlReadings} of a config, remembered per distinct
 * (`baseURL`, `url`) pair of strings: an application sends to a handful of URLs over and
 * over, and building and checking the readings is most of what deciding costs. Only
 * decisions that cannot depend on the page (every reading absolute) are remembered.
 */
export function createSentUrlDecider(
  scope: (url: string) => boolean,
): (config: InternalAxiosRequestConfig) => SentUrlDecision {
  const byBase = new Map<string, Map<string, SentUrlDecision>>();
  let remembered = 0;
  // The pair decided last: an application usually sends to one URL many times in a row,
  // and two string comparisons touch less memory than two map lookups.
  let lastUrl = '';
  let lastBase = '';
  let last: SentUrlDecision | undefined;
  return (config) => {
    const { url, baseURL } = config as { url?: unknown; baseURL?: unknown };
    const urlKey = url === undefined || url === null ? '' : url;
    const baseKey = baseURL === undefined || baseURL === null ? '' : baseURL;
    const cacheable = typeof urlKey === 'string' && typeof baseKey === 'string';
    if (cacheable) {
      if (last !== undefined && urlKey === lastUrl && baseKey === lastBase) return last;
      const known = byBase.get(baseKey)?.get(urlKey);
      if (known !== undefined) {
        lastUrl = urlKey;
        lastBase = baseKey;
        last = known;
        return known;
      }
    }
    const readings = sentUrlReadings(config);
    const decision: SentUrlDecision = Object.freeze({
      allowed: readings.every((reading) => scope(reading)),
      reading: readings[0] ?? '',
    });
    if (
      cacheable &&
      urlKey.length + baseKey.length <= MAX_REMEMBERED_LENGTH &&
      readings.every((reading) => PAGE_INDEPENDENT.test(reading))
    ) {
      if (remembered >= DECISIONS_PER_DECIDER) {
        byBase.clear();
        remembered = 0;
      }
      let forBase = byBase.get(baseKey);
      if (forBase === undefined) {
        forBase = new Map();
        byBase.set(baseKey, forBase);
      }
      forBase.set(urlKey, decision);
      remembered += 1;
      lastUrl = urlKey;
      lastBase = baseKey;
      last = decision;
    }
    return decision;
  };
}
