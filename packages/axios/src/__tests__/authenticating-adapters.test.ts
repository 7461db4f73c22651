import { describe, expect, it } from 'vitest';
import {
  type AdapterAuth,
  authenticatingAdapters,
  unwrapAdapter,
} from '../authenticating-adapter.js';

// Never called: these tests only ask which adapter a setting gets.
const auth = {
  tokens: {},
  decide: () => {
    throw new Error('not sent');
  },
  guardRedirects: () => undefined,
} as unknown as AdapterAuth;

describe('authenticatingAdapters: one adapter per adapter setting', () => {
  it('gives every fresh copy of the same list the same adapter, wrapping that list', () => {
    const adapterFor = authenticatingAdapters(auth);
    const first = adapterFor(['xhr', 'http', 'fetch']);
    expect(adapterFor(['xhr', 'http', 'fetch'])).toBe(first);
    expect(unwrapAdapter(first)).toEqual(['xhr', 'http', 'fetch']);
  });

  it('never answers one list with the adapter of another, however they alternate', () => {
    const adapterFor = authenticatingAdapters(auth);
    // A name and the list of just that name are the same setting to Axios (and share one).
    const lists = [['fetch'], ['http'], ['xhr', 'http', 'fetch'], 'fetch', ['http', 'fetch']];
    for (let round = 0; round < 3; round += 1) {
      for (const list of lists) {
        const setting = typeof list === 'string' ? list : [...list];
        expect([unwrapAdapter(adapterFor(setting))].flat()).toEqual([list].flat());
      }
    }
  });

  it('keeps its own copy: a list changed after use is a new setting', () => {
    const adapterFor = authenticatingAdapters(auth);
    const list = ['http'];
    const forHttp = adapterFor(list);
    list[0] = 'fetch';
    const forFetch = adapterFor(list);
    expect(forFetch).not.toBe(forHttp);
    expect(unwrapAdapter(forFetch)).toEqual(['fetch']);
    expect(unwrapAdapter(adapterFor(['http']))).toEqual(['http']);
  });
});
