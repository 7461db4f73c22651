import { redactSecrets } from '@livedata/core';

type Bag = Record<PropertyKey, unknown>;

/** The symbol of `ClientRequest`'s header map (`kOutHeaders`), once seen. */
let outHeaders: symbol | undefined;

function isBag(value: unknown): value is Bag {
  return typeof value === 'object' && value !== null;
}

function scrubHeaderValues(headers: unknown, secrets: readonly string[]): void {
  if (!isBag(headers)) return;
  for (const key of Object.keys(headers)) {
    const value = headers[key];
    if (typeof value === 'string') headers[key] = redactSecrets(value, secrets);
    else if (Array.isArray(value)) {
      // Node's header map: `{ authorization: ['Authorization', 'Bearer …'] }`.
      for (let i = 0; i < value.length; i += 1) {
        if (typeof value[i] === 'string') value[i] = redactSecrets(value[i], secrets);
      }
    }
  }
}

/** A socket that never connected keeps what was written to it (`_pendingData`). */
function scrubUnsentSocket(socket: unknown, secrets: readonly string[]): void {
  // Only a destroyed socket: a live one may still be writing.
  if (!isBag(socket) || socket.destroyed !== true) return;
  const pending = socket._pendingData;
  if (typeof pending === 'string') socket._pendingData = redactSecrets(pending, secrets);
  else if (Array.isArray(pending)) {
    for (const entry of pending) {
      if (isBag(entry) && typeof entry.chunk === 'string') {
        entry.chunk = redactSecrets(entry.chunk, secrets);
      }
    }
  }
}

/**
 * A fetch `Request` (the fetch adapter's `response.request` / `error.request`) keeps the
 * headers it was made with. Made by script, its headers are mutable (the `request` guard), so
 * the token is replaced there once the request is finished; a platform that hands back
 * immutable headers keeps them, concealed from printing only.
 */
function scrubFetchHeaders(headers: unknown, secrets: readonly string[]): void {
  if (!isBag(headers) || typeof headers.forEach !== 'function' || typeof headers.set !== 'function')
    return;
  const changed: Array<[string, string]> = [];
  (headers.forEach as (visit: (value: unknown, name: unknown) => void) => void).call(
    headers,
    (value, name) => {
      if (typeof value !== 'string' || typeof name !== 'string') return;
      const redacted = redactSecrets(value, secrets);
      if (redacted !== value) changed.push([name, redacted]);
    },
  );
  for (const [name, redacted] of changed) {
    try {
      (headers.set as (name: string, value: string) => void).call(headers, name, redacted);
    } catch {
      // Immutable headers (guard `immutable`): nothing to do but conceal the request.
    }
  }
}

/**
 * Removes `secrets` from a request object Axios's Node http adapter hands back once it is
 * finished: Node's `ClientRequest` keeps the header block it wrote (`_header`), its header
 * map (`kOutHeaders`) and, if it never connected, the queued chunks (`outputData`, and the
 * destroyed socket's `_pendingData`);
 * `follow-redirects` keeps the request options (`_options.headers`) and the current
 * `ClientRequest`. The fetch adapter's `Request` gets its `Authorization` replaced. Anything
 * else (an `XMLHttpRequest`) is left as it is: it is only concealed from printing.
 *
 * Only called after the adapter settled, when nothing of this request is written any more.
 */
export function scrubSentRequest(request: unknown, secrets: readonly string[]): void {
  const seen = new Set<object>();
  const visit = (value: unknown): void => {
    if (!isBag(value) || seen.has(value)) return;
    seen.add(value);
    scrubFetchHeaders(value.headers, secrets);
    if (typeof value._header === 'string') value._header = redactSecrets(value._header, secrets);
    // Node's header map sits under one symbol for the whole process: once found, it is
    // looked up directly, and the own symbols are scanned only for an object without it.
    if (outHeaders !== undefined && Object.hasOwn(value, outHeaders)) {
      scrubHeaderValues(value[outHeaders], secrets);
    } else {
      for (const symbol of Object.getOwnPropertySymbols(value)) {
        if (symbol.description === 'kOutHeaders') {
          outHeaders = symbol;
          scrubHeaderValues(value[symbol], secrets);
        }
      }
    }
    if (Array.isArray(value.outputData)) {
      for (const chunk of value.outputData) {
        if (isBag(chunk) && typeof chunk.data === 'string') {
          chunk.data = redactSecrets(chunk.data, secrets);
        }
      }
    }
    if (isBag(value._options)) scrubHeaderValues(value._options.headers, secrets);
    scrubUnsentSocket(value.socket, secrets);
    visit(value._currentRequest);
    visit(value._redirectable);
  };
  visit(request);
}
