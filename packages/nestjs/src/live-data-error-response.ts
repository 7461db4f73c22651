import { toLiveDataApiError } from '@livedata/axios';
import { classifyLiveDataFailure, type LiveDataFailure } from '@livedata/core';
import axios from 'axios';
import { LIVE_DATA_UPSTREAM_ERROR } from './live-data.constants.js';

/** Stable `code` of the JSON body `LiveDataExceptionFilter` answers with (core's failure codes). */
export type LiveDataErrorResponseCode = LiveDataFailure['code'];

/** The HTTP answer for a Live Data failure. Carries no token, secret or upstream body. */
export interface LiveDataErrorResponse {
  /** Status for the application's own client (404, 500, 502 or 503). */
  status: number;
  /** Value of the `Retry-After` header (seconds), when Live Data said how long to wait. */
  retryAfter?: string;
  /** JSON body, in the shape of Nest's own error bodies plus a stable `code`. */
  body: {
    /** Same as `status`. */
    statusCode: number;
    /** The status's reason phrase, e.g. `'Bad Gateway'`. */
    error: string;
    /** Stable machine-readable code. */
    code: LiveDataErrorResponseCode;
    /** What went wrong, safe to show; never a token, secret, upstream path or body. */
    message: string;
  };
}

const REASONS: Record<LiveDataFailure['status'], string> = {
  404: 'Not Found',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

/** Axios errors of requests `LiveDataHttpService` sent to Live Data, as core understands them. */
function fromAxios(error: unknown): unknown {
  if (!axios.isAxiosError(error)) return error;
  if ((error as unknown as Record<symbol, unknown>)[LIVE_DATA_UPSTREAM_ERROR] !== true) {
    return undefined; // an Axios error of some other service: not ours to answer
  }
  return error.response ? toLiveDataApiError(error) : 'unreachable';
}

/**
 * The answer a NestJS application should give its own client for a failed Live Data call,
 * or `undefined` when `error` is not one (then handle it as usual). The status, code,
 * message and `Retry-After` are decided once in `@livedata/core` (see
 * `classifyLiveDataFailure` for the table); this only puts them in Nest's body shape,
 * `{ statusCode, error, code, message }`. `LiveDataExceptionFilter` uses it; call it yourself
 * to build a custom filter.
 *
 * Recognised errors: `LiveDataApiError`, `LiveDataAuthError`, and Axios errors from requests
 * `LiveDataHttpService` sent to the Live Data API (no answer at all: 503 `upstream_unavailable`).
 */
export function toNestErrorResponse(error: unknown): LiveDataErrorResponse | undefined {
  const failure = classifyLiveDataFailure(fromAxios(error));
  if (!failure) return undefined;
  const response: LiveDataErrorResponse = {
    status: failure.status,
    body: {
      statusCode: failure.status,
      error: REASONS[failure.status],
      code: failure.code,
      message: failure.message,
    },
  };
  if (failure.retryAfterSeconds !== undefined) {
    response.retryAfter = String(failure.retryAfterSeconds);
  }
  return response;
}
