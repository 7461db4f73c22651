import { concealProperty, REDACTED, redactSecrets } from '@livedata/core';
import type { InternalAxiosRequestConfig } from 'axios';
import { concealedResponse } from './concealed-response.js';
import { scrubSentRequest } from './sent-request.js';

/** What a request carries in `Authorization` after it completes: never the token itself. */
export const REDACTED_AUTHORIZATION = `Bearer ${REDACTED}`;

interface HeadersLike {
  get(name: string): unknown;
  set(name: string, value: string): unknown;
  delete(name: string): unknown;
}

/** Whether `headers` is an `AxiosHeaders` (of any installed Axios copy). */
export function isAxiosHeaders(headers: unknown): headers is HeadersLike {
  const candidate = headers as Partial<HeadersLike> | null | undefined;
  return (
    typeof candidate?.get === 'function' &&
    typeof candidate.set === 'function' &&
    typeof candidate.delete === 'function'
  );
}

/** The `Authorization` of a config `holder` points to, when it is not `config` itself. */
function redactOtherConfig(
  holder: object,
  config: InternalAxiosRequestConfig,
  token: string,
): void {
  const other = (holder as { config?: { headers?: unknown } }).config;
  if (isObject(other) && other !== config) redactHeaders(other.headers, token);
}

/**
 * Takes `token` out of the `Authorization` of `headers`. `key` and `sent` are the header name
 * and the exact value the adapter wrote, when known: while the header still holds that value
 * (AxiosHeaders keeps each header as an own property, under the name it was set with), this
 * is one read and one write. Any other value (an adapter that rewrote or renamed the header)
 * is redacted where `AxiosHeaders.get` finds it.
 */
function redactHeaders(
  headers: unknown,
  token: string,
  key = 'Authorization',
  sent?: string,
): void {
  if (!isAxiosHeaders(headers)) return;
  const own = headers as unknown as Record<string, unknown>;
  if (own[key] === (sent ?? `Bearer ${token}`)) {
    own[key] = REDACTED_AUTHORIZATION;
    return;
  }
  const value = headers.get('Authorization');
  if (typeof value !== 'string') return;
  const redacted = redactSecrets(value, [token]);
  if (redacted !== value) headers.set('Authorization', redacted);
}

const scrubWithToken = (request: unknown, token: string) => scrubSentRequest(request, [token]);

/**
 * {@link redactSent} for a response the adapter resolved with, and the response to resolve
 * with instead: the `Authorization` of `config` reads {@link REDACTED_AUTHORIZATION}, and
 * `response.request` is concealed from printing and JSON, and scrubbed the first time code
 * reads it. A response whose `data` is a stream (Node's `IncomingMessage`, whose `req` is the
 * raw request) is scrubbed at once.
 *
 * `key` and `sent` are the header name and the value the adapter wrote (see
 * {@link redactHeaders}). This runs on every request, with the caches cold from the HTTP stack
 * in between, so it touches as little as it can: no array, no closure, no header lookup.
 */
export function redactResponse<T>(
  config: InternalAxiosRequestConfig,
  response: T,
  token: string,
  key?: string,
  sent?: string,
): T {
  if (config.responseType === 'stream' || !isObject(response)) {
    redactSent(config, response, token);
    return response;
  }
  redactHeaders(config.headers, token, key, sent);
  redactOtherConfig(response, config, token);
  const concealed = concealedResponse(response, scrubWithToken, token);
  if (concealed !== undefined) return concealed as T;
  concealProperty(response, 'request', (request) => scrubWithToken(request, token));
  return response;
}

/**
 * Once the adapter has settled (`outcome` is its response or its error), takes `token`
 * out of everything the caller and every response interceptor get back: the
 * `Authorization` of `config` (and of any other config the outcome points to) reads
 * {@link REDACTED_AUTHORIZATION}; the raw request object (Node's `ClientRequest`, which
 * keeps the header text, or a fetch `Request`) is scrubbed where it can be and concealed
 * from printing and JSON on the response, the error and the error's response. `key` and
 * `sent`, when given, are the header the adapter wrote (see {@link redactHeaders}).
 */
export function redactSent(
  config: InternalAxiosRequestConfig,
  outcome: unknown,
  token: string,
  key?: string,
  sent?: string,
): void {
  const secrets = [token];
  redactHeaders(config.headers, token, key, sent);
  // An error may wrap the adapter's own one (`AxiosError.from` keeps it as `cause`, with
  // its config, request and response): follow the chain a few links.
  const seen = new Set<object>();
  let current: unknown = outcome;
  for (let depth = 0; depth < 5 && isObject(current) && !seen.has(current); depth += 1) {
    seen.add(current);
    for (const holder of [current, (current as { response?: unknown }).response]) {
      if (!isObject(holder)) continue;
      redactOtherConfig(holder, config, token);
      scrubSentRequest((holder as { request?: unknown }).request, secrets);
      concealProperty(holder, 'request');
    }
    current = (current as { cause?: unknown }).cause;
  }
}

function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}
