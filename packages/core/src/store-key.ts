import type { CredentialKind } from './types.js';

/** Prefix of every key the manager uses in a {@link TokenStore}. */
export const STORE_KEY_PREFIX = 'livedata:token:';

/**
 * The store key of a credential: `livedata:token:` + SHA-256 hex of base URL, kind and
 * identity (client id or username; never a secret). Same inputs, same key, in every process.
 */
export async function tokenStoreKey(
  baseUrl: string,
  kind: CredentialKind,
  identity: string,
): Promise<string> {
  const data = new TextEncoder().encode(JSON.stringify([baseUrl, kind, identity]));
  const digest = await globalThis.crypto.subtle.digest('SHA-256', data);
  let hex = '';
  for (const byte of new Uint8Array(digest)) hex += byte.toString(16).padStart(2, '0');
  return STORE_KEY_PREFIX + hex;
}
