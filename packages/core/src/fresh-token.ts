/**
 * The key of a manager's synchronous read of its cached token: `tokens[FRESH_ACCESS_TOKEN]()`
 * returns the token when it is fresh (the case `getAccessToken()` answers at once, with the
 * same `cache.hit` event), and `undefined` whenever a caller would have to wait or a refresh
 * is due: then the caller takes `getAccessToken()`. Not a public name: `@livedata/axios`
 * reads it through the same registered symbol (see its `fresh-token.ts`), so a request with
 * a fresh token goes out without waiting a turn for a promise; any other token source
 * simply lacks it.
 */
export const FRESH_ACCESS_TOKEN: unique symbol = Symbol.for('@livedata/core.freshAccessToken');
