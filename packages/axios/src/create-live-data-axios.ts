import axios, { type AxiosInstance, type CreateAxiosDefaults } from 'axios';
import { attachLiveDataAuth } from './attach-live-data-auth.js';
import type { LiveDataAxiosOptions, LiveDataTokenSource } from './options.js';

/**
 * A new Axios instance for the Live Data API: `baseURL` is `tokens.baseUrl`, with
 * {@link attachLiveDataAuth} attached. The token is decided when a request is sent, so
 * interceptors you add (in any order) cannot route it elsewhere.
 *
 * `allowAbsoluteUrls` keeps Axios's default (`true`): an absolute URL under the base URL
 * (for example a link the API returned) is authenticated, one to any other host is sent
 * without the token. Pass `{ allowAbsoluteUrls: false }` to have Axios append every `url`
 * to `baseURL` instead (an absolute `url` then still gets the token only if it is itself
 * under the base URL).
 *
 * @param tokens - a `TokenManager` from `@livedata/core`.
 * @param axiosConfig - any `axios.create()` config; a `baseURL` here wins over `tokens.baseUrl`
 *   (the token still goes only under `tokens.baseUrl` and `allowedOrigins`).
 * @param options - see {@link LiveDataAxiosOptions}.
 * @returns the instance. Remove the authentication again with `instance.interceptors`'s
 *   `clear()`, or use {@link attachLiveDataAuth} on your own instance to get a detach function.
 */
export function createLiveDataAxios(
  tokens: LiveDataTokenSource,
  axiosConfig: CreateAxiosDefaults = {},
  options: LiveDataAxiosOptions = {},
): AxiosInstance {
  const instance = axios.create({ baseURL: tokens.baseUrl, ...axiosConfig });
  attachLiveDataAuth(instance, tokens, options);
  return instance;
}
