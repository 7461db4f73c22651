/**
 * Injection token of the resolved {@link LiveDataModuleOptions}. Inject it to read the
 * options the module was registered with (they include the credentials: never log them).
 */
export const LIVE_DATA_MODULE_OPTIONS: unique symbol = Symbol('LIVE_DATA_MODULE_OPTIONS');

/**
 * Marks an Axios error raised by a request that `LiveDataHttpService` sent to the Live Data
 * API, so `LiveDataExceptionFilter` can tell upstream failures from other Axios errors.
 * Registered globally so two copies of this package agree on it.
 * @internal
 */
export const LIVE_DATA_UPSTREAM_ERROR: unique symbol = Symbol.for('@livedata/nestjs.upstreamError');
