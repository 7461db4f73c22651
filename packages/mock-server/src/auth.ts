import type { IncomingMessage } from 'node:http';
import type { CredentialDirectory } from './credentials.js';
import { type Exchange, sendError } from './http-helpers.js';
import type { Principal, TokenRegistry } from './tokens.js';
import type { RecordedRequest } from './types.js';

/** Prefix of Live Data API keys. */
export const API_KEY_PREFIX = 'ldtkey_';
const ORG_ID = /^o_[0-9a-f]{8}$/;

/** What the credential on a request turned out to be. */
export interface Authentication {
  state: RecordedRequest['auth'];
  principal?: Principal;
}

/**
 * Reads `Authorization: Bearer …` (a session token or an `ldtkey_` API key used as is)
 * or `X-API-Key`, and looks it up at server time `now`.
 */
export function authenticate(
  req: IncomingMessage,
  directory: CredentialDirectory,
  tokens: TokenRegistry,
  now: number,
): Authentication {
  const header = req.headers.authorization;
  const apiKeyHeader = req.headers['x-api-key'];
  let credential: string | undefined;
  if (typeof header === 'string') {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match?.[1]) return { state: 'unknown' };
    credential = match[1];
  } else if (typeof apiKeyHeader === 'string' && apiKeyHeader.startsWith(API_KEY_PREFIX)) {
    credential = apiKeyHeader.trim();
  }
  if (credential === undefined) return { state: 'none' };
  if (credential.startsWith(API_KEY_PREFIX)) {
    const principal = directory.apiKey(credential);
    return principal ? { state: 'apiKey', principal } : { state: 'unknown' };
  }
  const found = tokens.lookup(credential, now);
  if (found.state === 'unknown') return { state: 'unknown' };
  return { state: found.state, principal: found.principal };
}

/**
 * Enforces authentication and the role on `orgId`; answers 401/400/403 and returns
 * `undefined` when the request may not proceed. Viewer (any role) suffices: every
 * route of the mock is a read.
 */
export function authorize(
  ex: Exchange,
  auth: Authentication,
  orgId: string,
  options: { sessionOnly?: boolean } = {},
): Principal | undefined {
  const challenge = { 'www-authenticate': 'Bearer' };
  if (auth.state === 'none') {
    sendError(ex, 401, 'unauthorized', 'Send Authorization: Bearer <token>.', challenge);
    return undefined;
  }
  if (auth.state === 'expired') {
    sendError(ex, 401, 'unauthorized', 'The access token has expired.', challenge);
    return undefined;
  }
  if (!auth.principal || (auth.state !== 'valid' && auth.state !== 'apiKey')) {
    sendError(ex, 401, 'unauthorized', 'The credential is not valid.', challenge);
    return undefined;
  }
  if (!ORG_ID.test(orgId)) {
    sendError(ex, 400, 'bad_request', 'Organization ids look like o_ followed by 8 hex digits.');
    return undefined;
  }
  if (options.sessionOnly && auth.principal.kind === 'apiKey') {
    sendError(ex, 403, 'forbidden', 'This endpoint needs an OAuth session token, not an API key.');
    return undefined;
  }
  if (!auth.principal.roles[orgId]) {
    sendError(ex, 403, 'forbidden', `No role on organization ${orgId}.`);
    return undefined;
  }
  return auth.principal;
}
