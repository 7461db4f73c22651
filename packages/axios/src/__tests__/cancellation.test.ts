import { createTokenManager } from '@livedata/core';
import { DEMO_CLIENT, gatedFetch } from '@livedata/test-utils';
import { useDemoTokenManager, useMockServer } from '@livedata/test-utils/vitest';
import type { AxiosInstance, AxiosRequestConfig } from 'axios';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { attachLiveDataAuth } from '../index.js';
import { axiosAdapterCases, FIND_BODY, FIND_PATH } from './support/axios-cases.js';

// Item: cancelling an Axios request while it waits for a token rejects with that Axios's
// own CanceledError, sends nothing, and does not cancel the shared refresh.
type Cancel = { options: AxiosRequestConfig; cancel(): void };

describe.each(axiosAdapterCases)(
  'cancelling while waiting for a token: %s',
  (_name, axios, adapter) => {
    const mock = useMockServer();
    const tokens = useDemoTokenManager(mock);
    let api: AxiosInstance;

    beforeEach(() => {
      api = axios.create({ baseURL: tokens.baseUrl, adapter: axios.getAdapter(adapter) });
      attachLiveDataAuth(api, tokens);
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

    /** Sends a search, cancels it once the (hanging) identity call started, expects the cancel. */
    async function cancelDuringIdentityCall(make: () => Cancel): Promise<void> {
      mock.inject('identity', { kind: 'hang' });
      const { options, cancel } = make();
      const pending = api.post(FIND_PATH, FIND_BODY, options).catch((e: unknown) => e);
      await vi.waitFor(() => expect(mock.count('identity')).toBe(1), { timeout: 15_000 });
      cancel();
      expectAxiosCancel(await pending);
    }

    it.each(ways)('at a cold start, with %s', async (_way, make) => {
      await cancelDuringIdentityCall(make);
      expect(mock.count('people.find')).toBe(0);
    });

    it.each(ways)('during the refresh after a 401, with %s', async (_way, make) => {
      await api.post(FIND_PATH, FIND_BODY);
      mock.revokeAllTokens();
      mock.resetRequests();
      await cancelDuringIdentityCall(make);
      expect(mock.count('people.find')).toBe(1);
    });

    it('cancels one caller, not the refresh the others wait for', async () => {
      // Identity answers only when the test lets it: no race with the abort.
      const gate = gatedFetch();
      const gated = createTokenManager({
        credentials: DEMO_CLIENT,
        baseUrl: mock.url,
        fetch: gate.fetch,
      });
      try {
        const http = axios.create({ baseURL: gated.baseUrl, adapter: axios.getAdapter(adapter) });
        attachLiveDataAuth(http, gated);
        const controller = new AbortController();
        const cancelled = http
          .post(FIND_PATH, FIND_BODY, { signal: controller.signal })
          .catch((e: unknown) => e);
        const waiting = http.post(FIND_PATH, FIND_BODY);
        await gate.reached;
        controller.abort();
        expectAxiosCancel(await cancelled);
        gate.release();
        expect((await waiting).status).toBe(200);
        expect(mock.count('identity')).toBe(1);
        expect(mock.count('people.find')).toBe(1);
      } finally {
        await gated.close();
      }
    });
  },
);
