import { LiveDataAuthError } from './errors.js';
import { createUrlScope } from './url-scope.js';

const SCHEME = /^[a-z][a-z\d+.-]*:/i;

function basePrefix(base: URL): string {
  return base.pathname.replace(/\/+$/, '');
}

/**
 * Whether `url` is under `baseUrl`: same origin (scheme, host, port) and a path equal to
 * the base path or below it (`/api` covers `/api/x`, not `/apix`). Only such URLs get the
 * token. The same rule as {@link createUrlScope}`(baseUrl)`; build the scope once when you
 * check many URLs against one base.
 */
export function isUnderBaseUrl(url: string | URL, baseUrl: string): boolean {
  return createUrlScope(baseUrl)(url);
}

/**
 * Resolves what a caller passed to `tokens.fetch`: a path (`'/people/v1/…'` or
 * `'people/v1/…'`, both land under the base path) or an absolute URL. The result must be
 * under `baseUrl` (after `..` is normalized); otherwise throws `LiveDataAuthError` code
 * `config`, naming only the refused origin.
 */
export function resolveApiUrl(pathOrUrl: string | URL, baseUrl: string): URL {
  if (typeof pathOrUrl !== 'string' && !(pathOrUrl instanceof URL)) {
    throw new LiveDataAuthError(
      'config',
      'tokens.fetch takes a path or a URL (string or URL), not a Request.',
      {
        retryable: false,
      },
    );
  }
  const base = new URL(baseUrl);
  let resolved: URL;
  if (pathOrUrl instanceof URL || SCHEME.test(pathOrUrl) || pathOrUrl.startsWith('//')) {
    resolved = new URL(pathOrUrl, base);
  } else {
    const relative = pathOrUrl.replace(/^\/+/, '');
    resolved = new URL(`${basePrefix(base)}/${relative}`, base.origin);
  }
  if (!createUrlScope(baseUrl)(resolved)) {
    const where =
      resolved.origin === base.origin
        ? `${resolved.origin} outside ${basePrefix(base) || '/'}`
        : resolved.origin;
    throw new LiveDataAuthError(
      'config',
      `tokens.fetch refused a URL on ${where}: the token is only sent under baseUrl (${baseUrl}). Use a plain fetch for other hosts.`,
      { setting: 'baseUrl', retryable: false },
    );
  }
  return resolved;
}
