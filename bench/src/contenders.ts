/**
 * Everyone who runs in the benchmark, behind one interface: our two entry points, the
 * peers, and the static-header baselines they are divided by. Each contender is built
 * fresh per scenario (cold), against the scenario's own mock server.
 */

import { createLiveDataAxios } from '@livedata/axios';
import { createTokenManager, type TokenManager } from '@livedata/core';
import axios, { type AxiosInstance } from 'axios';
import { API_BODY, API_HEADERS, API_PATH, apiUrl } from './api-request.js';
import { createAxiosAuthRefreshClient } from './peers/axios-auth-refresh.js';
import type { ClientCredentials } from './peers/live-data-login.js';
import { createOAuth2Fetch } from './peers/oauth2-fetch.js';
import { VendorSampleAuth } from './peers/vendor-sample.js';

/** What a scenario needs to build a client. */
export interface ClientContext {
  baseUrl: string;
  credentials: ClientCredentials;
  /** A long-lived token for the static-header baselines. */
  staticToken: string;
}

/** A client under test. `request()` never rejects: it resolves with the HTTP status, or 0. */
export interface BenchClient {
  request(): Promise<number>;
  /** The cached-token getter, where the library has one. */
  getAccessToken?: () => Promise<string>;
  close(): Promise<void>;
}

/** One library (or baseline) in the benchmark. */
export interface Contender {
  id: string;
  label: string;
  /**
   * `floor`: not a library, the least a caller's own pattern costs with a constant token
   * (what any token source adds to the static header), measured like the libraries.
   */
  role: 'ours' | 'peer' | 'baseline' | 'floor';
  /** HTTP stack underneath; each contender is compared with the baseline on the same stack. */
  transport: 'fetch' | 'axios';
  create(ctx: ClientContext): BenchClient;
}

async function fetchStatus(promise: Promise<Response>): Promise<number> {
  try {
    const res = await promise;
    await res.arrayBuffer();
    return res.status;
  } catch {
    return 0;
  }
}

async function axiosStatus(promise: Promise<{ status: number }>): Promise<number> {
  try {
    return (await promise).status;
  } catch (error) {
    const status = (error as { response?: { status?: number } }).response?.status;
    return typeof status === 'number' ? status : 0;
  }
}

function axiosPost(instance: AxiosInstance): Promise<{ status: number }> {
  return instance.post(API_PATH, API_BODY, { headers: API_HEADERS });
}

/** The API call on plain fetch with `authorization` in headers built for this request. */
function postWithAuthorization(url: string, authorization: string): Promise<number> {
  const headers = { ...API_HEADERS, authorization };
  return fetchStatus(fetch(url, { method: 'POST', headers, body: API_BODY }));
}

/** Static `Authorization` header on plain fetch: the fetch-stack baseline. */
export const staticFetch: Contender = {
  id: 'static-fetch',
  label: 'static header (fetch)',
  role: 'baseline',
  transport: 'fetch',
  create: ({ baseUrl, staticToken }) => {
    const url = apiUrl(baseUrl);
    const headers = { ...API_HEADERS, authorization: `Bearer ${staticToken}` };
    return {
      request: () => fetchStatus(fetch(url, { method: 'POST', headers, body: API_BODY })),
      getAccessToken: () => Promise.resolve(staticToken),
      close: async () => {},
    };
  },
};

/** Static `Authorization` header on a plain Axios instance: the Axios-stack baseline. */
export const staticAxios: Contender = {
  id: 'static-axios',
  label: 'static header (axios)',
  role: 'baseline',
  transport: 'axios',
  create: ({ baseUrl, staticToken }) => {
    const instance = axios.create({
      baseURL: baseUrl,
      headers: { Authorization: `Bearer ${staticToken}` },
    });
    return { request: () => axiosStatus(axiosPost(instance)), close: async () => {} };
  },
};

/** One of ours: a fresh manager for `ctx`, and requests sent through it by `send`. */
function ourClient(
  ctx: ClientContext,
  send: (tokens: TokenManager) => () => Promise<number>,
): BenchClient {
  const tokens = createTokenManager({ baseUrl: ctx.baseUrl, credentials: ctx.credentials });
  return {
    request: send(tokens),
    getAccessToken: () => tokens.getAccessToken(),
    close: () => tokens.close(),
  };
}

/** `@livedata/core`: `tokens.fetch()`. */
export const liveDataCore: Contender = {
  id: 'livedata-core',
  label: '@livedata/core',
  role: 'ours',
  transport: 'fetch',
  create: (ctx) =>
    ourClient(
      ctx,
      (tokens) => () =>
        fetchStatus(
          tokens.fetch(API_PATH, { method: 'POST', headers: API_HEADERS, body: API_BODY }),
        ),
    ),
};

