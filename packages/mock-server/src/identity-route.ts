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
 * Which grant a request body asks for, or `undefined` when the body is malformed.
 * Documented: JSON client credentials and a form username/password. Also accepted, as
 * lenient servers do: JSON username/password, and the OAuth2 form
 * `grant_type=client_credentials&client_id=…&client_secret=…`. A body without a usable
 * content type is read as JSON, then as a form.
 */
export function parseGrant(contentType: string | undefined, body: string): Grant | undefined {
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase();
  if (type === 'application/x-www-form-urlencoded') return formGrant(body);
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return type === 'application/json' ? undefined : formGrant(body);
  }
  if (!isObject(json)) return undefined;
  const { grantType, clientId, clientSecret, username, password } = json;
  if (grantType === 'clientCredentials') {
    if (typeof clientId === 'string' && typeof clientSecret === 'string') {
      if (clientId && clientSecret) return { grant: 'clientCredentials', clientId, clientSecret };
    }
    return undefined;
  }
  if (grantType === 'password' || grantType === undefined) {
    if (typeof username === 'string' && typeof password === 'string' && username && password) {
      return { grant: 'password', username, password };
    }
  }
  return undefined;
}

function formGrant(body: string): Grant | undefined {
  const form = new URLSearchParams(body);
  const username = form.get('username');
  const password = form.get('password');
  const grantType = form.get('grant_type');
  if (grantType === 'client_credentials') {
    const clientId = form.get('client_id');
    const clientSecret = form.get('client_secret');
    if (clientId && clientSecret) return { grant: 'clientCredentials', clientId, clientSecret };
    return undefined;
  }
  if (grantType !== null && grantType !== 'password') return undefined;
  if (username && password) return { grant: 'password', username, password };
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
