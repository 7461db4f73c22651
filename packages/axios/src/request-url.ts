import type { AxiosInstance, InternalAxiosRequestConfig } from 'axios';

const isOwnEnumerable = Object.prototype.propertyIsEnumerable;

/** Reads `key` the way Axios's `mergeConfig` does: own enumerable properties only. */
function own(source: unknown, key: string): unknown {
  return typeof source === 'object' && source !== null && isOwnEnumerable.call(source, key)
    ? (source as Record<string, unknown>)[key]
    : undefined;
}

const ABSOLUTE = /^([a-z][a-z\d+\-.]*:)?\/\//i;
// Strings Axios versions treat differently (leading control characters or spaces, tabs or
// newlines, `http:` without `//`): left to the instance's own `getUri`.
const UNUSUAL = /[\t\n\r]|^https?:(?!\/\/)/i;

function isPlain(value: unknown): value is string | undefined {
  if (value === undefined) return true;
  return typeof value === 'string' && !(value.charCodeAt(0) <= 0x20) && !UNUSUAL.test(value);
}

/**
 * The URL `instance.getUri(config)` resolves to, up to its query string, without its cost.
 * `getUri` merges the instance defaults into the config again (a deep copy of every header
 * group on each call), although the config a request interceptor gets is already merged.
 * For the common shapes (string `url` and `baseURL`, boolean `allowAbsoluteUrls`) this
 * applies Axios's own rule (`buildFullPath`) directly, falling back to the defaults for
 * unset values as `getUri` does; anything unusual goes through `instance.getUri`. `params`
 * are left out: Axios appends them after `?`, so they never change the origin or the path.
 * Throws what `getUri` throws (e.g. for `http:` without `//`).
 */
export function resolveFullPath(
  instance: AxiosInstance,
  config: InternalAxiosRequestConfig,
): string {
  const defaults = (instance as { defaults?: unknown }).defaults;
  if (typeof defaults === 'object' && defaults !== null) {
    const url = own(config, 'url');
    let baseURL = own(config, 'baseURL');
    if (baseURL === undefined) baseURL = own(defaults, 'baseURL');
    let allowAbsoluteUrls = own(config, 'allowAbsoluteUrls');
    if (allowAbsoluteUrls === undefined) allowAbsoluteUrls = own(defaults, 'allowAbsoluteUrls');
    if (
      isPlain(url) &&
      isPlain(baseURL) &&
      (allowAbsoluteUrls === undefined || typeof allowAbsoluteUrls === 'boolean')
    ) {
      // Axios versions differ on how many trailing slashes of baseURL they drop.
      if (baseURL && !baseURL.endsWith('//')) {
        if (allowAbsoluteUrls !== false && url !== undefined && ABSOLUTE.test(url)) return url;
        if (!url) return baseURL;
        const base = baseURL.endsWith('/') ? baseURL.slice(0, -1) : baseURL;
        return `${base}/${url.replace(/^\/+/, '')}`;
      }
      if (!baseURL && url !== undefined && allowAbsoluteUrls !== false) return url;
    }
  }
  return String(instance.getUri(config));
}

/**
 * The request's fully resolved URL (`getUri` semantics: `baseURL` + `url`,
 * `allowAbsoluteUrls`), parsed once. Relative and protocol-relative results only resolve
 * in a browser, against the page; elsewhere (and for unparsable URLs) `undefined`.
 * Throws what `getUri` throws.
 */
export function resolveRequestUrl(
  instance: AxiosInstance,
  config: InternalAxiosRequestConfig,
): URL | undefined {
  // Like `getUri`, throws for a URL Axios refuses (e.g. `http:` without `//`).
  const fullPath = resolveFullPath(instance, config);
  const page = (globalThis as { location?: { href?: string } }).location?.href;
  try {
    return new URL(fullPath, page);
  } catch {
    return undefined;
  }
}
