import { createUrlScope } from '@livedata/core';
import type { AxiosInstance, InternalAxiosRequestConfig } from 'axios';
import { authenticatingAdapters, unwrapAdapter } from './authenticating-adapter.js';
import type { LiveDataAxiosOptions, LiveDataTokenSource } from './options.js';
import { createRedirectGuards } from './redirect-guard.js';
import { createSentUrlDecider } from './request-url.js';

/**
 * Makes `instance` authenticate its requests to the Live Data API with `tokens`.
 *
 * - `Authorization: Bearer …` is added at the moment the request is sent (the adapter is
 *   wrapped), on the config every request interceptor produced, whatever order they were
 *   registered in, and only when the URL the adapter builds (`baseURL` + `url`, with
 *   `allowAbsoluteUrls`) is under `tokens.baseUrl` (same origin and path prefix) or under an
 *   `allowedOrigins` entry. An absolute `url` must be allowed itself as well (not every
 *   supported Axios adapter honours `allowAbsoluteUrls: false`). Anything else, including
 *   absolute and protocol-relative URLs to other hosts, is sent untouched. On Node's http
 *   adapter, a redirect that leaves those places drops the header.
 * - A request that already has an `Authorization` header (`false` included: Axios's "send
 *   no such header"), or sets `liveDataAuth: false`, is left alone.
 * - A 401 answer to a request the adapter authenticated: the sent token is invalidated
 *   (`tokens.handleUnauthorized`, or `tokens.invalidate`) and the request is sent once more
 *   with a fresh token, unless the manager says a retry cannot help (API keys, or a token
 *   minted moments ago to replace a rejected one). The retry happens inside the adapter,
 *   so no interceptor runs twice and response interceptors (registered before or after
 *   this call) see only the final outcome. Many concurrent 401s cause one refresh.
 * - No interceptor ever sees the token: request interceptors run before it is added, and
 *   when the request finishes its `config.headers.Authorization` reads
 *   `'Bearer [redacted]'` and the raw `request` is scrubbed and concealed, before any
 *   response or error interceptor runs.
 * - Cancelling the request (`signal` or `cancelToken`) while it waits for a token rejects
 *   with Axios's own `CanceledError` (`axios.isCancel(error)` is true), and nothing is sent.
 *
 * If `tokens.getAccessToken()` fails (for example `LiveDataAuthError` code
 * `invalid_credentials`), the request rejects with that error and is not sent.
 *
 * A request interceptor that replaces `config.adapter` after this one ran (one registered
 * before this call) replaces the authentication too: such requests go without the token.
 *
 * @param instance - the Axios instance to extend (e.g. from `axios.create()`).
 * @param tokens - a `TokenManager` from `@livedata/core`.
 * @param options - see {@link LiveDataAxiosOptions}.
 * @returns a function that removes the authentication again (idempotent).
 * @throws LiveDataAuthError code `config` (`setting: 'allowedOrigins'`) when an entry is not an absolute https URL (plain http only for loopback hosts).
 */
export function attachLiveDataAuth(
  instance: AxiosInstance,
  tokens: LiveDataTokenSource,
  options: LiveDataAxiosOptions = {},
): () => void {
  const scope = createUrlScope(tokens.baseUrl, options.allowedOrigins);
  const auth = {
    tokens,
    decide: createSentUrlDecider(scope),
    guardRedirects: createRedirectGuards(scope),
  };

  // Only installs the authenticating adapter: the decision waits for the final config.
  // Synchronous (it never waits or throws), so that when every request interceptor is,
  // Axios sends without a promise turn per interceptor, as it does with none at all.
  const adapterFor = authenticatingAdapters(auth);
  const onRequest = (config: InternalAxiosRequestConfig): InternalAxiosRequestConfig => {
    config.adapter = adapterFor(unwrapAdapter(config.adapter));
    return config;
  };

  const requestId = instance.interceptors.request.use(onRequest, undefined, { synchronous: true });
  let attached = true;
  return () => {
    if (!attached) return;
    attached = false;
    instance.interceptors.request.eject(requestId);
  };
}
