import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { concealedResponse } from '../concealed-response.js';

// Item: the response handed back instead of the adapter's one reads, prints and compares as
// the plain object it replaces, except that its raw request is out of every printed form.
function adapterResponse() {
  const request = { _header: 'POST /x HTTP/1.1\r\nAuthorization: Bearer tok-secret\r\n' };
  const config = { url: '/x' };
  return {
    request,
    config,
    response: { status: 200, statusText: 'OK', headers: {}, config, request, data: { a: 1 } },
  };
}

describe('concealedResponse', () => {
  it('keeps every other property, in order, and `request` readable and assignable', () => {
    const { response, request } = adapterResponse();
    const reads: unknown[] = [];
    const concealed = concealedResponse(
      response,
      (value, argument) => reads.push([value, argument]),
      'tok-secret',
    ) as Record<string, unknown>;
    expect(Object.keys(concealed)).toEqual(['status', 'statusText', 'headers', 'config', 'data']);
    expect(concealed.data).toBe(response.data);
    expect(concealed.constructor).toBe(Object);
    expect('request' in concealed).toBe(true);
    expect(reads).toEqual([]);
    expect(concealed.request).toBe(request);
    expect(concealed.request).toBe(request);
    // Scrubbed once, on the first read, with the argument it was concealed with.
    expect(reads).toEqual([[request, 'tok-secret']]);
    concealed.request = 'replaced';
    expect(concealed.request).toBe('replaced');
    expect(reads).toEqual([[request, 'tok-secret']]);
  });

  it('never runs the scrub for a request assigned before the first read', () => {
    const { response } = adapterResponse();
    const reads: unknown[] = [];
    const concealed = concealedResponse(response, (value) => reads.push(value)) as Record<
      string,
      unknown
    >;
    concealed.request = 'mine';
    expect(concealed.request).toBe('mine');
    expect(reads).toEqual([]);
  });

  it('prints as a plain object, in every form, without the request', () => {
    const { response } = adapterResponse();
    // The argument (the token, for the scrub) is in no printed form either.
    const concealed = concealedResponse(response, () => {}, 'tok-secret');
    const plain = { ...response } as Partial<typeof response>;
    delete plain.request;
    for (const options of [{}, { showHidden: true, depth: Number.POSITIVE_INFINITY }]) {
      const text = inspect(concealed, options);
      expect(text).toBe(inspect(plain, options));
      expect(text).not.toContain('tok-secret');
    }
    expect(JSON.stringify(concealed)).toBe(JSON.stringify(plain));
    expect(String(concealed)).toBe('[object Object]');
    expect(Object.getOwnPropertyNames(concealed)).not.toContain('request');
  });

  it('leaves anything but a plain object with its own enumerable `request` to the caller', () => {
    class Custom {
      request = {};
    }
    const withoutRequest = { status: 200 };
    const hidden = Object.defineProperty({ status: 200 }, 'request', { value: {} });
    for (const response of [new Custom(), withoutRequest, hidden]) {
      expect(concealedResponse(response, () => {})).toBeUndefined();
    }
  });
});
