import { LiveDataAuthError } from './errors.js';

/** The production Live Data API. */
export const DEFAULT_BASE_URL = 'https://gotlivedata.io/api';

const IPV4_LOOPBACK = /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;
// ::ffff:127.x.y.z, as the URL parser spells it (`[::ffff:7f00:1]`).
const IPV4_MAPPED_LOOPBACK = /^\[::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}\]$/;

/**
 * Whether `hostname` is a loopback host: exactly `localhost`, an address in `127.0.0.0/8`,
 * `[::1]`, or an IPv4-mapped `127.0.0.0/8` address. The host is first normalized the way
 * `fetch` will read it (the WHATWG URL parser: `LOCALHOST`, `127.1`, `0x7f.0.0.1` and
 * `[0:0::1]` are loopback). Names that merely end in `.localhost` (`app.localhost`), the
 * trailing-dot `localhost.`, and names that look like an address (`127.0.0.1.nip.io`) are
 * not: a resolver may send them anywhere, so they get no plain `http:`.
 *
 * @param hostname - a host as `URL#hostname` spells it (IPv6 in brackets), without port.
 */
export function isLoopbackHost(hostname: string): boolean {
  if (typeof hostname !== 'string' || hostname === '' || /[\s/\\?#@%]/.test(hostname)) {
    return false;
  }
  // A bare IPv6 address (`::1`) is read as if bracketed; a host:port then fails to parse.
  const bracketed =
    hostname.includes(':') && !hostname.startsWith('[') ? `[${hostname}]` : hostname;
  let host: string;
  try {
    const url = new URL(`http://${bracketed}/`);
    if (url.port !== '') return false; // `[::1]:80` is a host and a port, not a host
    host = url.hostname;
  } catch {
    return false;
  }
  return (
    host === 'localhost' ||
    host === '[::1]' ||
    IPV4_LOOPBACK.test(host) ||
    IPV4_MAPPED_LOOPBACK.test(host)
  );
}

/**
 * The one https rule: `url` must use `https:`, or plain `http:` to a loopback host only
 * (see {@link isLoopbackHost}). Throws `LiveDataAuthError` code `config` naming `setting`.
 */
export function assertSecureScheme(url: URL, setting: string): void {
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new LiveDataAuthError('config', `${setting} must use https: (got ${url.protocol}).`, {
      setting,
    });
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    throw new LiveDataAuthError(
      'config',
      `${setting} must use https: for ${url.hostname}; plain http: is only allowed for loopback hosts (exactly localhost, 127.0.0.0/8, [::1]; not names under .localhost).`,
      { setting },
    );
  }
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
  assertSecureScheme(url, setting);
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
