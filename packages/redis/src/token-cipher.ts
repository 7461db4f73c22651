import { decodeBase64, encodeBase64 } from './encryption-key.js';

/**
 * Stored format of an encrypted value: `ldenc1.<keyId>.<base64(iv ‖ ciphertext ‖ tag)>`.
 * `ldenc1` names the format version; `keyId` is a short, non-reversible fingerprint of
 * the key so a store configured with another key recognises a value it cannot read
 * without trying to decrypt it (and a future key rotation can pick the right key).
 */
const FORMAT = 'ldenc1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * AES-256-GCM with WebCrypto (`crypto.subtle`), a random 12-byte IV per write and the
 * Redis key as additional authenticated data, so a value copied under another key does
 * not decrypt. Decryption failures of any kind return `undefined`: to the store a value
 * it cannot read is a miss.
 */
export class TokenCipher {
  #rawKey: Uint8Array<ArrayBuffer> | undefined;
  #ready: Promise<{ key: CryptoKey; keyId: string }> | undefined;

  constructor(rawKey: Uint8Array<ArrayBuffer>) {
    this.#rawKey = rawKey;
  }

  /** Encrypts `plaintext` for the Redis key `aad`. */
  async encrypt(plaintext: string, aad: string): Promise<string> {
    const { key, keyId } = await this.#load();
    const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
    const sealed = new Uint8Array(
      await crypto.subtle.encrypt(
        { name: 'AES-GCM', iv, additionalData: utf8(aad) },
        key,
        utf8(plaintext),
      ),
    );
    const payload = new Uint8Array(IV_BYTES + sealed.length);
    payload.set(iv, 0);
    payload.set(sealed, IV_BYTES);
    return `${FORMAT}.${keyId}.${encodeBase64(payload)}`;
  }

  /** Decrypts a value written by {@link TokenCipher.encrypt}; `undefined` if it cannot. */
  async decrypt(stored: string, aad: string): Promise<string | undefined> {
    const parts = stored.split('.');
    if (parts.length !== 3 || parts[0] !== FORMAT) return undefined;
    const { key, keyId } = await this.#load();
    if (parts[1] !== keyId) return undefined;
    const payload = decodeBase64(parts[2] ?? '');
    if (payload === undefined || payload.length < IV_BYTES + TAG_BYTES) return undefined;
    try {
      const plain = await crypto.subtle.decrypt(
        { name: 'AES-GCM', iv: payload.subarray(0, IV_BYTES), additionalData: utf8(aad) },
        key,
        payload.subarray(IV_BYTES),
      );
      return new TextDecoder('utf-8', { fatal: true }).decode(plain);
    } catch {
      return undefined;
    }
  }

  #load(): Promise<{ key: CryptoKey; keyId: string }> {
    if (this.#ready === undefined) {
      const raw = this.#rawKey ?? new Uint8Array(0);
      this.#ready = (async () => {
        const key = await crypto.subtle.importKey('raw', raw, 'AES-GCM', false, [
          'encrypt',
          'decrypt',
        ]);
        const keyId = await fingerprint(raw);
        // The CryptoKey is non-extractable; drop our copy of the bytes.
        raw.fill(0);
        this.#rawKey = undefined;
        return { key, keyId };
      })();
    }
    return this.#ready;
  }
}

/** First 8 hex digits of SHA-256 over a domain label and the key: identifies, never reveals. */
async function fingerprint(raw: Uint8Array<ArrayBuffer>): Promise<string> {
  const label = utf8('livedata-redis-key-id:');
  const input = new Uint8Array(label.length + raw.length);
  input.set(label, 0);
  input.set(raw, label.length);
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', input));
  return Array.from(digest.subarray(0, 4), (b) => b.toString(16).padStart(2, '0')).join('');
}

function utf8(text: string): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(text) as Uint8Array<ArrayBuffer>;
}
