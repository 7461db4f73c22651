/**
 * `axios-auth-refresh` set up the way its README recommends: a request interceptor that
 * attaches the current token, and `createAuthRefresh` with the default options
 * (`deduplicateRefresh: true`, status 401) whose refresh logic signs in and stores the
 * new token. The sign-in uses a separate plain Axios instance, so the refresh call can
 * never be intercepted itself. It is reactive by design: it learns a token is missing or
 * expired from a 401.
 */
import axios, { type AxiosInstance } from 'axios';
import { createAuthRefresh } from 'axios-auth-refresh';
import { type ClientCredentials, sessionBody, sessionUrl, toSession } from './live-data-login.js';

/** An Axios instance authenticated by axios-auth-refresh. */
export function createAxiosAuthRefreshClient(
  baseUrl: string,
  credentials: ClientCredentials,
): AxiosInstance {
  const api = axios.create({ baseURL: baseUrl });
  const identity = axios.create();
  let token: string | undefined;

  api.interceptors.request.use((config) => {
    if (token) config.headers.set('Authorization', `Bearer ${token}`);
    return config;
  });

  // axios-auth-refresh's types see Axios's CommonJS declarations; the instance is the same.
  const instance = api as unknown as Parameters<typeof createAuthRefresh>[0];
  createAuthRefresh(
    instance,
    async (failedRequest: { response?: { config?: { headers?: unknown } } }) => {
      const res = await identity.post(sessionUrl(baseUrl), sessionBody(credentials), {
        headers: { 'content-type': 'application/json' },
      });
      token = toSession(res.data).accessToken;
      const headers = failedRequest.response?.config?.headers as
        | { set?: (name: string, value: string) => void }
        | undefined;
      headers?.set?.('Authorization', `Bearer ${token}`);
    },
  );

  return api;
}
