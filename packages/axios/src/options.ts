import type { TokenManager } from '@livedata/core';

/**
 * What the adapter needs from a token source: a `TokenManager` from `@livedata/core`
 * satisfies it. Refresh, single-flight and the "fresh token rejected" guard all live there;
 * `handleUnauthorized` is used when present, else `invalidate`.
 */
export type LiveDataTokenSource = Pick<TokenManager, 'getAccessToken' | 'invalidate' | 'baseUrl'> &
  Partial<Pick<TokenManager, 'handleUnauthorized'>>;

/** Options of {@link attachLiveDataAuth}. */
export interface LiveDataAxiosOptions {
  /**
   * More places that may receive the token, besides `tokens.baseUrl`. Each entry is an
   * absolute URL: an origin (`'https://files.example.com'`) allows every path on it, a URL
   * with a path (`'https://proxy.example.com/livedata'`) allows that path and below.
   * `https:` only, except loopback hosts (`localhost`, `127.0.0.0/8`, `[::1]`).
   * Default: none. Throws `LiveDataAuthError` code `config` at attach time for an invalid entry.
   */
  allowedOrigins?: readonly string[];
}

declare module 'axios' {
  interface AxiosRequestConfig {
    /**
     * `false` sends this request without the Live Data token (and without the 401 retry),
     * even when its URL is under the Live Data base URL. Default `true`. Set it on
     * `createLiveDataAxios(tokens, { liveDataAuth: false })` to make that the instance
     * default and opt single requests back in with `liveDataAuth: true`.
     */
    liveDataAuth?: boolean;
  }
}
