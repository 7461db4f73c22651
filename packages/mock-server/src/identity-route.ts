import { toNaiveUtc } from './clock.js';
import type { CredentialDirectory } from './credentials.js';
import { type Exchange, isObject, sendError, sendJson } from './http-helpers.js';
import type { Principal, TokenRegistry } from './tokens.js';
import type { MockServerOptions } from './types.js';

/** What the identity route needs from the server. */
export interface IdentityContext {
  directory: CredentialDirectory;
  tokens: TokenRegistry;
  tokenTtlSeconds: () => number;
  passwordExpiryField: NonNullable<MockServerOptions['passwordExpiryField']>;
}

type Grant =
  | { grant: 'clientCredentials'; clientId: string; clientSecret: string }
  | { grant: 'password'; username: string; password: string };

/**
 * Which grant a request body asks for: JSON client credentials, a form (or JSON)
 * username/password, or `undefined` when the body is malformed.
 */
export function parseGrant(contentType: string | undefined, body: string): Grant | undefined {
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase();
  if (type === 'application/x-www-form-urlencoded') {
    const form = new URLSearchParams(body);
    const username = form.get('username');
    const password = form.get('password');
    if (username && password) return { grant: 'password', username, password };
    return undefined;
  }
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (!isObject(json)) return undefined;
  const { grantType, clientId, clientSecret, username, password } = json;
  if (grantType === 'clientCredentials' && typeof clientId === 'string') {
    if (typeof clientSecret === 'string' && clientId && clientSecret) {
      return { grant: 'clientCredentials', clientId, clientSecret };
    }
  }
  if (grantType === 'password' && typeof username === 'string' && typeof password === 'string') {
    if (username && password) return { grant: 'password', username, password };
  }
  return undefined;
}

/** `POST /identity/v1/session`: both grants. */
export function handleIdentity(ex: Exchange, ctx: IdentityContext): void {
  if (ex.req.method !== 'POST') {
    sendError(ex, 405, 'method_not_allowed', 'Use POST.', { allow: 'POST' });
    return;
  }
  const grant = parseGrant(ex.req.headers['content-type'], ex.body);
  if (!grant) {
    sendError(
      ex,
      400,
      'invalid_request',
      'Send JSON {"grantType":"clientCredentials","clientId","clientSecret"} or a form body username=…&password=….',
    );
    return;
  }
  ex.record.grant = grant.grant;
  const principal: Principal | undefined =
    grant.grant === 'clientCredentials'
      ? ctx.directory.serviceAccount(grant.clientId, grant.clientSecret)
      : ctx.directory.user(grant.username, grant.password);
  if (!principal) {
    sendError(ex, 401, 'invalid_credentials', 'The credentials are not valid.');
    return;
  }
  const ttl = ctx.tokenTtlSeconds();
  // A sub-millisecond part, so `expiresAt` shows real microseconds like the API's do.
  const expiresAt = ex.clock.now() + ttl * 1000 + Math.floor(Math.random() * 1000) / 1000;
  const token = ctx.tokens.issue(principal, expiresAt);
  if (grant.grant === 'clientCredentials') {
    sendJson(ex, 200, { accessToken: token, expiresAt: toNaiveUtc(expiresAt) });
    return;
  }
  const body: Record<string, unknown> = { access_token: token, token_type: 'Bearer' };
  if (ctx.passwordExpiryField === 'expires_in') body.expires_in = ttl;
  if (ctx.passwordExpiryField === 'expires_at') body.expires_at = toNaiveUtc(expiresAt);
  if (ctx.passwordExpiryField === 'expiresAt') body.expiresAt = toNaiveUtc(expiresAt);
  sendJson(ex, 200, body);
}
