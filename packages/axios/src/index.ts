/**
 * `@livedata/axios`: one call makes an Axios instance authenticate to the Live Data API,
 * and only to it.
 *
 * @packageDocumentation
 */
export { attachLiveDataAuth } from './attach-live-data-auth.js';
export { createLiveDataAxios } from './create-live-data-axios.js';
export { toLiveDataApiError } from './live-data-api-error.js';
export type { LiveDataAxiosOptions, LiveDataTokenSource } from './options.js';
export { REDACTED_AUTHORIZATION } from './request-auth.js';
