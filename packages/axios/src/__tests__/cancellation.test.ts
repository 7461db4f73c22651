import { createTokenManager, type TokenManager } from '@livedata/core';
import {
  DEMO_ORG_ID,
  DEMO_PERSON_EMAIL,
  demoCredentials,
  type MockServer,
  startMockServer,
} from '@livedata/mock-server';
import axiosNewest, { type AxiosInstance, type AxiosRequestConfig, type AxiosStatic } from 'axios';
import axiosOldest from 'axios-oldest';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { attachLiveDataAuth } from '../index.js';

// Item: cancelling an Axios request while it waits for a token rejects with that Axios's
// own CanceledError, sends nothing, and does not cancel the shared refresh.
const FIND_PATH = `/people/v1/${DEMO_ORG_ID}/find`;
const FIND_BODY = {
  matches: [{ fields: [{ field_name: 'email_address', search_term: DEMO_PERSON_EMAIL }] }],
};
const oldest = axiosOldest as unknown as AxiosStatic;
const cases: Array<[string, AxiosStatic, 'http' | 'fetch']> = [
  [`axios ${axiosNewest.VERSION}, http adapter`, axiosNewest, 'http'],
  [`axios ${axiosNewest.VERSION}, fetch adapter`, axiosNewest, 'fetch'],
  [`axios ${oldest.VERSION}, http adapter`, oldest, 'http'],
  [`axios ${oldest.VERSION}, fetch adapter`, oldest, 'fetch'],
];

type Cancel = { options: AxiosRequestConfig; cancel(): void };

describe.each(cases)('cancelling while waiting for a token: %s', (_name, axios, adapter) => {
  let mock: MockServer;
  let tokens: TokenManager;
  let api: AxiosInstance;

  beforeAll(async () => {
    mock = await startMockServer();
  });
  afterAll(async () => {
    await mock.close();
  });
  beforeEach(() => {
    tokens = createTokenManager({
      credentials: {
        clientId: demoCredentials.clientId,
        clientSecret: demoCredentials.clientSecret,
      },
      baseUrl: mock.url,
    });
    api = axios.create({ baseURL: tokens.baseUrl, adapter: axios.getAdapter(adapter) });
    attachLiveDataAuth(api, tokens);
    mock.resetRequests();
  });
  afterEach(async () => {
    mock.clearFaults();
    await tokens.close();
  });

  const ways: Array<[string, () => Cancel]> = [
    [
      'an AbortController signal',
      () => {
        const controller = new AbortController();
        return { options: { signal: controller.signal }, cancel: () => controller.abort() };
      },
    ],
    [
      'a CancelToken',
      () => {
        const source = axios.CancelToken.source();
        return {
          options: { cancelToken: source.token },
          cancel: () => source.cancel('stopped by the caller'),
        };
      },
    ],
  ];

  function expectAxiosCancel(error: unknown): void {
    expect(axios.isCancel(error)).toBe(true);
    expect(error).toBeInstanceOf(axios.CanceledError);
  }

  it.each(ways)('at a cold start, with %s', async (_way, make) => {
    mock.inject('identity', { kind: 'hang' });
    const { options, cancel } = make();
    const pending = api.post(FIND_PATH, FIND_BODY, options).catch((e: unknown) => e);
    await vi.waitFor(() => expect(mock.count('identity')).toBe(1), { timeout: 15_000 });
    cancel();
    expectAxiosCancel(await pending);
    expect(mock.count('people.find')).toBe(0);
  });

  it.each(ways)('during the refresh after a 401, with %s', async (_way, make) => {
    await api.post(FIND_PATH, FIND_BODY);
    mock.revokeAllTokens();
    mock.inject('identity', { kind: 'hang' });
    mock.resetRequests();
    const { options, cancel } = make();
    const pending = api.post(FIND_PATH, FIND_BODY, options).catch((e: unknown) => e);
    await vi.waitFor(() => expect(mock.count('identity')).toBe(1), { timeout: 15_000 });
    cancel();
    expectAxiosCancel(await pending);
    expect(mock.count('people.find')).toBe(1);
  });

  it('cancels one caller, not the refresh the others wait for', async () => {
    // Identity answers only when the test lets it: no race with the abort.
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let started = () => {};
    const identityStarted = new Promise<void>((resolve) => {
      started = resolve;
    });
    const gated = createTokenManager({
      credentials: {
        clientId: demoCredentials.clientId,
        clientSecret: demoCredentials.clientSecret,
      },
      baseUrl: mock.url,
      fetch: async (input, init) => {
        started();
        await gate;
        return fetch(input, init);
      },
    });
    try {
      const http = axios.create({ baseURL: gated.baseUrl, adapter: axios.getAdapter(adapter) });
      attachLiveDataAuth(http, gated);
      const controller = new AbortController();
      const cancelled = http
        .post(FIND_PATH, FIND_BODY, { signal: controller.signal })
        .catch((e: unknown) => e);
      const waiting = http.post(FIND_PATH, FIND_BODY);
      await identityStarted;
      controller.abort();
      expectAxiosCancel(await cancelled);
      release();
      expect((await waiting).status).toBe(200);
      expect(mock.count('identity')).toBe(1);
      expect(mock.count('people.find')).toBe(1);
    } finally {
      await gated.close();
    }
  });
});
