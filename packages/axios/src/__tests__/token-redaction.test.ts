import { inspect } from 'node:util';
import type { TokenManager } from '@livedata/core';
import { leaksIn, printForms } from '@livedata/test-utils';
import { useDemoTokenManager, useMockServer } from '@livedata/test-utils/vitest';
import type { AxiosInstance } from 'axios';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { attachLiveDataAuth, type LiveDataTokenSource, REDACTED_AUTHORIZATION } from '../index.js';
import { type RecordingServer, startRecordingServer } from './recording-server.js';
import { axiosAdapterCases, FIND_BODY, FIND_PATH } from './support/axios-cases.js';

// Item: no interceptor, response or error shows the token, whatever the order the
// interceptors were registered in and however the object is printed. Every outcome a
// request can have, on both ends of the supported Axios range and both Node adapters
// (each version's own adapter, so the raw request objects are that version's).
/** A token source that remembers every token it handed out. */
function recordingSource(tokens: TokenManager): LiveDataTokenSource & { issued: string[] } {
  const issued: string[] = [];
  return {
    issued,
    baseUrl: tokens.baseUrl,
    invalidate: (token) => tokens.invalidate(token),
    handleUnauthorized: (token, path) => tokens.handleUnauthorized(token, path),
    getAccessToken: async (options) => {
      const token = await tokens.getAccessToken(options);
      issued.push(token);
      return token;
    },
  };
}

