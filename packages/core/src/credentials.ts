import { LiveDataAuthError } from './errors.js';
import type { CredentialKind, LiveDataCredentials } from './types.js';

/** Validated credentials, with the non-secret identity used for keys. */
export type ResolvedCredentials =
  | { kind: 'clientCredentials'; identity: string; clientId: string; clientSecret: string }
  | { kind: 'password'; identity: string; username: string; password: string }
  | { kind: 'apiKey'; identity: string; apiKey: string };

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}

/**
 * Checks that `credentials` holds exactly one complete kind. Throws `LiveDataAuthError`
 * code `config` naming the fields to fix; never echoes a value.
 */
export function resolveCredentials(
  credentials: LiveDataCredentials | undefined,
): ResolvedCredentials {
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
  const requireFields = (fields: (keyof typeof c)[]) => {
    const missing = fields.filter((f) => !isNonEmptyString(c[f]));
    if (missing.length > 0) {
      throw new LiveDataAuthError(
        'config',
        `credentials.${missing.join(' and credentials.')} must be a non-empty string.`,
        { setting: `credentials.${missing[0]}` },
      );
    }
  };
  switch (kind) {
    case 'clientCredentials': {
      requireFields(['clientId', 'clientSecret']);
      const clientId = c.clientId as string;
      return { kind, identity: clientId, clientId, clientSecret: c.clientSecret as string };
    }
    case 'password': {
      requireFields(['username', 'password']);
      const username = c.username as string;
      return { kind, identity: username, username, password: c.password as string };
    }
    case 'apiKey':
      requireFields(['apiKey']);
      // The key is a secret: its identity for keys is a constant, never the key itself.
      return { kind, identity: 'apiKey', apiKey: c.apiKey as string };
  }
}
