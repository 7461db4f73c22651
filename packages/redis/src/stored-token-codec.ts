import type { StoredToken } from '@livedata/core';

/** JSON of exactly the three `StoredToken` fields: nothing else is ever written. */
export function encodeStoredToken(token: StoredToken): string {
  return JSON.stringify({
    accessToken: token.accessToken,
    expiresAt: token.expiresAt,
    obtainedAt: token.obtainedAt,
  });
}

/** Parses a stored value; anything that is not a well-formed `StoredToken` is `undefined`. */
export function decodeStoredToken(text: string): StoredToken | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const { accessToken, expiresAt, obtainedAt } = value as Record<string, unknown>;
  if (typeof accessToken !== 'string' || accessToken.length === 0) return undefined;
  if (typeof expiresAt !== 'number' || !Number.isFinite(expiresAt)) return undefined;
  if (typeof obtainedAt !== 'number' || !Number.isFinite(obtainedAt)) return undefined;
  return { accessToken, expiresAt, obtainedAt };
}