describe.each(axiosAdapterCases)(
  'no token in what Axios shows: %s',
  (_name, axios, adapterName) => {
    let refusing: string;
    let source: ReturnType<typeof recordingSource>;
    const mock = useMockServer();
    const tokens = useDemoTokenManager(mock);

    beforeAll(async () => {
      // An allowed place where nothing listens: a network error after the header was built.
      const closed: RecordingServer = await startRecordingServer();
      refusing = closed.origin;
      await closed.close();
    });
    beforeEach(() => {
      source = recordingSource(tokens);
    });

    interface Observed {
      /** Print forms of what each interceptor saw, rendered when it ran. */
      seen: Array<{ where: string; leaks: () => string[] }>;
      ran: Set<string>;
    }

    /**
     * An instance with request, response and error interceptors registered both before and
     * after `attachLiveDataAuth`; each records what it saw at the moment it ran (later
     * redaction must not hide a leak that already happened).
     */
    function instrumented(): { api: AxiosInstance; observed: Observed } {
      const observed: Observed = { seen: [], ran: new Set() };
      const api = axios.create({
        baseURL: source.baseUrl,
        adapter: axios.getAdapter(adapterName),
      });
      const look = (where: string, value: unknown) => {
        observed.ran.add(where);
        // Rendered now: the objects are changed later, and a leak that happened stays one.
        const rendered = Object.values(printForms(value));
        observed.seen.push({
          where,
          leaks: () =>
            rendered.some((text) => source.issued.some((token) => text.includes(token)))
              ? [where]
              : [],
        });
      };
      const register = (when: 'before' | 'after') => {
        api.interceptors.request.use(
          (config) => {
            look(`request interceptor ${when}`, config);
            return config;
          },
          (error: unknown) => {
            look(`request error interceptor ${when}`, error);
            return Promise.reject(error);
          },
        );
        api.interceptors.response.use(
          (response) => {
            look(`response interceptor ${when}`, response);
            return response;
          },
          (error: unknown) => {
            look(`error interceptor ${when}`, error);
            return Promise.reject(error);
          },
        );
      };
      register('before');
      attachLiveDataAuth(api, source, { allowedOrigins: [refusing] });
      register('after');
      return { api, observed };
    }

    async function settle(promise: Promise<unknown>): Promise<unknown> {
      return promise.then(
        (response) => response,
        (error: unknown) => error,
      );
    }

    function expectNoLeak(outcome: unknown, observed: Observed): void {
      expect(source.issued.length).toBeGreaterThan(0);
      const leaks = [
        ...observed.seen.flatMap((entry) => entry.leaks()),
        ...leaksIn('outcome', outcome, source.issued),
        ...leaksIn('outcome.config', (outcome as { config?: unknown }).config, source.issued),
        ...leaksIn('outcome.response', (outcome as { response?: unknown }).response, source.issued),
      ];
      expect(leaks).toEqual([]);
      const request = (outcome as { request?: unknown }).request;
      if (request) {
        // The raw request (Node's ClientRequest, or the fetch adapter's Request) stays
        // readable by code; printed on its own, or its headers read, it holds no token.
        const text = inspect(request, { showHidden: true, depth: 3 });
        expect(source.issued.some((token) => text.includes(token))).toBe(false);
        if (adapterName === 'fetch') {
          const headers = (request as Request).headers;
          expect(headers.get('authorization')).toBe(REDACTED_AUTHORIZATION);
        }
      }
    }

    const responseSide = ['response interceptor before', 'response interceptor after'];
    const errorSide = ['error interceptor before', 'error interceptor after'];
    const requestSide = ['request interceptor before', 'request interceptor after'];

    it('a successful response', async () => {
      const { api, observed } = instrumented();
      const outcome = await settle(api.post(FIND_PATH, FIND_BODY));
      expect(outcome).toMatchObject({ status: 200 });
      expect(mock.requests.at(-1)).toMatchObject({ route: 'people.find', auth: 'valid' });
      expect([...observed.ran].sort()).toEqual([...requestSide, ...responseSide].sort());
      expectNoLeak(outcome, observed);
      expect(
        (outcome as { config: { headers: { get(n: string): unknown } } }).config.headers.get(
          'Authorization',
        ),
      ).toBe('Bearer [redacted]');
    });

    it('a streamed response (Node’s response stream links back to the raw request)', async () => {
      const { api, observed } = instrumented();
      const outcome = await settle(api.post(FIND_PATH, FIND_BODY, { responseType: 'stream' }));
      expect(outcome).toMatchObject({ status: 200 });
      const data = (outcome as { data: { resume?: () => void; cancel?: () => Promise<void> } })
        .data;
      // Printed before anyone read `response.request`: the stream's `req` is that request.
      expect(leaksIn('outcome.data', data, source.issued)).toEqual([]);
      expectNoLeak(outcome, observed);
      if (typeof data.resume === 'function') data.resume();
      else await data.cancel?.();
    });

    it.each([403, 404, 429, 500, 503])('an API answer with status %i', async (status) => {
      const { api, observed } = instrumented();
      mock.inject('people.find', { kind: 'status', status });
      const outcome = await settle(api.post(FIND_PATH, FIND_BODY));
      expect(outcome).toMatchObject({ isAxiosError: true, response: { status } });
      expect(mock.requests.at(-1)?.auth).toBe('valid');
      expect([...observed.ran].sort()).toEqual([...requestSide, ...errorSide].sort());
      expectNoLeak(outcome, observed);
    });

    it('a 401 that the retry gets too (two tokens were sent)', async () => {
      const { api, observed } = instrumented();
      await api.post(FIND_PATH, FIND_BODY);
      mock.revokeAllTokens();
      mock.inject('people.find', { kind: 'status', status: 401 }, { times: 2 });
      const outcome = await settle(api.post(FIND_PATH, FIND_BODY));
      expect(outcome).toMatchObject({ isAxiosError: true, response: { status: 401 } });
      expect(new Set(source.issued).size).toBe(2);
      expectNoLeak(outcome, observed);
    });

    it('a connection closed without an answer', async () => {
      const { api, observed } = instrumented();
      mock.inject('people.find', { kind: 'reset' });
      const outcome = await settle(api.post(FIND_PATH, FIND_BODY));
      expect(outcome).toMatchObject({ isAxiosError: true });
      expect((outcome as { response?: unknown }).response).toBeUndefined();
      expect(mock.count('people.find')).toBe(1);
      expectNoLeak(outcome, observed);
    });

    it('a connection refused', async () => {
      const { api, observed } = instrumented();
      const outcome = await settle(api.get(`${refusing}/files/x`));
      expect(outcome).toMatchObject({ isAxiosError: true });
      expect((outcome as { response?: unknown }).response).toBeUndefined();
      expectNoLeak(outcome, observed);
    });

    it('a timeout', async () => {
      const { api, observed } = instrumented();
      mock.inject('people.find', { kind: 'hang' });
      const outcome = await settle(api.post(FIND_PATH, FIND_BODY, { timeout: 300 }));
      expect(outcome).toMatchObject({ isAxiosError: true });
      expect((outcome as { code?: string }).code).toMatch(/ECONNABORTED|ETIMEDOUT/);
      expectNoLeak(outcome, observed);
    });

    it('a request cancelled after it was sent', async () => {
      const { api, observed } = instrumented();
      mock.inject('people.find', { kind: 'hang' });
      const controller = new AbortController();
      const pending = settle(api.post(FIND_PATH, FIND_BODY, { signal: controller.signal }));
      await vi.waitFor(() => expect(mock.count('people.find')).toBe(1), { timeout: 15_000 });
      controller.abort();
      const outcome = await pending;
      expect(axios.isCancel(outcome)).toBe(true);
      expectNoLeak(outcome, observed);
    });
  },
);
