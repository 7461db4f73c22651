import type { UrlScope } from '@livedata/core';
import axios, {
  type AxiosAdapter,
  type AxiosRequestConfig,
  type AxiosResponse,
  type InternalAxiosRequestConfig,
} from 'axios';
import { isAxiosErrorLike } from './live-data-api-error.js';
import type { LiveDataTokenSource } from './options.js';
import type { createRedirectGuards } from './redirect-guard.js';
import { isAxiosHeaders, REDACTED_AUTHORIZATION, redactSent } from './request-auth.js';
import { parseSentUrl, sentUrlReadings } from './request-url.js';

/** What an authenticating adapter needs from its {@link attachLiveDataAuth} call. */
export interface AdapterAuth {
  tokens: LiveDataTokenSource;
  scope: UrlScope;
  guardRedirects: ReturnType<typeof createRedirectGuards>;
}

type AdapterSetting = AxiosRequestConfig['adapter'];

/** Our adapters, each with the adapter setting it wraps. */
const wrapped = new WeakMap<AxiosAdapter, AdapterSetting>();

/** `setting` without any authenticating adapter around it (a re-sent config has one). */
export function unwrapAdapter(setting: AdapterSetting): AdapterSetting {
  let current = setting;
  while (typeof current === 'function' && wrapped.has(current)) current = wrapped.get(current);
  return current;
}

/** The adapter `setting` names, resolved as Axios's `dispatchRequest` does. */
function resolveAdapter(setting: AdapterSetting, config: InternalAxiosRequestConfig): AxiosAdapter {
  if (typeof setting === 'function') return setting;
  // Names ('http', 'fetch', the default list) resolve with the Axios this package imports:
  // the application's own copy whenever Axios is installed once.
  const resolve = axios.getAdapter as (adapters: unknown, config?: unknown) => AxiosAdapter;
  return resolve(setting || axios.defaults.adapter, config);
}

function hasExplicitAuthorization(headers: { get(name: string): unknown }): boolean {
  const value = headers.get('Authorization');
  return value !== undefined && value !== null && value !== false && value !== '';
}

function isReplayable(config: InternalAxiosRequestConfig): boolean {
  // A stream body is consumed by the first attempt and cannot be sent again.
  const data = config.data as
    | { pipe?: unknown; getReader?: unknown; [Symbol.asyncIterator]?: unknown }
    | null
    | undefined;
  return !(
    data &&
    (typeof data.pipe === 'function' ||
      typeof data.getReader === 'function' ||
      typeof data[Symbol.asyncIterator] === 'function')
  );
}

interface Cancellation {
  /** Aborts when the request's `signal` aborts or its `cancelToken` is cancelled. */
  signal: AbortSignal | undefined;
  /** Throws when the request was cancelled meanwhile. */
  throwIfCancelled(): void;
  release(): void;
}

interface CancelTokenLike {
  reason?: unknown;
  subscribe?(listener: () => void): void;
  unsubscribe?(listener: () => void): void;
}

/**
 * The request's cancellation as one `AbortSignal`, for the wait for a token. When the wait
 * is cut short, the adapter rejects and Axios's `dispatchRequest` (which checks `signal`
 * and `cancelToken` after every adapter rejection) turns that into its own
 * `CanceledError`, of the caller's Axios copy; a `cancelToken`'s reason already is one.
 */
function cancellationOf(config: InternalAxiosRequestConfig): Cancellation {
  const own = config.signal instanceof AbortSignal ? config.signal : undefined;
  const cancelToken = config.cancelToken as CancelTokenLike | undefined;
  const throwIfCancelled = () => {
    if (cancelToken?.reason) throw cancelToken.reason;
    if (own?.aborted) throw own.reason;
  };
  if (typeof cancelToken?.subscribe !== 'function') {
    return { signal: own, throwIfCancelled, release: () => {} };
  }
  const controller = new AbortController();
  const onCancel = () => controller.abort();
  cancelToken.subscribe(onCancel);
  return {
    signal: own ? AbortSignal.any([own, controller.signal]) : controller.signal,
    throwIfCancelled,
    release: () => cancelToken.unsubscribe?.(onCancel),
  };
}

function shouldRetry(tokens: LiveDataTokenSource, rejected: string, path: string): boolean {
  if (typeof tokens.handleUnauthorized === 'function')
    return tokens.handleUnauthorized(rejected, path);
  tokens.invalidate(rejected);
  return true;
}

async function sendWithToken(
  adapter: AxiosAdapter,
  config: InternalAxiosRequestConfig,
  token: string,
): Promise<AxiosResponse> {
  (config.headers as { set(name: string, value: string): unknown }).set(
    'Authorization',
    `Bearer ${token}`,
  );
  let response: AxiosResponse;
  try {
    response = await adapter(config);
  } catch (error) {
    redactSent(config, error, token);
    throw error;
  }
  redactSent(config, response, token);
  return response;
}

/**
 * An Axios adapter that wraps `setting` (the request's own adapter) and decides about the
 * token at the moment the request is sent: on the config every request interceptor
 * produced, whatever order they were registered in. The token is in `config.headers` only
 * while the wrapped adapter runs; when it settles, the header reads
 * {@link REDACTED_AUTHORIZATION} and the raw request is scrubbed and concealed, before any
 * response interceptor sees the outcome. A 401 to a token it sent is retried here, once,
 * with a fresh token, so response interceptors only ever see the final outcome.
 */
export function authenticatingAdapter(setting: AdapterSetting, auth: AdapterAuth): AxiosAdapter {
  const { tokens, scope, guardRedirects } = auth;
  const adapter: AxiosAdapter = async (config) => {
    const send = resolveAdapter(setting, config);
    const headers = config.headers;
    if (!isAxiosHeaders(headers)) return send(config);
    // The marker a finished request keeps is never a credential: a re-sent config drops it.
    if (headers.get('Authorization') === REDACTED_AUTHORIZATION) headers.delete('Authorization');
    if (config.liveDataAuth === false || hasExplicitAuthorization(headers)) return send(config);
    const readings = sentUrlReadings(config);
    if (!readings.every((url) => scope(url))) return send(config);

    const cancellation = cancellationOf(config);
    const options = cancellation.signal ? { signal: cancellation.signal } : {};
    try {
      let token: string;
      try {
        token = await tokens.getAccessToken(options);
      } catch (error) {
        cancellation.throwIfCancelled();
        throw error;
      }
      cancellation.throwIfCancelled();
      config.beforeRedirect = guardRedirects(config.beforeRedirect);
      try {
        return await sendWithToken(send, config, token);
      } catch (error) {
        if (
          !isAxiosErrorLike(error) ||
          error.response?.status !== 401 ||
          !isReplayable(config) ||
          // The manager decides whether a retry can help (it will not for an API key, or
          // for a token minted moments ago to replace a rejected one).
          !shouldRetry(tokens, token, parseSentUrl(readings[0] ?? '')?.pathname ?? '')
        ) {
          throw error;
        }
        const fresh = await tokens.getAccessToken(options);
        // The manager kept the same token: re-sending cannot help.
        if (fresh === token) throw error;
        cancellation.throwIfCancelled();
        return await sendWithToken(send, config, fresh);
      }
    } finally {
      cancellation.release();
    }
  };
  wrapped.set(adapter, setting);
  return adapter;
}
