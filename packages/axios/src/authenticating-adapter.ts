import axios, {
  type AxiosAdapter,
  type AxiosRequestConfig,
  type AxiosResponse,
  type InternalAxiosRequestConfig,
} from 'axios';
import { freshTokenOf } from './fresh-token.js';
import { isAxiosErrorLike } from './live-data-api-error.js';
import type { LiveDataTokenSource } from './options.js';
import type { createRedirectGuards } from './redirect-guard.js';
import {
  isAxiosHeaders,
  REDACTED_AUTHORIZATION,
  redactResponse,
  redactSent,
} from './request-auth.js';
import { parseSentUrl, type SentUrlDecision } from './request-url.js';

/** What an authenticating adapter needs from its {@link attachLiveDataAuth} call. */
export interface AdapterAuth {
  tokens: LiveDataTokenSource;
  /** Where a config may be sent with the token: the scope, applied to every URL reading. */
  decide: (config: InternalAxiosRequestConfig) => SentUrlDecision;
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

/**
 * Whether the request's own `Authorization` value stands: any value but an empty one.
 * `false` is Axios's way of saying "send no such header", and is kept too.
 */
function isExplicitAuthorization(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '';
}

type HeaderBag = Record<string, unknown>;

/**
 * The own property of `headers` (an `AxiosHeaders`, which keeps every header as an own
 * property under the name it was set with) that holds `Authorization`, in any letter case:
 * the last one, as `AxiosHeaders.get` finds it.
 */
function authorizationKeyOf(headers: object): string | undefined {
  const keys = Object.keys(headers);
  for (let i = keys.length - 1; i >= 0; i -= 1) {
    const key = keys[i] as string;
    if (key.length === 13 && key.toLowerCase() === 'authorization') return key;
  }
  return undefined;
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
const NOT_CANCELLABLE: Cancellation = Object.freeze({
  signal: undefined,
  throwIfCancelled: () => {},
  release: () => {},
});

function cancellationOf(config: InternalAxiosRequestConfig): Cancellation {
  // Most requests have neither: no `AbortSignal` lookup for them.
  if (config.signal == null && config.cancelToken === undefined) return NOT_CANCELLABLE;
  const own = config.signal instanceof AbortSignal ? config.signal : undefined;
  const cancelToken = config.cancelToken as CancelTokenLike | undefined;
  if (own === undefined && cancelToken === undefined) return NOT_CANCELLABLE;
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

/** `getAccessToken` options for a request: its cancellation, when it has one. */
function tokenOptions(cancellation: Cancellation): { signal?: AbortSignal } {
  return cancellation.signal ? { signal: cancellation.signal } : {};
}

function shouldRetry(tokens: LiveDataTokenSource, rejected: string, path: string): boolean {
  if (typeof tokens.handleUnauthorized === 'function')
    return tokens.handleUnauthorized(rejected, path);
  tokens.invalidate(rejected);
  return true;
}

/**
 * Sends `config` through `adapter` with `token` in `headers[key]`, and redacts it from the
 * outcome before anyone else sees it; a rejection then goes to `onRejected` (the 401 retry).
 * Not an async function: one promise turn fewer on every request.
 *
 * The header is written as a plain property, as `AxiosHeaders.set` would store it, without
 * its value sanitizing: a token from `@livedata/core` is visible ASCII, and any other value
 * that no header may carry is refused by the HTTP stack, never changed into another token.
 */
function sendWithToken(
  adapter: AxiosAdapter,
  config: InternalAxiosRequestConfig,
  key: string,
  token: string,
  onRejected: (error: unknown) => Promise<AxiosResponse>,
): Promise<AxiosResponse> {
  const value = `Bearer ${token}`;
  (config.headers as unknown as HeaderBag)[key] = value;
  let sent: Promise<AxiosResponse>;
  try {
    sent = Promise.resolve(adapter(config));
  } catch (error) {
    redactSent(config, error, token, key, value);
    return onRejected(error);
  }
  return sent.then(
    (response) => redactResponse(config, response, token, key, value),
    (error: unknown) => {
      redactSent(config, error, token, key, value);
      return onRejected(error);
    },
  );
}

const rethrow = (error: unknown): never => {
  throw error;
};

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
  const { tokens, decide, guardRedirects } = auth;

  // A 401 to `token`: retried here, once, with a fresh token, when the manager says a retry
  // can help; otherwise `error` is the outcome.
  const retryAfter401 = async (
    error: unknown,
    send: AxiosAdapter,
    config: InternalAxiosRequestConfig,
    decision: SentUrlDecision,
    key: string,
    token: string,
    cancellation: Cancellation,
  ): Promise<AxiosResponse> => {
    if (
      !isAxiosErrorLike(error) ||
      error.response?.status !== 401 ||
      !isReplayable(config) ||
      // The manager decides whether a retry can help (it will not for an API key, or
      // for a token minted moments ago to replace a rejected one).
      !shouldRetry(tokens, token, parseSentUrl(decision.reading)?.pathname ?? '')
    ) {
      throw error;
    }
    const fresh = await tokens.getAccessToken(tokenOptions(cancellation));
    // The manager kept the same token: re-sending cannot help.
    if (fresh === token) throw error;
    cancellation.throwIfCancelled();
    return sendWithToken(send, config, key, fresh, rethrow);
  };

  // The path with a wait: no fresh token cached, or a request that can be cancelled.
  const waitAndSend = async (
    send: AxiosAdapter,
    config: InternalAxiosRequestConfig,
    decision: SentUrlDecision,
    key: string,
    cancellation: Cancellation,
  ): Promise<AxiosResponse> => {
    try {
      let token = cancellation.signal?.aborted ? undefined : freshTokenOf(tokens);
      if (token === undefined) {
        try {
          token = await tokens.getAccessToken(tokenOptions(cancellation));
        } catch (error) {
          cancellation.throwIfCancelled();
          throw error;
        }
      }
      cancellation.throwIfCancelled();
      config.beforeRedirect = guardRedirects(config.beforeRedirect);
      const sentToken = token;
      return await sendWithToken(send, config, key, sentToken, (error) =>
        retryAfter401(error, send, config, decision, key, sentToken, cancellation),
      );
    } finally {
      cancellation.release();
    }
  };

  const adapter: AxiosAdapter = (config) => {
    try {
      const send = resolveAdapter(setting, config);
      const headers = config.headers;
      if (!isAxiosHeaders(headers)) return Promise.resolve(send(config));
      let key = authorizationKeyOf(headers);
      let explicit = key === undefined ? undefined : (headers as unknown as HeaderBag)[key];
      // The marker a finished request keeps is never a credential: a re-sent config drops it.
      if (explicit === REDACTED_AUTHORIZATION) {
        headers.delete('Authorization');
        key = undefined;
        explicit = undefined;
      }
      if (config.liveDataAuth === false || isExplicitAuthorization(explicit)) {
        return Promise.resolve(send(config));
      }
      // An empty value is replaced where it is, as `AxiosHeaders.set` would.
      const header = key ?? 'Authorization';
      const decision = decide(config);
      if (!decision.allowed) return Promise.resolve(send(config));

      const cancellation = cancellationOf(config);
      // The common case: nothing to cancel and a fresh token cached. It is read at once and
      // the request goes out in this turn, with no async frame of ours around it.
      const token = cancellation === NOT_CANCELLABLE ? freshTokenOf(tokens) : undefined;
      if (token === undefined) return waitAndSend(send, config, decision, header, cancellation);
      config.beforeRedirect = guardRedirects(config.beforeRedirect);
      return sendWithToken(send, config, header, token, (error) =>
        retryAfter401(error, send, config, decision, header, token, cancellation),
      );
    } catch (error) {
      return Promise.reject(error);
    }
  };
  wrapped.set(adapter, setting);
  return adapter;
}

function sameNames(setting: unknown, names: readonly string[]): boolean {
  if (!Array.isArray(setting) || setting.length !== names.length) return false;
  for (let i = 0; i < names.length; i += 1) if (setting[i] !== names[i]) return false;
  return true;
}

/** How many distinct adapter names (or lists of names) one attachment keeps adapters for. */
const NAMED_SETTINGS = 16;

/**
 * {@link authenticatingAdapter} for every request of one attachment, built once per adapter
 * setting instead of per request: a function by identity, a name or list of names by its
 * text (Axios copies a list into every request's config).
 */
export function authenticatingAdapters(
  auth: AdapterAuth,
): (setting: AdapterSetting) => AxiosAdapter {
  const byFunction = new WeakMap<AxiosAdapter, AxiosAdapter>();
  const byName = new Map<string, AxiosAdapter>();
  let forDefault: AxiosAdapter | undefined;
  let last: { names: readonly string[]; adapter: AxiosAdapter } | undefined;
  return (setting) => {
    if (setting === undefined) {
      forDefault ??= authenticatingAdapter(undefined, auth);
      return forDefault;
    }
    if (typeof setting === 'function') {
      let adapter = byFunction.get(setting);
      if (adapter === undefined) {
        adapter = authenticatingAdapter(setting, auth);
        byFunction.set(setting, adapter);
      }
      return adapter;
    }
    const names = typeof setting === 'string' ? [setting] : setting;
    // Every request of an instance usually carries the same list (a fresh copy of Axios's
    // default): compared name by name with the last one, it needs no key.
    if (last !== undefined && sameNames(names, last.names)) return last.adapter;
    if (!Array.isArray(names) || !names.every((name) => typeof name === 'string')) {
      return authenticatingAdapter(setting, auth);
    }
    const key = names.join('\n');
    let adapter = byName.get(key);
    if (adapter === undefined) {
      // A copy: the caller's list may change later, the key would not.
      adapter = authenticatingAdapter(typeof setting === 'string' ? setting : [...names], auth);
      if (byName.size >= NAMED_SETTINGS) byName.clear();
      byName.set(key, adapter);
    }
    last = { names: [...names], adapter };
    return adapter;
  };
}
