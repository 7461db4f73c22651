import { attachLiveDataAuth } from '@livedata/axios';
import { isUnderBaseUrl, TokenManager } from '@livedata/core';
import { HttpService } from '@nestjs/axios';
import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import axios from 'axios';
import { LIVE_DATA_UPSTREAM_ERROR } from './live-data.constants.js';

/**
 * An `@nestjs/axios` `HttpService` for the Live Data API: its own Axios instance, with
 * `baseURL` set to the token manager's `baseUrl` and `@livedata/axios` attached, so every
 * request to the API carries a fresh `Authorization` header and a 401 is retried once
 * with a new token. Requests to any other origin get no token.
 *
 * The token is added when a request is sent, only if it goes under the base URL, and is
 * never visible to your interceptors on `axiosRef`, nor in a printed or serialized response
 * or `AxiosError` (see `@livedata/axios`). Cancelling a request (unsubscribing, or an
 * `AbortSignal` in its config) while it waits for a token ends it with Axios's own
 * `CanceledError`, and nothing is sent.
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
  if (!axios.isAxiosError(error) || !error.config || !isSentUnder(error.config, baseUrl)) return;
  Object.defineProperty(error, LIVE_DATA_UPSTREAM_ERROR, { value: true, enumerable: false });
}

function isSentUnder(config: Parameters<typeof axios.getUri>[0], baseUrl: string): boolean {
  try {
    return isUnderBaseUrl(axios.getUri(config), baseUrl);
  } catch {
    return false;
  }
}
