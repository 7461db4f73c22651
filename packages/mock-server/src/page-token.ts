/**
 * Opaque pagination tokens for people search. They encode an offset; a client must treat
 * them as opaque and send them back unchanged.
 */
export function encodePageToken(offset: number): string {
  return Buffer.from(JSON.stringify({ o: offset })).toString('base64url');
}

/** The offset in a token (`0` when absent), or `undefined` when the token is not valid. */
export function decodePageToken(token: unknown): number | undefined {
  if (token === undefined || token === null || token === '') return 0;
  if (typeof token !== 'string') return undefined;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    const offset = (parsed as { o?: unknown }).o;
    return typeof offset === 'number' && Number.isInteger(offset) && offset >= 0
      ? offset
      : undefined;
  } catch {
    return undefined;
  }
}