/** `@livedata/axios`: `createLiveDataAxios(tokens)`. */
export const liveDataAxios: Contender = {
  id: 'livedata-axios',
  label: '@livedata/axios',
  role: 'ours',
  transport: 'axios',
  create: (ctx) =>
    ourClient(ctx, (tokens) => {
      const instance = createLiveDataAxios(tokens);
      return () => axiosStatus(axiosPost(instance));
    }),
};

/**
 * `@livedata/core` without `tokens.fetch`: `getAuthorizationHeader()` and a plain `fetch`,
 * the pattern of a caller who keeps its own HTTP client. Overhead scenario only.
 */
export const liveDataHeaderFetch: Contender = {
  id: 'livedata-header-fetch',
  label: '@livedata/core getAuthorizationHeader() + fetch',
  role: 'ours',
  transport: 'fetch',
  create: (ctx) =>
    ourClient(ctx, (tokens) => {
      const url = apiUrl(ctx.baseUrl);
      return async () => {
        let authorization: string;
        try {
          authorization = await tokens.getAuthorizationHeader();
        } catch {
          return 0;
        }
        return postWithAuthorization(url, authorization);
      };
    }),
};

/**
 * The floor under `getAuthorizationHeader()` + fetch and the vendor sample: the same caller
 * pattern (await a token, build the request's headers) with a constant token. What it costs
 * over the static header is the pattern's, whatever the token source.
 */
export const headerPerRequestFloor: Contender = {
  id: 'floor-header-per-request',
  label: 'floor: await + headers built per request (constant token)',
  role: 'floor',
  transport: 'fetch',
  create: ({ baseUrl, staticToken }) => {
    const url = apiUrl(baseUrl);
    const token = Promise.resolve(`Bearer ${staticToken}`);
    return {
      request: async () => {
        const authorization = await token;
        return postWithAuthorization(url, authorization);
      },
      close: async () => {},
    };
  },
};

/** `axios-auth-refresh`, configured as its README recommends. */
export const axiosAuthRefresh: Contender = {
  id: 'axios-auth-refresh',
  label: 'axios-auth-refresh',
  role: 'peer',
  transport: 'axios',
  create: ({ baseUrl, credentials }) => {
    const instance = createAxiosAuthRefreshClient(baseUrl, credentials);
    return { request: () => axiosStatus(axiosPost(instance)), close: async () => {} };
  },
};

/** `@badgateway/oauth2-client` `OAuth2Fetch`. */
export const oauth2Fetch: Contender = {
  id: 'oauth2-fetch',
  label: '@badgateway/oauth2-client',
  role: 'peer',
  transport: 'fetch',
  create: ({ baseUrl, credentials }) => {
    const wrapper = createOAuth2Fetch(baseUrl, credentials);
    const url = apiUrl(baseUrl);
    return {
      request: () =>
        fetchStatus(wrapper.fetch(url, { method: 'POST', headers: API_HEADERS, body: API_BODY })),
      getAccessToken: () => wrapper.getAccessToken(),
      close: async () => {},
    };
  },
};

/** The vendor's sample class, ported, in front of plain fetch. */
export const vendorSample: Contender = {
  id: 'vendor-sample',
  label: 'vendor sample (port)',
  role: 'peer',
  transport: 'fetch',
  create: ({ baseUrl, credentials }) => {
    const auth = new VendorSampleAuth({ baseUrl, credentials });
    const url = apiUrl(baseUrl);
    return {
      request: async () => {
        let token: string;
        try {
          token = await auth.getToken();
        } catch {
          return 0;
        }
        return postWithAuthorization(url, `Bearer ${token}`);
      },
      getAccessToken: () => auth.getToken(),
      close: async () => {},
    };
  },
};

/** Libraries compared in every scenario, ours first. */
export const libraries: Contender[] = [
  liveDataCore,
  liveDataAxios,
  axiosAuthRefresh,
  oauth2Fetch,
  vendorSample,
];

/** The static-header baseline on the same HTTP stack as `contender`. */
export function baselineFor(contender: Contender): Contender {
  return contender.transport === 'axios' ? staticAxios : staticFetch;
}

/** Every contender of the overhead scenario: the baselines, the libraries, and ours without `tokens.fetch`. */
export const overheadContenders: Contender[] = [
  staticFetch,
  staticAxios,
  ...libraries,
  liveDataHeaderFetch,
  headerPerRequestFloor,
];
