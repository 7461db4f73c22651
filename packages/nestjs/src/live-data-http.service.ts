import { attachLiveDataAuth } from '@livedata/axios';
import { TokenManager } from '@livedata/core';
import { HttpService } from '@nestjs/axios';
import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import axios, { type AxiosError } from 'axios';
import { LIVE_DATA_UPSTREAM_ERROR } from './live-data.constants.js';

/**
 * An `@nestjs/axios` `HttpService` for the Live Data API: its own Axios instance, with
 * `baseURL` set to the token manager's `baseUrl` and `@livedata/axios` attached, so every
 * request to the API carries a fresh `Authorization` header and a 401 is retried once
 * with a new token. Requests to any other origin get no token.
 *
 * It is deliberately not the instance of `HttpModule`: `HttpModule.register()` gives each
 * importing module its own Axios instance, so auth attached to one would not reach the
 * others. Inject this service wherever you call Live Data.
 *
 * @example
 * ```ts
 * const { data } = await firstValueFrom(
 *   this.http.post(`/people/v1/${orgId}/find`, { matches: [...] }),
 * );
 * ```
 */
@Injectable()
export class LiveDataHttpService extends HttpService implements OnApplicationShutdown {
  readonly #detach: () => void;

  /** Created by `LiveDataModule`; construct it yourself only outside Nest's container. */
  constructor(@Inject(TokenManager) tokens: TokenManager) {
    super(axios.create({ baseURL: tokens.baseUrl }));
    this.#detach = attachLiveDataAuth(this.axiosRef, tokens);
    // Registered after the auth interceptor, so it sees the final error (after a 401 retry).
    this.axiosRef.interceptors.response.use(undefined, (error: unknown) => {
      markLiveDataError(error, tokens.baseUrl);
      return Promise.reject(error);
    });
  }

  /** Detaches the auth interceptors; the token manager itself is closed by `LiveDataModule`. */
  onApplicationShutdown(): void {
    this.#detach();
  }
}

function markLiveDataError(error: unknown, baseUrl: string): void {
  if (!axios.isAxiosError(error) || !isUnderBaseUrl(error, baseUrl)) return;
  Object.defineProperty(error, LIVE_DATA_UPSTREAM_ERROR, { value: true, enumerable: false });
}

function isUnderBaseUrl(error: AxiosError, baseUrl: string): boolean {
  if (!error.config) return false;
  let url: URL;
  let base: URL;
  try {
    url = new URL(axios.getUri(error.config));
    base = new URL(baseUrl);
  } catch {
    return false;
  }
  const prefix = base.pathname.endsWith('/') ? base.pathname : `${base.pathname}/`;
  return (
    url.origin === base.origin &&
    (url.pathname === base.pathname || url.pathname.startsWith(prefix))
  );
}
