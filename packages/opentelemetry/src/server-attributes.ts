import type { Attributes } from '@opentelemetry/api';
import { ATTR_SERVER_ADDRESS, ATTR_SERVER_PORT, ATTR_URL_FULL } from './telemetry-names.js';

/**
 * `server.address`, `server.port` and `url.full` of the identity endpoint. Core already
 * refuses base URLs with user info, a query or a fragment, so the URL carries no credential.
 */
export function serverAttributes(url: string): Attributes {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return {};
  }
  const port = parsed.port === '' ? (parsed.protocol === 'http:' ? 80 : 443) : Number(parsed.port);
  return {
    // URL#hostname keeps IPv6 brackets; the semantic conventions want the bare address.
    [ATTR_SERVER_ADDRESS]: parsed.hostname.replace(/^\[(.*)\]$/, '$1'),
    [ATTR_SERVER_PORT]: port,
    [ATTR_URL_FULL]: `${parsed.origin}${parsed.pathname}`,
  };
}
