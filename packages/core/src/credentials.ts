import { LiveDataAuthError } from './errors.js';
import { checkStaticSecret, type SecretField, type SecretSource } from './secret-provider.js';
import type { CredentialKind, LiveDataCredentials } from './types.js';

/** Credentials with the secret in hand: what one identity call sends. */
export type ResolvedCredentials =
  | { kind: 'clientCredentials'; identity: string; clientId: string; clientSecret: string }
  | { kind: 'password'; identity: string; username: string; password: string }
  | { kind: 'apiKey'; identity: string; apiKey: string };

/**
 * Validated credentials as the manager keeps them: the non-secret identity (for store keys,
 * single-flight keys and events) and where the secret comes from, a string or a provider
 * asked each time the secret is needed.
 */
export type CredentialConfig =
  | {
      kind: 'clientCredentials';
      identity: string;
      clientId: string;
      field: 'clientSecret';
      secret: SecretSource;
    }
  | {
      kind: 'password';
      identity: string;
      username: string;
      field: 'password';
      secret: SecretSource;
    }
  | { kind: 'apiKey'; identity: string; field: 'apiKey'; secret: SecretSource };

/** The identity-call credentials of `config` with `secret` (already resolved and checked). */
export function withSecret(
  config: Exclude<CredentialConfig, { kind: 'apiKey' }>,
  secret: string,
): Exclude<ResolvedCredentials, { kind: 'apiKey' }> {
  return config.kind === 'clientCredentials'
    ? {
        kind: config.kind,
        identity: config.identity,
        clientId: config.clientId,
        clientSecret: secret,
      }
    : { kind: config.kind, identity: config.identity, username: config.username, password: secret };
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}

/**
 * Checks that `credentials` holds exactly one complete kind: the identity a non-empty
 * string, the secret a usable string (no control characters; for an API key no whitespace
 * either) or a provider function. Throws `LiveDataAuthError` code `config` naming the fields
 * to fix; never echoes a value. A provider is not called here.
 */
export function resolveCredentials(credentials: LiveDataCredentials | undefined): CredentialConfig {
  if (credentials === null || typeof credentials !== 'object') {
    throw new LiveDataAuthError(
      'config',
      'credentials is required: pass { clientId, clientSecret }, { username, password } or { apiKey }.',
      { setting: 'credentials' },
    );
  }
  const c = credentials as Partial<
    Record<'clientId' | 'clientSecret' | 'username' | 'password' | 'apiKey', unknown>
  >;
  const present = (key: keyof typeof c) => c[key] !== undefined;
  const kinds: CredentialKind[] = [];
  if (present('clientId') || present('clientSecret')) kinds.push('clientCredentials');
  if (present('username') || present('password')) kinds.push('password');
  if (present('apiKey')) kinds.push('apiKey');

  if (kinds.length !== 1) {
    throw new LiveDataAuthError(
      'config',
      kinds.length === 0
        ? 'credentials is empty: pass { clientId, clientSecret }, { username, password } or { apiKey }.'
        : `credentials mixes several kinds (${kinds.join(', ')}); pass exactly one.`,
      { setting: 'credentials' },
    );
  }
  const kind = kinds[0] as CredentialKind;
  const requireIdentity = (field: 'clientId' | 'username', secretField: SecretField) => {
    const missing: string[] = [];
    if (!isNonEmptyString(c[field])) missing.push(field);
    const secret = c[secretField];
    if (!isNonEmptyString(secret) && typeof secret !== 'function') missing.push(secretField);
    if (missing.length > 0) {
      const provider = missing.includes(secretField)
        ? ` (credentials.${secretField} may also be a function that returns it)`
        : '';
      throw new LiveDataAuthError(
        'config',
        `credentials.${missing.join(' and credentials.')} must be a non-empty string${provider}.`,
        { setting: `credentials.${missing[0]}` },
      );
    }
  };
  const secretOf = (field: SecretField): SecretSource => {
    const secret = c[field];
    if (typeof secret === 'function') return secret as SecretSource;
    if (!isNonEmptyString(secret)) {
      throw new LiveDataAuthError(
        'config',
        `credentials.${field} must be a non-empty string or a function that returns one.`,
        { setting: `credentials.${field}` },
      );
    }
    checkStaticSecret(secret, field);
    return secret;
  };
  switch (kind) {
    case 'clientCredentials': {
      requireIdentity('clientId', 'clientSecret');
      const clientId = c.clientId as string;
      const secret = secretOf('clientSecret');
      return { kind, identity: clientId, clientId, field: 'clientSecret', secret };
    }
    case 'password': {
      requireIdentity('username', 'password');
      const username = c.username as string;
      const secret = secretOf('password');
      return { kind, identity: username, username, field: 'password', secret };
    }
    case 'apiKey':
      // The key is a secret: its identity for keys is a constant, never the key itself.
      return { kind, identity: 'apiKey', field: 'apiKey', secret: secretOf('apiKey') };
  }
}
