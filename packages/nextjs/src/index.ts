/**
 * Next.js (App Router) server helpers for the Live Data API.
 *
 * Server-only: `server-only` makes importing this package from a client component fail
 * the build, so the credentials and tokens it handles cannot reach the browser.
 *
 * @packageDocumentation
 */
import 'server-only';

export type { TokenManager, TokenManagerOptions } from '@livedata/core';
export { LiveDataApiError, LiveDataAuthError } from '@livedata/core';
export { type LiveDataErrorBody, toNextErrorResponse } from './error-response.js';
export {
  type GetLiveDataTokenOptions,
  getLiveDataToken,
  liveDataFetch,
} from './live-data-fetch.js';
export { configureTokenManager, getTokenManager } from './token-manager-singleton.js';
export {
  type DefaultRouteContext,
  type LiveDataRouteHelpers,
  type WithLiveDataOptions,
  withLiveData,
} from './with-live-data.js';
