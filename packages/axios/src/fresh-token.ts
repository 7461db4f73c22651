import type { LiveDataTokenSource } from './options.js';

/**
 * `@livedata/core`'s key for a manager's synchronous read of its fresh cached token (see
 * `fresh-token.ts` there): a registered symbol, so it is the same for every installed copy
 * of the core, and a token source without it is simply read the asynchronous way.
 */
const FRESH_ACCESS_TOKEN = Symbol.for('@livedata/core.freshAccessToken');

type FreshTokenReader = { [FRESH_ACCESS_TOKEN]?: () => string | undefined };

/**
 * The token `tokens.getAccessToken()` would answer at once (fresh, cached), read without
 * waiting for a promise; `undefined` when the caller must ask `getAccessToken()`, which
 * then waits, refreshes or fails as usual.
 */
export function freshTokenOf(tokens: LiveDataTokenSource): string | undefined {
  const read = (tokens as FreshTokenReader)[FRESH_ACCESS_TOKEN];
  if (typeof read !== 'function') return undefined;
  const token = read.call(tokens);
  return typeof token === 'string' && token !== '' ? token : undefined;
}
