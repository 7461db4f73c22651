import type { AxiosInstance, AxiosResponse, InternalAxiosRequestConfig } from 'axios';
import { isAxiosErrorLike } from './live-data-api-error.js';
import type { LiveDataAxiosOptions, LiveDataTokenSource } from './options.js';
import { createRedirectGuards } from './redirect-guard.js';
import {
  carriesOurToken,
  RequestAuth,
  readRequestAuth,
  redactFinished,
  redactResponse,
  writeRequestAuth,
} from './request-auth.js';
import { resolveFullPath, resolveRequestUrl } from './request-url.js';
import { createUrlScope } from './url-scope.js';

function hasExplicitAuthorization(config: InternalAxiosRequestConfig): boolean {
  const value = config.headers.get('Authorization');
  return value !== undefined && value !== null && value !== false && value !== '';
}

function abortSignalOf(config: InternalAxiosRequestConfig): { signal?: AbortSignal } {
  return config.signal instanceof AbortSignal ? { signal: config.signal } : {};
}

function isReplayable(config: InternalAxiosRequestConfig): boolean {
  // A stream body is consumed by the first attempt and cannot be sent again.
  const data = config.data as { pipe?: unknown; getReader?: unknown } | null | undefined;
  return !(data && (typeof data.pipe === 'function' || typeof data.getReader === 'function'));
}

function pathOf(instance: AxiosInstance, config: InternalAxiosRequestConfig): string {
  try {
    return resolveRequestUrl(instance, config)?.pathname ?? '';
  } catch {
    return '';
  }
}

function shouldRetry(tokens: LiveDataTokenSource, rejected: string, path: string): boolean {
  if (typeof tokens.handleUnauthorized === 'function')
    return tokens.handleUnauthorized(rejected, path);
  tokens.invalidate(rejected);
  return true;
}

/**
 * Makes `instance` authenticate its requests to the Live Data API with `tokens`.
 *
 * - `Authorization: Bearer …` is added only when the request's fully resolved URL (as
 *   `instance.getUri(config)` computes it: `baseURL` + `url`, `params`, `allowAbsoluteUrls`)
 *   is under `tokens.baseUrl` (same origin and path prefix) or under an `allowedOrigins`
 *   entry. Anything else, including absolute and protocol-relative URLs to other hosts, is
 *   sent untouched. On Node's http adapter, a redirect that leaves those places drops it.
 * - A request that already has an `Authorization` header, or sets `liveDataAuth: false`,
 *   is left alone.
 * - A 401 answer to a request the adapter authenticated: the sent token is invalidated
 *   (`tokens.handleUnauthorized`, or `tokens.invalidate`) and the request is sent once more
 *   with a fresh token, unless the manager says a retry cannot help (API keys, or a token
 *   minted moments ago to replace a rejected one). The retry
 *   goes straight to the adapter with the config your request interceptors already
 *   produced; your response interceptors see only its outcome. A second 401 is returned as
 *   the usual `AxiosError`. Many concurrent 401s cause one refresh (the token manager
 *   shares it).
 * - When a request finishes, its `config.headers.Authorization` reads
 *   `'Bearer [redacted]'` and the raw `request` is non-enumerable, so logging the response
 *   or error does not print the token.
 *
 * If `tokens.getAccessToken()` fails (for example `LiveDataAuthError` code
 * `invalid_credentials`), the request rejects with that error and is not sent.
 *
 * Axios runs request interceptors in reverse order of registration: request interceptors
 * registered before this call run after it, and a URL they change is not re-checked.
 *
 * @param instance - the Axios instance to extend (e.g. from `axios.create()`).
 * @param tokens - a `TokenManager` from `@livedata/core`.
 * @param options - see {@link LiveDataAxiosOptions}.
 * @returns a function that removes both interceptors again (idempotent).
 * @throws TypeError when an `allowedOrigins` entry is not an absolute https URL.
 */
export function attachLiveDataAuth(
  instance: AxiosInstance,
  tokens: LiveDataTokenSource,
  options: LiveDataAxiosOptions = {},
): () => void {
  const scope = createUrlScope(tokens.baseUrl, options.allowedOrigins);
  const guardRedirects = createRedirectGuards(scope);
  let retryClient: AxiosInstance | undefined;
  const inScope = (config: InternalAxiosRequestConfig): boolean =>
    scope(resolveFullPath(instance, config));

  const onRequest = async (
    config: InternalAxiosRequestConfig,
  ): Promise<InternalAxiosRequestConfig> => {
    const ours = carriesOurToken(config);
    if (config.liveDataAuth === false || !inScope(config)) {
      // A re-sent config may still carry our (redacted) header: never let it travel elsewhere.
      if (ours) config.headers.delete('Authorization');
      return config;
    }
    if (!ours && hasExplicitAuthorization(config)) return config;

    const token = await tokens.getAccessToken(abortSignalOf(config));
    config.headers.set('Authorization', `Bearer ${token}`);
    writeRequestAuth(config, new RequestAuth(token));
    config.beforeRedirect = guardRedirects(config.beforeRedirect);
    return config;
  };

  const onRejected = async (error: unknown): Promise<AxiosResponse> => {
    if (!isAxiosErrorLike(error)) throw error;
    const config = error.config;
    const auth = readRequestAuth(config);
    if (
      !config ||
      !auth ||
      error.response?.status !== 401 ||
      auth.retried ||
      !carriesOurToken(config) ||
      !isReplayable(config)
    ) {
      redactFinished(config, [error, error.response]);
      throw error;
    }

    auth.retried = true;
    const rejected = auth.token;
    // The manager decides whether a retry can help (it will not for an API key, or for a
    // token minted moments ago to replace a rejected one) and invalidates the token.
    if (!shouldRetry(tokens, rejected, pathOf(instance, config))) {
      redactFinished(config, [error, error.response]);
      throw error;
    }
    let fresh: string;
    try {
      fresh = await tokens.getAccessToken(abortSignalOf(config));
    } finally {
      redactFinished(config, [error, error.response]);
    }
    // The manager kept the same token (it was minted moments ago): re-sending cannot help.
    // Without `create` (a wrapped, non-Axios instance) there is no interceptor-free retry.
    if (fresh === rejected || typeof instance.create !== 'function') throw error;

    auth.replaceToken(fresh);
    config.headers.set('Authorization', `Bearer ${fresh}`);
    // A bare clone of the instance: the retry skips the interceptor chain, so interceptors
    // do not run twice and the retry can never be retried again.
    retryClient ??= instance.create();
    try {
      return redactResponse(await retryClient.request(config));
    } catch (retryError) {
      if (isAxiosErrorLike(retryError)) {
        redactFinished(retryError.config, [retryError, retryError.response]);
      }
      throw retryError;
    }
  };

  const requestId = instance.interceptors.request.use(onRequest);
  const responseId = instance.interceptors.response.use(redactResponse, onRejected);
  let attached = true;
  return () => {
    if (!attached) return;
    attached = false;
    instance.interceptors.request.eject(requestId);
    instance.interceptors.response.eject(responseId);
  };
}
