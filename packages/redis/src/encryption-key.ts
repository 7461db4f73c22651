import { configError } from './config-error.js';

/** Length of an AES-256 key in bytes. */
export const ENCRYPTION_KEY_BYTES = 32;

const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;

/**
 * Reads the `encryptionKey` option: 32 raw bytes, or those bytes as a base64 (or
 * base64url) string. Returns a private copy, so a caller reusing its buffer cannot change
 * the key later. Throws `LiveDataAuthError` code `config` without echoing the value.
 */
export function parseEncryptionKey(value: unknown): Uint8Array<ArrayBuffer> {
  let bytes: Uint8Array<ArrayBuffer> | undefined;
  if (value instanceof Uint8Array) {
    bytes = new Uint8Array(value);
  } else if (typeof value === 'string') {
    bytes = decodeBase64(value.trim());
  } else {
    throw configError(
      'encryptionKey',
      'RedisTokenStore: option `encryptionKey` must be a Uint8Array of 32 bytes or a base64 string of 32 bytes (e.g. `openssl rand -base64 32`).',
    );
  }
  if (bytes?.length !== ENCRYPTION_KEY_BYTES) {
    throw configError(
      'encryptionKey',
      `RedisTokenStore: option \`encryptionKey\` must be exactly ${ENCRYPTION_KEY_BYTES} bytes (AES-256); got ${bytes === undefined ? 'a string that is not base64' : `${bytes.length} bytes`}. Generate one with \`openssl rand -base64 32\`.`,
    );
  }
  return bytes;
}

/** Standard or URL-safe base64, padding optional; `undefined` when not base64. */
export function decodeBase64(text: string): Uint8Array<ArrayBuffer> | undefined {
  if (text.length === 0 || !BASE64.test(text)) return undefined;
  const standard = text.replace(/-/g, '+').replace(/_/g, '/').replace(/=+$/, '');
  if (standard.length % 4 === 1) return undefined;
  try {
    const binary = atob(standard + '='.repeat((4 - (standard.length % 4)) % 4));
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  } catch {
    return undefined;
  }
}

/** Standard base64 with padding. */
export function encodeBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}
