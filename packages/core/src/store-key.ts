import { LiveDataAuthError } from './errors.js';
import type { CredentialKind } from './types.js';

/** Prefix of every key the manager uses in a {@link TokenStore}. */
export const STORE_KEY_PREFIX = 'livedata:token:';

/**
 * PBKDF2 rounds of the store key. 100,000 is the most Cloudflare Workers' WebCrypto accepts,
 * and every process of a fleet (Node, edge, Workers) must derive the same key.
 */
const ITERATIONS = 100_000;
/** Derivations kept per process, so re-created managers (multi-tenant, HMR) skip the work. */
const CACHE_LIMIT = 256;
const encoder = new TextEncoder();

/**
 * Derived keys by a SHA-256 of their inputs. The lookup hash never leaves this process's
 * memory; the map holds no secret in the clear.
 */
const derived = new Map<string, Promise<string>>();

function hex(buffer: ArrayBuffer): string {
  let out = '';
  for (const byte of new Uint8Array(buffer)) out += byte.toString(16).padStart(2, '0');
  return out;
}

async function derive(salt: string, secret: string): Promise<string> {
  try {
    const subtle = globalThis.crypto.subtle;
    const material = await subtle.importKey('raw', encoder.encode(secret), 'PBKDF2', false, [
      'deriveBits',
    ]);
    const bits = await subtle.deriveBits(
      { name: 'PBKDF2', hash: 'SHA-256', salt: encoder.encode(salt), iterations: ITERATIONS },
      material,
      256,
    );
    return STORE_KEY_PREFIX + hex(bits);
  } catch {
    throw new LiveDataAuthError(
      'config',
      "This runtime's WebCrypto cannot derive the token store key (PBKDF2 with SHA-256); run on Node 20.19 or later, or a runtime with crypto.subtle.",
      { setting: 'store', retryable: false },
    );
  }
}

/**
 * The store key of a credential: `livedata:token:` + 64 hex digits, PBKDF2-SHA-256
 * (100,000 rounds) of the secret, salted with the base URL, kind and identity (client id or
 * username). Same inputs, same key, in every process of a fleet; another secret for the same
 * identity (a wrong one, or a rotated one) gives another key, so a shared store never hands
 * one owner's token to a manager holding a different secret. The key reveals neither the
 * secret nor a fast hash of it: guessing a password from a store dump costs 100,000
 * HMAC rounds per guess. Computed once per distinct input per process, then cached.
 *
 * @param secret - the client secret or password the token is (or will be) minted with.
 * @throws LiveDataAuthError code `config` when the runtime has no WebCrypto PBKDF2.
 */
export async function tokenStoreKey(
  baseUrl: string,
  kind: CredentialKind,
  identity: string,
  secret: string,
): Promise<string> {
  const salt = `livedata-store-key/v1\n${JSON.stringify([baseUrl, kind, identity])}`;
  const lookup = hex(
    await globalThis.crypto.subtle.digest(
      'SHA-256',
      encoder.encode(JSON.stringify([salt, secret])),
    ),
  );
  const known = derived.get(lookup);
  if (known !== undefined) {
    // Most recently used last, so the oldest entry is the first to go.
    derived.delete(lookup);
    derived.set(lookup, known);
    return known;
  }
  const key = derive(salt, secret);
  derived.set(lookup, key);
  if (derived.size > CACHE_LIMIT) derived.delete(derived.keys().next().value as string);
  key.catch(() => derived.delete(lookup));
  return key;
}
