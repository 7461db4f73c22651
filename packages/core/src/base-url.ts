import { LiveDataAuthError } from './errors.js';

/** The production Live Data API. */
export const DEFAULT_BASE_URL = 'https://gotlivedata.io/api';

/** Whether `hostname` (as `URL#hostname` spells it) is a loopback host. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (host === '[::1]') return true;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/**
 * Validates and normalizes a base URL: `https:` (or `http:` to a loopback host only), no
 * credentials, query or fragment, no trailing slash. Throws `LiveDataAuthError` code
 * `config` naming `setting` otherwise.
 */
export function normalizeBaseUrl(input: string, setting = 'baseUrl'): string {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    throw new LiveDataAuthError(
      'config',
      `${setting} is not an absolute URL; use e.g. ${DEFAULT_BASE_URL}.`,
      { setting },
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new LiveDataAuthError('config', `${setting} must use https: (got ${url.protocol}).`, {
      setting,
    });
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    throw new LiveDataAuthError(
      'config',
      `${setting} must use https: for ${url.hostname}; plain http: is only allowed for loopback hosts (localhost, 127.0.0.0/8, [::1]).`,
      { setting },
    );
  }
  if (url.username !== '' || url.password !== '') {
    throw new LiveDataAuthError(
      'config',
      `${setting} must not contain user info; pass credentials through the credentials option.`,
      { setting },
    );
  }
  if (url.search !== '' || url.hash !== '') {
    throw new LiveDataAuthError('config', `${setting} must not contain a query or fragment.`, {
      setting,
    });
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}
