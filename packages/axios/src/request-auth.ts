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
  secrets: readonly string[],
): void {
  const other = (holder as { config?: { headers?: unknown } }).config;
  if (isObject(other) && other !== config) redactHeaders(other.headers, secrets);
}

function redactHeaders(headers: unknown, secrets: readonly string[]): void {
  if (!isAxiosHeaders(headers)) return;
  // The header as the adapter set it, under the name it set it with: AxiosHeaders keeps
  // each header as an own property, so this is one read and one write.
  const own = headers as unknown as Record<string, unknown>;
  if (secrets.length === 1 && own.Authorization === `Bearer ${secrets[0]}`) {
    own.Authorization = REDACTED_AUTHORIZATION;
    return;
  }
  const value = headers.get('Authorization');
  if (typeof value !== 'string') return;
  const redacted = redactSecrets(value, secrets);
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
 * `key` and `sent` are the header name and the value the adapter wrote: when the header
 * still holds that very value, it is replaced by one read and one write. This runs on every
 * request, with the caches cold from the HTTP stack in between, so it touches as little as
 * it can: no array, no closure, no header lookup.
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
  const own = config.headers as unknown as Record<string, unknown>;
  if (key !== undefined && own[key] === sent) own[key] = REDACTED_AUTHORIZATION;
  else redactHeaders(config.headers, [token]);
  const other = (response as { config?: unknown }).config;
  if (other !== config && isObject(other)) {
    redactHeaders((other as { headers?: unknown }).headers, [token]);
  }
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
 * from printing and JSON on the response, the error and the error's response.
 */
export function redactSent(
  config: InternalAxiosRequestConfig,
  outcome: unknown,
  token: string,
): void {
  const secrets = [token];
  redactHeaders(config.headers, secrets);
  // An error may wrap the adapter's own one (`AxiosError.from` keeps it as `cause`, with
  // its config, request and response): follow the chain a few links.
  const seen = new Set<object>();
  let current: unknown = outcome;
  for (let depth = 0; depth < 5 && isObject(current) && !seen.has(current); depth += 1) {
    seen.add(current);
    for (const holder of [current, (current as { response?: unknown }).response]) {
      if (!isObject(holder)) continue;
      redactOtherConfig(holder, config, secrets);
      scrubSentRequest((holder as { request?: unknown }).request, secrets);
      concealProperty(holder, 'request');
    }
    current = (current as { cause?: unknown }).cause;
  }
}

function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}
