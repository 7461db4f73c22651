/**
 * Visible ASCII (0x21–0x7E), one character or more: the alphabet of RFC 6750 bearer tokens
 * and of every other token format in use. Such a value goes into `Authorization: Bearer …`
 * byte for byte in every runtime. Anything else either makes `Headers` throw a `TypeError`
 * (CR, LF, NUL, characters above U+00FF) or is changed on the way (surrounding whitespace
 * trimmed, so another token is sent; Latin-1 and control bytes read differently by servers).
 */
const HEADER_SAFE_TOKEN = /^[\x21-\x7e]+$/;

/** Whether `value` can be sent as a bearer token exactly as it is. */
export function isHeaderSafeToken(value: unknown): value is string {
  return typeof value === 'string' && HEADER_SAFE_TOKEN.test(value);
}
